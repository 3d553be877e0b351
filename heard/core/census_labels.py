"""The Census 2021 answer options of `heard.lib.census`, marked for translation, for the pages residents read.

The stored codes, and the English labels that imports, exports and reports use, stay in `heard.lib.census`
(plain Python, always English). These lazy labels render in the active language: English everywhere except on
the residents' public pages, which switch to the resident's language. A test checks that the English here is
word for word the English there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from heard.lib import census

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PREFER_NOT_TO_SAY = _("Prefer not to say")

AGE_BANDS: Mapping[str, StrOrPromise] = {
    "0-15": _("Aged 15 years and under"),
    "16-24": _("Aged 16 to 24 years"),
    "25-34": _("Aged 25 to 34 years"),
    "35-49": _("Aged 35 to 49 years"),
    "50-64": _("Aged 50 to 64 years"),
    "65+": _("Aged 65 years and over"),
}

SEXES: Mapping[str, StrOrPromise] = {"female": _("Female"), "male": _("Male")}

# "Chinese" is an ethnic group and a language, which many languages name differently: a context tells them apart.
_ASIAN = pgettext_lazy("ethnic group", "Asian, Asian British or Asian Welsh")
_BLACK = pgettext_lazy("ethnic group", "Black, Black British, Black Welsh, Caribbean or African")
_MIXED = pgettext_lazy("ethnic group", "Mixed or Multiple ethnic groups")
_WHITE = pgettext_lazy("ethnic group", "White")
_OTHER = pgettext_lazy("ethnic group", "Other ethnic group")


def _group(group: StrOrPromise, name: StrOrPromise) -> StrOrPromise:
    return format_lazy("{}: {}", group, name)


ETHNIC_GROUPS_19: Mapping[str, StrOrPromise] = {
    "asian_bangladeshi": _group(_ASIAN, pgettext_lazy("ethnic group", "Bangladeshi")),
    "asian_chinese": _group(_ASIAN, pgettext_lazy("ethnic group", "Chinese")),
    "asian_indian": _group(_ASIAN, pgettext_lazy("ethnic group", "Indian")),
    "asian_pakistani": _group(_ASIAN, pgettext_lazy("ethnic group", "Pakistani")),
    "asian_other": _group(_ASIAN, pgettext_lazy("ethnic group", "Other Asian")),
    "black_african": _group(_BLACK, pgettext_lazy("ethnic group", "African")),
    "black_caribbean": _group(_BLACK, pgettext_lazy("ethnic group", "Caribbean")),
    "black_other": _group(_BLACK, pgettext_lazy("ethnic group", "Other Black")),
    "mixed_white_asian": _group(_MIXED, pgettext_lazy("ethnic group", "White and Asian")),
    "mixed_white_black_african": _group(_MIXED, pgettext_lazy("ethnic group", "White and Black African")),
    "mixed_white_black_caribbean": _group(_MIXED, pgettext_lazy("ethnic group", "White and Black Caribbean")),
    "mixed_other": _group(_MIXED, pgettext_lazy("ethnic group", "Other Mixed or Multiple ethnic groups")),
    "white_british": _group(
        _WHITE, pgettext_lazy("ethnic group", "English, Welsh, Scottish, Northern Irish or British")
    ),
    "white_irish": _group(_WHITE, pgettext_lazy("ethnic group", "Irish")),
    "white_gypsy_traveller": _group(_WHITE, pgettext_lazy("ethnic group", "Gypsy or Irish Traveller")),
    "white_roma": _group(_WHITE, pgettext_lazy("ethnic group", "Roma")),
    "white_other": _group(_WHITE, pgettext_lazy("ethnic group", "Other White")),
    "other_arab": _group(_OTHER, pgettext_lazy("ethnic group", "Arab")),
    "other_any": _group(_OTHER, pgettext_lazy("ethnic group", "Any other ethnic group")),
}

DISABILITY: Mapping[str, StrOrPromise] = {
    "disabled_a_lot": _("Disabled under the Equality Act: Day-to-day activities limited a lot"),
    "disabled_a_little": _("Disabled under the Equality Act: Day-to-day activities limited a little"),
    "not_disabled": _("Not disabled under the Equality Act"),
}

# Language names, in the language of the page ("Somali" on an English page, "Somalice" on a Turkish one).
LANGUAGES: Mapping[str, StrOrPromise] = {
    "en": pgettext_lazy("language", "English"),
    "so": pgettext_lazy("language", "Somali"),
    "tr": pgettext_lazy("language", "Turkish"),
    "ku": pgettext_lazy("language", "Kurdish"),
    "bn": pgettext_lazy("language", "Bengali"),
    "ar": pgettext_lazy("language", "Arabic"),
    "pl": pgettext_lazy("language", "Polish"),
    "pt": pgettext_lazy("language", "Portuguese"),
    "es": pgettext_lazy("language", "Spanish"),
    "ti": pgettext_lazy("language", "Tigrinya"),
    "am": pgettext_lazy("language", "Amharic"),
    "fa": pgettext_lazy("language", "Farsi"),
    "ur": pgettext_lazy("language", "Urdu"),
    "yo": pgettext_lazy("language", "Yoruba"),
    "tw": pgettext_lazy("language", "Twi"),
    "sq": pgettext_lazy("language", "Albanian"),
    "ro": pgettext_lazy("language", "Romanian"),
    "zh": pgettext_lazy("language", "Chinese"),
    "bfi": pgettext_lazy("language", "British Sign Language"),
    "other": pgettext_lazy("language", "Another language"),
}

# Each census list with its translatable labels, so a test can check the two agree.
TRANSLATED: list[tuple[census.Choices, Mapping[str, StrOrPromise]]] = [
    (census.AGE_BANDS, AGE_BANDS),
    (census.SEXES, SEXES),
    (census.ETHNIC_GROUPS_19, ETHNIC_GROUPS_19),
    (census.DISABILITY, DISABILITY),
    (census.LANGUAGES, LANGUAGES),
]


def choices(census_choices: census.Choices, labels: Mapping[str, StrOrPromise]) -> list[tuple[str, StrOrPromise]]:
    """A census list as form choices with translatable labels, then "Prefer not to say". A code with no
    translatable label keeps its English one."""
    return [(code, labels.get(code, label)) for code, label in census_choices] + [
        (census.PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY)
    ]
