"""Rebuild the name and word lists that heard.lib.redaction ships (run by hand; not imported by Heard).

    pip download faker==40.54.0 --no-deps -d /tmp    # the wheel is read, never installed or imported by Heard
    uv run python heard/privacy/data/make_lists.py --faker-wheel /tmp/faker-40.54.0-py3-none-any.whl \
        --fft ../shared/data/feedback/fft_v7_train.csv --wards ../shared/data/place/geo_lookups_codes_centroids \
        --english /usr/share/dict/british-english     # Debian's wbritish package (SCOWL)

Inputs and licences are in PROVENANCE.md beside this file. Outputs (gzip, one entry a line, sorted):
first_names.txt.gz, surnames.txt.gz, common_words.txt.gz, places.txt.gz, english_words.txt.gz.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import importlib
import re
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
# Faker locales whose person names are written in Latin script and match the communities Heard hears from.
FAKER_LOCALES = [
    "en_GB",
    "en_IE",
    "ga_IE",
    "en_NG",
    "ha_NG",
    "ig_NG",
    "yo_NG",
    "tw_GH",
    "en_KE",
    "sw",
    "en_PK",
    "en_IN",
    "en_US",
    "pl_PL",
    "pt_PT",
    "pt_BR",
    "tr_TR",
    "es_ES",
    "it_IT",
    "fr_FR",
    "ro_RO",
    "lt_LT",
    "de_DE",
    # Added 2026-11-30: more of the countries London's residents come from, Latin script
    "az_AZ",
    "cs_CZ",
    "sk_SK",
    "hu_HU",
    "hr_HR",
    "sl_SI",
    "lv_LV",
    "et_EE",
    "uz_UZ",
    "vi_VN",
    "id_ID",
    "zu_ZA",
    "nl_NL",
    "es_MX",
    "es_CO",
    "es_AR",
    "es_CL",
    "fr_CA",
    "de_AT",
    "en_NZ",
]
# Cyrillic-script locales, spelled in Latin as people in the UK write them ("Олена" -> "Olena").
CYRILLIC_LOCALES = ["uk_UA", "ru_RU", "bg_BG"]
LATIN_FOR = "a b v h g d e ye zh z y i yi i k l m n o p r s t u f kh ts ch sh shch a _ yu ya y e yo"
CYRILLIC = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщъьюяыэё", LATIN_FOR.split(), strict=True))


def _romanise(name: str, locale: str) -> str:
    table = dict(CYRILLIC)
    if locale != "uk_UA":  # Russian and Bulgarian spell two letters differently
        table.update({"г": "g", "и": "i", "ъ": "a" if locale == "bg_BG" else ""})
    out = "".join(table.get(c.lower(), c.lower()) if c.isalpha() else c for c in name).replace("_", "")
    return out[:1].upper() + out[1:]


TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _latin(name: str) -> bool:
    return all(c in "'-’" or unicodedata.name(c, "").startswith("LATIN") for c in name)


def _fold(name: str) -> str:
    """ASCII spelling of a name ("Wiśniewska" -> "Wisniewska"), as people often type it."""
    return unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L")).encode("ascii", "ignore").decode()


def _words(path: Path) -> set[str]:
    lines = (line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {word for line in lines for word in line.split()}


def faker_names(wheel: Path) -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(wheel).extractall(tmp)
        sys.path.insert(0, tmp)
        for locale in FAKER_LOCALES + CYRILLIC_LOCALES:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
            for attr in dir(provider):
                if not attr.startswith(("first_name", "last_name")):
                    continue
                value = getattr(provider, attr)
                if not isinstance(value, tuple | list | dict):
                    continue
                for name in value:
                    if isinstance(name, str) and locale in CYRILLIC_LOCALES:
                        name = _romanise(name, locale)
                    if isinstance(name, str) and " " not in name and len(name) > 1 and _latin(name):
                        (first if attr.startswith("first") else last).add(name)
    return first, last


def common_words(fft: Path) -> set[str]:
    """Words residents write in lower case more often than capitalised mid-sentence (so not names)."""
    lower: collections.Counter[str] = collections.Counter()
    capital: collections.Counter[str] = collections.Counter()
    with fft.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for sentence in re.split(r"(?<=[.!?])\s+|\n", row["text"]):
                for i, word in enumerate(TOKEN.findall(sentence)):
                    if word.islower():
                        lower[word] += 1
                    elif i > 0 and word[0].isupper() and word[1:].islower():
                        capital[word.lower()] += 1
    return {w for w, n in lower.items() if n >= 2 and n > capital[w]}


def ward_words(folder: Path) -> set[str]:
    words: set[str] = set()
    with (folder / "ward_all_codes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["RGNNM"] == "London":
                words.update(w for w in TOKEN.findall(row["WDNM"]) if w[0].isupper() and len(w) > 2)
                words.update(w for w in TOKEN.findall(row["LADNM"]) if w[0].isupper() and len(w) > 2)
    return words


def english_words(path: Path) -> set[str]:
    """Lower-case dictionary words (proper nouns in the dictionary are capitalised and left out)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {w for w in (line.strip() for line in lines) if re.fullmatch(r"[a-z]{2,}", w)}


def write(name: str, entries: set[str]) -> None:
    data = ("\n".join(sorted(entries)) + "\n").encode("utf-8")
    with (HERE / name).open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as zipped:
        zipped.write(data)  # mtime=0: the same lists give the same bytes
    print(f"{name}: {len(entries)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--faker-wheel", type=Path, required=True)
    parser.add_argument("--fft", type=Path, required=True)
    parser.add_argument("--wards", type=Path, required=True)
    parser.add_argument("--english", type=Path, required=True)
    args = parser.parse_args()
    f_first, f_last = faker_names(args.faker_wheel)
    curated_first = _words(SOURCES / "curated_first_names.txt")
    curated_last = _words(SOURCES / "curated_surnames.txt")
    first = f_first | curated_first
    last = f_last | curated_last
    first |= {_fold(n) for n in first}
    last |= {_fold(n) for n in last}
    common = common_words(args.fft) | {w.lower() for w in _words(SOURCES / "ambiguous_words.txt")}
    places = _words(SOURCES / "local_places.txt") | (ward_words(args.wards) - curated_first)
    write("first_names.txt.gz", {n for n in first if len(n) > 1})
    write("surnames.txt.gz", {n for n in last if len(n) > 1})
    write("common_words.txt.gz", common)
    write("places.txt.gz", places)
    write("english_words.txt.gz", english_words(args.english) - {n.lower() for n in curated_first | curated_last})


if __name__ == "__main__":
    main()
