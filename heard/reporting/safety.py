"""The last check on everything a report writes: no e-mail address, phone number or NHS number, wherever it came
from (a resident's words that a review kept visible, a narrative, an organisation's own contacts).

Quotes have been through `privacy.outputs.public_text` already; this is the net under every string of a document.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from heard.lib.documents.model import Document
from heard.lib.redaction import patterns
from heard.lib.redaction.spans import Kind, apply, merge

# Blunter than the redaction patterns on purpose: in a report, any run of 10 or 11 digits (however spaced) or
# anything shaped like an address for e-mail is taken out; no figure in a report is that long.
LONG_NUMBER = re.compile(r"(?<![\w+])\+?\d(?:[\s\-().]{0,2}\d){9,12}(?![\w])")
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")

T = TypeVar("T")


def scrub(text: str) -> str:
    """`text` with e-mail addresses, phone numbers and NHS numbers replaced by their kind."""
    if not text or not (any(c.isdigit() for c in text) or "@" in text):
        return text
    spans = merge([*patterns.find_emails(text), *patterns.find_phones(text), *patterns.find_nhs_numbers(text)])
    text = apply(text, spans) if spans else text
    text = EMAIL.sub(Kind.EMAIL.placeholder, text)
    return LONG_NUMBER.sub(Kind.PHONE.placeholder, text)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, frozenset):
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _clean(getattr(value, f.name)) for f in fields(value)})
    return value


def scrub_document(doc: Document) -> Document:
    """A copy of `doc` with every string scrubbed."""
    cleaned: Document = _clean(doc)
    return cleaned
