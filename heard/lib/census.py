"""ONS Census 2021 categories, as the ONS writes them, with short stable codes.

These are the answer options of Heard's standard demographic questions, and the keys that line residents'
answers up with the Census tables in `heard.place`. "Prefer not to say" is always offered.
"""

from __future__ import annotations

from typing import Final

PREFER_NOT_TO_SAY: Final = "prefer_not_to_say"
PREFER_NOT_TO_SAY_LABEL: Final = "Prefer not to say"

Choices = list[tuple[str, str]]

# Census 2021 six-category age bands (the ward and LSOA tables use these labels).
AGE_BANDS: Final[Choices] = [
    ("0-15", "Aged 15 years and under"),
    ("16-24", "Aged 16 to 24 years"),
    ("25-34", "Aged 25 to 34 years"),
    ("35-49", "Aged 35 to 49 years"),
    ("50-64", "Aged 50 to 64 years"),
    ("65+", "Aged 65 years and over"),
]

SEXES: Final[Choices] = [("female", "Female"), ("male", "Male")]

GENDER_IDENTITIES: Final[Choices] = [
    ("same_as_sex", "Gender identity the same as sex registered at birth"),
    ("different_no_identity", "Gender identity different from sex registered at birth but no specific identity given"),
    ("trans_woman", "Trans woman"),
    ("trans_man", "Trans man"),
    ("non_binary", "Non-binary"),
    ("other", "All other gender identities"),
]

ASIAN: Final = "Asian, Asian British or Asian Welsh"
BLACK: Final = "Black, Black British, Black Welsh, Caribbean or African"
MIXED: Final = "Mixed or Multiple ethnic groups"
WHITE: Final = "White"
OTHER: Final = "Other ethnic group"

# Census 2021 TS021: 19 ethnic groups in 5 high-level groups; labels exactly as the ONS writes them.
ETHNIC_GROUPS_5: Final[Choices] = [
    ("asian", ASIAN),
    ("black", BLACK),
    ("mixed", MIXED),
    ("white", WHITE),
    ("other", OTHER),
]
ETHNIC_GROUPS_19: Final[Choices] = [
    ("asian_bangladeshi", f"{ASIAN}: Bangladeshi"),
    ("asian_chinese", f"{ASIAN}: Chinese"),
    ("asian_indian", f"{ASIAN}: Indian"),
    ("asian_pakistani", f"{ASIAN}: Pakistani"),
    ("asian_other", f"{ASIAN}: Other Asian"),
    ("black_african", f"{BLACK}: African"),
    ("black_caribbean", f"{BLACK}: Caribbean"),
    ("black_other", f"{BLACK}: Other Black"),
    ("mixed_white_asian", f"{MIXED}: White and Asian"),
    ("mixed_white_black_african", f"{MIXED}: White and Black African"),
    ("mixed_white_black_caribbean", f"{MIXED}: White and Black Caribbean"),
    ("mixed_other", f"{MIXED}: Other Mixed or Multiple ethnic groups"),
    ("white_british", f"{WHITE}: English, Welsh, Scottish, Northern Irish or British"),
    ("white_irish", f"{WHITE}: Irish"),
    ("white_gypsy_traveller", f"{WHITE}: Gypsy or Irish Traveller"),
    ("white_roma", f"{WHITE}: Roma"),
    ("white_other", f"{WHITE}: Other White"),
    ("other_arab", f"{OTHER}: Arab"),
    ("other_any", f"{OTHER}: Any other ethnic group"),
]

# Census 2021 TS038 (Equality Act definition).
DISABILITY: Final[Choices] = [
    ("disabled_a_lot", "Disabled under the Equality Act: Day-to-day activities limited a lot"),
    ("disabled_a_little", "Disabled under the Equality Act: Day-to-day activities limited a little"),
    ("not_disabled", "Not disabled under the Equality Act"),
]

# Census 2021 TS029 proficiency in English (for people whose main language is not English).
ENGLISH_PROFICIENCY: Final[Choices] = [
    ("main_language", "Main language is English (English or Welsh in Wales)"),
    ("very_well", "Main language is not English (English or Welsh in Wales): Can speak English very well"),
    ("well", "Main language is not English (English or Welsh in Wales): Can speak English well"),
    ("not_well", "Main language is not English (English or Welsh in Wales): Cannot speak English well"),
    ("cannot", "Main language is not English (English or Welsh in Wales): Cannot speak English"),
]

# Languages the demo partnership works in (ISO 639-1/-3 codes); projects choose theirs from this list.
LANGUAGES: Final[Choices] = [
    ("en", "English"),
    ("so", "Somali"),
    ("tr", "Turkish"),
    ("ku", "Kurdish"),
    ("bn", "Bengali"),
    ("ar", "Arabic"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("es", "Spanish"),
    ("ti", "Tigrinya"),
    ("am", "Amharic"),
    ("fa", "Farsi"),
    ("ur", "Urdu"),
    ("yo", "Yoruba"),
    ("tw", "Twi"),
    ("sq", "Albanian"),
    ("ro", "Romanian"),
    ("zh", "Chinese"),
    ("bfi", "British Sign Language"),
    ("other", "Another language"),
]


def with_prefer_not_to_say(choices: Choices) -> Choices:
    return [*choices, (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL)]


def high_level_group(ethnic_group_code: str) -> str | None:
    """The 5-group code for a 19-group code ("black_african" -> "black"); None when not given."""
    if not ethnic_group_code or ethnic_group_code == PREFER_NOT_TO_SAY:
        return None
    return ethnic_group_code.split("_", 1)[0]


def label(choices: Choices, code: str) -> str:
    return dict(choices).get(code, code)
