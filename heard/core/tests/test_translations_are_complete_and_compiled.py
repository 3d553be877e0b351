"""The residents' pages' translations: each catalogue is committed compiled and up to date (a fresh clone needs no
compile step), and in every language nothing on those pages is left untranslated."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.translation import to_locale

import heard
from heard.core.languages import TRANSLATED

LOCALE = Path(heard.__file__).resolve().parent / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
# Where the residents' pages' words come from (paths as makemessages writes them, relative to heard/).
PUBLIC_SOURCES = (
    "core/census_labels.py",
    "core/forms.py",
    "engagement/public.py",
    "engagement/templates/engagement/public_",
    "influence/models/verdicts.py",
    "influence/public_views.py",
    "influence/verdict_forms.py",
    "influence/templates/influence/public_",
    "influence/templates/influence/you_said.html",
    "influence/yousaid_views.py",
    "influence/yousaid_sheet.py",
    "templates/includes/",
)


def test_every_language_heard_offers_has_a_catalogue():
    assert {po.parts[-3] for po in CATALOGUES} == {to_locale(code) for code, _name in TRANSLATED}


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parts[-3])
def test_the_committed_mo_is_the_po_compiled(po, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(po)], check=True, capture_output=True)
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run `make messages` and commit it"
    assert _catalog(mo) == _catalog(fresh), f"{mo} is older than its .po: run `make messages` and commit both"


@pytest.mark.parametrize("language", [po.parts[-3] for po in CATALOGUES])
def test_nothing_on_the_residents_pages_is_left_untranslated(language):
    """In every language Heard ships, not only the demo's: a resident who gave their verdict in Spanish reads the
    thanks page and "you said, we did" in Spanish too."""
    entries = [e for e in _entries(LOCALE / language / "LC_MESSAGES" / "django.po") if e["msgid"]]
    public = [e for e in entries if any(ref.startswith(PUBLIC_SOURCES) for ref in e["refs"])]
    assert len(public) > 90
    untranslated = [e["msgid"] for e in public if not e["msgstr"] or "fuzzy" in e["flags"]]
    assert untranslated == []


def _catalog(mo: Path) -> dict[object, str]:
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def _entries(po: Path) -> list[dict[str, list[str] | str]]:
    """A .po file's entries: references, flags, context, message and translation (all plural forms joined)."""
    entries: list[dict[str, list[str] | str]] = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        entry: dict[str, list[str] | str] = {"refs": [], "flags": [], "msgctxt": "", "msgid": "", "msgstr": ""}
        key = ""
        for line in block.splitlines():
            keyword = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[\d+\])?\s+"(.*)"$', line)
            if line.startswith("#:"):
                entry["refs"] = [*entry["refs"], *line[2:].split()]
            elif line.startswith("#,"):
                entry["flags"] = [*entry["flags"], *(flag.strip() for flag in line[2:].split(","))]
            elif keyword:
                key = "msgid" if keyword[1] == "msgid_plural" else keyword[1]
                entry[key] = str(entry[key]) + keyword[2]
            elif line.startswith('"') and key:
                entry[key] = str(entry[key]) + line[1:-1]
        entries.append(entry)
    return entries
