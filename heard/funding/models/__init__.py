"""Funding's models, one module per concern: `money` (funders, pots, bids, allocations, payments, recompense).

Other concerns (who does what, agreements) add their own module here and import it below.
"""

from heard.funding.models.money import *  # noqa: F403
from heard.funding.models.partnership import *  # noqa: F403
