"""The languages the residents' pages (the public form and its thanks page) are translated into.

A project's languages are codes from `heard.lib.census.LANGUAGES`. Each is shown in a Django language: the same
code, except Chinese, which is written in Simplified characters (`zh-hans`). British Sign Language and "another
language" cannot be written as a page, so those pages stay in English, as does any language without a catalogue
under `heard/locale/`. Host staff pages are always in English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.utils import translation

# Django's LANG_INFO has no entry for these; CoreConfig.ready() adds them (without replacing Django's own).
EXTRA_LANG_INFO: Final[dict[str, dict[str, Any]]] = {
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    # Kurmanji (Northern Kurdish), written in the Latin alphabet; Django's "ckb" is Sorani, in Arabic script.
    "ku": {"bidi": False, "code": "ku", "name": "Kurdish (Kurmanji)", "name_local": "Kurdî"},
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
    "am": {"bidi": False, "code": "am", "name": "Amharic", "name_local": "አማርኛ"},
    "yo": {"bidi": False, "code": "yo", "name": "Yoruba", "name_local": "Yorùbá"},
    "tw": {"bidi": False, "code": "tw", "name": "Twi", "name_local": "Twi"},
}

# Django language codes of the catalogues under heard/locale/, with their English names (settings.LANGUAGES).
TRANSLATED: Final[list[tuple[str, str]]] = [
    ("so", "Somali"),
    ("tr", "Turkish"),
    ("ku", "Kurdish (Kurmanji)"),
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
    ("zh-hans", "Chinese (Simplified)"),
]

# A project language code whose page language has another code in Django.
_DJANGO_CODE: Final = {"zh": "zh-hans"}
# Codes that are never a written page: the picker names them but the page stays in English.
UNWRITTEN: Final = {"bfi": "British Sign Language (BSL)"}
NOT_A_LANGUAGE: Final = "other"


def page_language(code: str) -> str:
    """The Django language to show a residents' page in for a project language code: English when there is no
    catalogue for it (British Sign Language, "another language", or a catalogue that is missing)."""
    django_code = _DJANGO_CODE.get(code, code)
    if django_code not in {c for c, _ in settings.LANGUAGES} or django_code.startswith("en"):
        return "en"
    for directory in settings.LOCALE_PATHS:
        if (Path(directory) / translation.to_locale(django_code) / "LC_MESSAGES" / "django.mo").exists():
            return django_code
    return "en"


def endonym(code: str) -> str:
    """A project language's name in that language ("Soomaali", "Türkçe"), for the language picker."""
    if code in UNWRITTEN:
        return UNWRITTEN[code]
    django_code = _DJANGO_CODE.get(code, code)
    try:
        name = str(translation.get_language_info(django_code)["name_local"])
    except KeyError:
        return code
    # Some of Django's names are lower case ("polski", "español"); in a list of links they start with a capital.
    return name[:1].upper() + name[1:]


def lang_attribute(code: str) -> str:
    """The HTML `lang` of a project language's name in the picker (BSL's name is written in English)."""
    return "en" if code in UNWRITTEN else _DJANGO_CODE.get(code, code)
