"""The one function every output uses for a resident's free text that leaves Heard or reaches anyone but host
staff and the partner who collected it: redacted, with people's review decisions applied."""

from __future__ import annotations

from heard.engagement.models import Answer
from heard.lib.redaction import Redaction, redact


def redaction_of(answer: Answer, field: str = "text") -> Redaction:
    return redact(getattr(answer, field) or "")


def public_text(answer: Answer, *, field: str | None = None) -> str:
    """The answer's words with personal details replaced by their kind ("[name]", "[phone]"), except spans a
    person reviewed and decided are not personal. English where a translation exists, unless `field` says."""
    field = field or ("english_text" if answer.english_text else "text")
    redaction = redaction_of(answer, field)
    if not redaction.spans:
        return redaction.text
    shown = {(d.start, d.end) for d in answer.redaction_decisions.all() if d.field == field and d.keep_visible}
    keep = {i for i, span in enumerate(redaction.spans) if (span.start, span.end) in shown}
    return redaction.keeping(keep) if keep else redaction.text


def public_text_of(text: str) -> str:
    """For text that is not stored as an answer (a file being exported): redacted, no decisions to apply."""
    return redact(text or "").text
