"""The one signal engagement sends: residents' contributions were saved (created, changed or imported).

Apps above engagement (privacy, analysis) subscribe in their AppConfig.ready() to queue their own follow-up work
(a safeguarding check, theme suggestions), so engagement never imports them. The receivers only queue work on
commit; the rules live in their apps' actions.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with `experience_ids: list[int]` after the transaction that saved them commits.
contributions_saved = Signal()
