"""Where each organisation's policies stand today: current, due for review soon, lapsed or not on file. A
partner whose Safeguarding policy has lapsed is flagged wherever it matters (its page, selection, allocations,
the projects list)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max, Q

from heard.partners.models import REQUIRED_POLICIES, Organisation, Policy, PolicyKind, PolicyStatus

WARN_DAYS = 30


@dataclass(frozen=True)
class PolicyState:
    kind: PolicyKind
    policy: Policy | None
    status: PolicyStatus

    @property
    def label(self) -> str:
        return PolicyKind(self.kind).label

    @property
    def status_label(self) -> str:
        return PolicyStatus(self.status).label


def current_policies(organisation: Organisation) -> dict[str, Policy]:
    """The newest policy of each kind the organisation has on file."""
    newest: dict[str, Policy] = {}
    for policy in organisation.policies.order_by("kind", "-issued_on", "-pk"):
        newest.setdefault(policy.kind, policy)
    return newest


def policy_states(organisation: Organisation, today: datetime.date | None = None) -> list[PolicyState]:
    """One line per kind of policy: the three required ones always, the optional ones when on file."""
    today = today or datetime.date.today()
    newest = current_policies(organisation)
    states = []
    for kind in PolicyKind:
        policy = newest.get(kind.value)
        if policy is None:
            if kind in REQUIRED_POLICIES:
                states.append(PolicyState(kind, None, PolicyStatus.MISSING))
            continue
        states.append(PolicyState(kind, policy, policy.status(today, warn_days=WARN_DAYS)))
    return states


def due_diligence_complete(organisation: Organisation, today: datetime.date | None = None) -> bool:
    """The three required policies are on file, not lapsed, and checked by host staff."""
    states = {s.kind: s for s in policy_states(organisation, today)}
    return all(
        (state := states.get(kind)) is not None
        and state.policy is not None
        and state.status != PolicyStatus.LAPSED
        and state.policy.checked_on is not None
        for kind in REQUIRED_POLICIES
    )


def safeguarding_lapsed_ids(organisations: Iterable[int] | None = None, today: datetime.date | None = None) -> set[int]:
    """Ids of organisations whose newest Safeguarding policy on file has lapsed (one query)."""
    today = today or datetime.date.today()
    rows = Policy.objects.filter(kind=PolicyKind.SAFEGUARDING)
    if organisations is not None:
        rows = rows.filter(organisation_id__in=list(organisations))
    newest = rows.values("organisation_id").annotate(latest=Max("issued_on"))
    lapsed: set[int] = set()
    if not newest:
        return lapsed
    condition = Q()
    for row in newest:
        condition |= Q(organisation_id=row["organisation_id"], issued_on=row["latest"])
    for organisation_id, expires_on in rows.filter(condition).values_list("organisation_id", "expires_on"):
        if expires_on < today:
            lapsed.add(organisation_id)
    # an organisation with a current policy issued the same day as a lapsed one is not lapsed
    current = rows.filter(condition, expires_on__gte=today).values_list("organisation_id", flat=True)
    return lapsed - set(current)


def safeguarding_lapsed(organisation: Organisation, today: datetime.date | None = None) -> bool:
    return organisation.pk in safeguarding_lapsed_ids([organisation.pk], today)
