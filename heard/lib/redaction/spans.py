"""What a redaction is made of (kinds, spans) and `apply`, which rebuilds a text from its spans."""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    NHS_NUMBER = "nhs number"
    DATE_OF_BIRTH = "date of birth"
    ADDRESS = "address"
    POSTCODE = "postcode"

    @property
    def placeholder(self) -> str:
        return f"[{self.value}]"


@dataclass(frozen=True, slots=True)
class Span:
    """One personal detail found: characters text[start:end], of this kind."""

    start: int
    end: int
    kind: Kind
    original: str

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "kind": self.kind.value, "original": self.original}


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text, the text it came from, and the spans found in it (sorted, never overlapping)."""

    text: str
    original: str
    spans: tuple[Span, ...]

    @property
    def changed(self) -> bool:
        return bool(self.spans)

    def keeping(self, keep: Collection[int]) -> str:
        """The text with the spans at these indexes left as written (a reviewer's undo)."""
        return apply(self.original, self.spans, keep=keep)


def apply(text: str, spans: Sequence[Span], keep: Collection[int] = frozenset()) -> str:
    """Replace each span of `text` by its placeholder, except the spans whose index is in `keep`.

    Spans must be those found in this same text (as `redact` returns them); a span that does not match the text
    raises ValueError rather than redacting the wrong characters.
    """
    parts: list[str] = []
    position = 0
    for index, span in sorted(enumerate(spans), key=lambda pair: pair[1].start):
        if text[span.start : span.end] != span.original:
            raise ValueError(f"Span {index} ({span.kind}) does not match the text at {span.start}-{span.end}.")
        if span.start < position:
            raise ValueError(f"Span {index} overlaps the span before it.")
        parts.append(text[position : span.start])
        parts.append(span.original if index in keep else span.kind.placeholder)
        position = span.end
    parts.append(text[position:])
    return "".join(parts)


def merge(found: Iterable[Span]) -> tuple[Span, ...]:
    """Spans in text order with overlaps removed; the earlier-found (higher-priority) span wins."""
    starts: list[int] = []  # the kept spans, sorted by start; they never overlap, so ends are sorted too
    kept: list[Span] = []
    for span in found:
        at = bisect.bisect_left(starts, span.start)
        if at > 0 and kept[at - 1].end > span.start:
            continue
        if at < len(kept) and kept[at].start < span.end:
            continue
        starts.insert(at, span.start)
        kept.insert(at, span)
    return tuple(kept)
