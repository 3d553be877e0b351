"""Partners' models, one module per concern: `organisations` (organisations, contacts, communities), `register`
(centres, policies and their reminders, policy templates) and `selection` (criteria, scores, decisions)."""

from heard.partners.models.organisations import *  # noqa: F403
from heard.partners.models.register import *  # noqa: F403
from heard.partners.models.selection import *  # noqa: F403
