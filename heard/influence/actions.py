"""Every write in `influence`: one named verb each, one transaction, one audit event."""

from heard.influence.verdict_actions import (  # residents' verdicts have their own module
    import_verdicts as import_verdicts,
)
from heard.influence.verdict_actions import (
    make_verdict_link as make_verdict_link,
)
from heard.influence.verdict_actions import (
    record_verdict as record_verdict,
)
