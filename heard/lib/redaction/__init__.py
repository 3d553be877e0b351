"""Redaction of personal details in residents' free text: one function for every output that leaves Heard.

    >>> r = redact("My GP Dr Patel gave me 07700 900123 to ring.")
    >>> r.text
    'My GP Dr [name] gave me [phone] to ring.'

`redact` finds the spans (names of people, phone numbers, e-mail addresses, NHS numbers, dates of birth, street
addresses, full postcodes) and replaces each with its bracketed kind. Staff review the spans and may undo a false
one: `apply(text, spans, keep={index})` rebuilds the text with those spans left as written.

What is and is not redacted (decisions, see docs/performance.md "Redaction"):
- A title stays and the name goes ("Dr [name]"), so readers still know a doctor was meant.
- A postcode district alone ("N7", "E8") is not identifying (tens of thousands of people) and is kept; a full
  postcode ("N7 6PA", about 15 homes) is redacted. An estate or street named without a house or flat number
  ("the Andover Estate", "on Holloway Road") is kept; with one ("7 Andover Estate", "Flat 3, 45 Essex Road") it
  is an address.
- Ages ("aged 45", "I am 67") and years ("came here in 1990") are not dates of birth; a full date is a date of
  birth with context ("born on", "DOB", "date of birth"), straight after a person's name ("Ayaan Osman, 6/5/2001")
  or, wherever it stands, when it is at least 16 years ago (residents give their own; the events they tell of are
  years alone or recent).
- Names are found without any model: lists of first names and surnames of many origins, titles and context
  ("my son X", "called X", "my name is X"); words that are also ordinary words ("Will", "May", "Grace") count as
  names only with such context.

Pure Python, no Django; the word lists are read once from heard/privacy/data/.
"""

from __future__ import annotations

import datetime

from heard.lib.redaction import names, patterns
from heard.lib.redaction.spans import Kind, Redaction, Span, apply, merge

__all__ = ["Kind", "Redaction", "Span", "apply", "redact"]


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def redact(text: str) -> Redaction:
    """Find personal details in `text` and replace each by its bracketed kind."""
    if not text:
        return Redaction(text=text, original=text, spans=())
    found = merge(patterns.find(text))
    people = list(names.find(text, found))
    if patterns.DIGIT.search(text):
        taken = [*found, *people]
        dates = [*patterns.find_dates_after(text, people), *patterns.find_old_dates(text, datetime.date.today().year)]
        found = merge([*taken[: len(found)], *(d for d in dates if not _overlaps(d, taken))])
    spans = merge([*found, *people])
    return Redaction(text=apply(text, spans), original=text, spans=spans)
