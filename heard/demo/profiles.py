"""Who the demo's residents are, community by community: weights for each field's codes."""

from __future__ import annotations

import random

# community slug -> demographic profile: weights for each field's codes
PROFILES: dict[str, dict[str, dict[str, float]]] = {
    "somali-speaking-residents": {
        "ethnic_group": {"black_african": 0.9, "black_other": 0.06, "prefer_not_to_say": 0.04},
        "sex": {"female": 0.85, "male": 0.13, "prefer_not_to_say": 0.02},
        "main_language": {"so": 0.85, "en": 0.1, "ar": 0.05},
    },
    "turkish-speaking-residents": {
        "ethnic_group": {"white_other": 0.55, "other_any": 0.4, "prefer_not_to_say": 0.05},
        "main_language": {"tr": 0.9, "en": 0.1},
    },
    "kurdish-speaking-residents": {
        "ethnic_group": {"other_any": 0.6, "white_other": 0.35, "prefer_not_to_say": 0.05},
        "main_language": {"ku": 0.8, "tr": 0.2},
    },
    "deaf-bsl-users": {
        "ethnic_group": {
            "white_british": 0.5,
            "black_caribbean": 0.15,
            "asian_indian": 0.1,
            "white_irish": 0.1,
            "mixed_white_black_caribbean": 0.1,
            "prefer_not_to_say": 0.05,
        },
        "main_language": {"bfi": 0.9, "en": 0.1},
        "disability": {
            "disabled_a_lot": 0.4,
            "disabled_a_little": 0.4,
            "not_disabled": 0.15,
            "prefer_not_to_say": 0.05,
        },
    },
    "bangladeshi-elders": {
        "ethnic_group": {"asian_bangladeshi": 0.97, "prefer_not_to_say": 0.03},
        "age_band": {"50-64": 0.3, "65+": 0.7},
        "main_language": {"bn": 0.9, "en": 0.1},
        "disability": {"disabled_a_lot": 0.3, "disabled_a_little": 0.35, "not_disabled": 0.35},
    },
    "refugees-and-people-seeking-asylum": {
        "ethnic_group": {
            "black_african": 0.35,
            "other_arab": 0.2,
            "asian_other": 0.2,
            "white_other": 0.1,
            "other_any": 0.1,
            "prefer_not_to_say": 0.05,
        },
        "age_band": {"16-24": 0.3, "25-34": 0.4, "35-49": 0.25, "50-64": 0.05},
        "main_language": {"ar": 0.3, "ti": 0.25, "fa": 0.25, "en": 0.1, "other": 0.1},
    },
    "disabled-residents-in-social-housing": {
        "ethnic_group": {
            "white_british": 0.45,
            "black_african": 0.12,
            "black_caribbean": 0.12,
            "white_other": 0.1,
            "asian_bangladeshi": 0.06,
            "mixed_white_black_caribbean": 0.05,
            "white_irish": 0.05,
            "prefer_not_to_say": 0.05,
        },
        "disability": {"disabled_a_lot": 0.6, "disabled_a_little": 0.35, "prefer_not_to_say": 0.05},
        "age_band": {"25-34": 0.1, "35-49": 0.25, "50-64": 0.35, "65+": 0.3},
        "main_language": {"en": 0.9, "tr": 0.05, "bn": 0.05},
    },
    "black-caribbean-residents": {
        "ethnic_group": {"black_caribbean": 0.85, "mixed_white_black_caribbean": 0.1, "prefer_not_to_say": 0.05},
        "main_language": {"en": 1.0},
    },
    "polish-speaking-residents": {
        "ethnic_group": {"white_other": 0.95, "prefer_not_to_say": 0.05},
        "age_band": {"25-34": 0.35, "35-49": 0.4, "50-64": 0.2, "65+": 0.05},
        "main_language": {"pl": 0.9, "en": 0.1},
    },
    "arabic-speaking-residents": {
        "ethnic_group": {"other_arab": 0.8, "black_african": 0.1, "other_any": 0.05, "prefer_not_to_say": 0.05},
        "main_language": {"ar": 0.95, "en": 0.05},
    },
}

DEFAULTS: dict[str, dict[str, float]] = {
    "age_band": {"16-24": 0.12, "25-34": 0.22, "35-49": 0.3, "50-64": 0.2, "65+": 0.14, "prefer_not_to_say": 0.02},
    "sex": {"female": 0.58, "male": 0.4, "prefer_not_to_say": 0.02},
    "gender_identity": {
        "same_as_sex": 0.93,
        "non_binary": 0.01,
        "trans_woman": 0.005,
        "trans_man": 0.005,
        "prefer_not_to_say": 0.05,
    },
    "disability": {"disabled_a_lot": 0.12, "disabled_a_little": 0.14, "not_disabled": 0.7, "prefer_not_to_say": 0.04},
}
ENGLISH_BY_LANGUAGE = {"main_language": 1.0}
ENGLISH_OTHERWISE = {"very_well": 0.15, "well": 0.3, "not_well": 0.35, "cannot": 0.17, "prefer_not_to_say": 0.03}


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    codes = list(weights)
    return rng.choices(codes, weights=[weights[c] for c in codes], k=1)[0]
