"""Staff review each redaction and can undo a false one: `apply` keeps the spans they choose."""

from __future__ import annotations

import pytest

from heard.lib.redaction import Kind, Span, apply, redact


def test_it_keeps_a_span_a_reviewer_undid_and_redacts_the_rest() -> None:
    text = "Nurse Joy and Dr Okafor rang me on 07700 900123."
    result = redact(text)
    names = [i for i, s in enumerate(result.spans) if s.kind == Kind.NAME]
    assert [result.spans[i].original for i in names] == ["Joy", "Okafor"]
    assert apply(text, result.spans, keep={names[0]}) == "Nurse Joy and Dr [name] rang me on [phone]."
    assert result.keeping({names[0]}) == "Nurse Joy and Dr [name] rang me on [phone]."


def test_it_redacts_every_span_when_nothing_is_kept() -> None:
    result = redact("My son Yusuf, postcode N7 6PA.")
    assert apply(result.original, result.spans) == result.text == "My son [name], postcode [postcode]."


def test_it_refuses_spans_that_do_not_match_the_text() -> None:
    with pytest.raises(ValueError, match="does not match"):
        apply("Hello Sarah", [Span(0, 5, Kind.NAME, "Sarah")])


def test_it_gives_spans_that_a_reviewer_can_store() -> None:
    span = redact("Dr Okafor was kind.").spans[0]
    assert span.as_dict() == {"start": 3, "end": 9, "kind": "name", "original": "Okafor"}
