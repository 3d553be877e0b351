"""Offline theme and sentiment suggestions for free-text comments (pure Python: scikit-learn, numpy, scipy).

from heard.lib.classify import load_default_model, train, train_default
model = load_default_model(cache_dir)          # the 32 national themes, trained from shipped data
model.predict(["The nurse listened to me"])    # -> [Prediction(themes=(ThemeScore(...), ...), sentiment=1, ...)]
model = train_default(texts, labels)           # plus a project's coded answers, local themes included
"""

from heard.lib.classify.data import framework, national_themes, shipped_training_data
from heard.lib.classify.default import load_default_model, train_default
from heard.lib.classify.model import (
    LABELLING_NOT_POSSIBLE,
    SENTIMENT_GROUPS,
    Matrices,
    Options,
    Prediction,
    ThemeModel,
    ThemeScore,
    is_blank,
    sentiment_group,
    train,
)

__all__ = [
    "LABELLING_NOT_POSSIBLE",
    "SENTIMENT_GROUPS",
    "Matrices",
    "Options",
    "Prediction",
    "ThemeModel",
    "ThemeScore",
    "framework",
    "is_blank",
    "load_default_model",
    "national_themes",
    "sentiment_group",
    "shipped_training_data",
    "train",
    "train_default",
]
