"""Every write in `influence`: one named verb each, one transaction, one audit event."""

from heard.influence.verdict_actions import (  # noqa: E402,F401 (residents' verdicts have their own module)
    import_verdicts,
    make_verdict_link,
    record_verdict,
)
