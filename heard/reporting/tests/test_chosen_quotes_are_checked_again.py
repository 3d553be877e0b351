"""Chosen quotes are checked against the quoting rules every time the report is drawn: a withdrawn consent or a
new safeguarding flag takes a quote out; a partner sees only their own residents' words, and never where another
partner's quotes came from; only host staff see a quote's provenance."""

from __future__ import annotations

from typing import Any

from heard.privacy import actions as privacy_actions
from heard.privacy.models import SafeguardingFlag
from heard.reporting import actions, snapshot
from heard.reporting.assemble import build_report
from heard.reporting.evidence import audience_for, gather, public_audience
from heard.reporting.models import SectionKind

from .conftest import section


def _text(world: Any, audience: Any) -> str:
    return str(snapshot.to_json(build_report(gather(world["report"], audience))))


def _choose(world: Any, *indexes: int) -> None:
    target = section(world, SectionKind.CROSS_CUTTING)
    for index in indexes:
        actions.choose_quote(actor=world["staff"], section=target, answer=world["answers"][index])


def test_a_withdrawn_consent_takes_a_chosen_quote_out(world: Any) -> None:
    _choose(world, 0)
    staff = audience_for(world["staff"], world["project"])
    assert "The receptionist was kind" in _text(world, staff)
    privacy_actions.withdraw_consent(
        actor=world["staff"], experience=world["answers"][0].experience, quote=True, contact=False
    )
    assert "The receptionist was kind" not in _text(world, staff)
    assert gather(world["report"], staff).withdrawn == 1


def test_a_new_safeguarding_flag_takes_a_chosen_quote_out(world: Any) -> None:
    _choose(world, 3)
    staff = audience_for(world["staff"], world["project"])
    assert "The pharmacy was helpful" in _text(world, staff)
    answer = world["answers"][3]
    SafeguardingFlag.objects.create(experience=answer.experience, answer=answer, kind="harm", label="Risk of harm")
    assert "The pharmacy was helpful" not in _text(world, staff)
    assert "The pharmacy was helpful" not in _text(world, public_audience(world["project"]))


def test_a_partner_sees_only_their_own_residents_words_and_no_ones_provenance(world: Any) -> None:
    _choose(world, 0, 6)  # one of Ours's residents, one of Theirs's
    ours = _text(world, audience_for(world["partner"], world["project"]))
    assert "The receptionist was kind" in ours
    assert "The hospital lost my letters" not in ours
    assert "Deaf club evening" not in ours and "Coffee morning at the mosque" not in ours
    theirs = _text(world, audience_for(world["other_partner"], world["project"]))
    assert "The hospital lost my letters" in theirs and "The receptionist was kind" not in theirs
    assert "Coffee morning at the mosque" not in theirs


def test_host_staff_see_each_quotes_partner_and_activity(world: Any) -> None:
    _choose(world, 0, 6)
    staff = _text(world, audience_for(world["staff"], world["project"]))
    assert "Coffee morning at the mosque" in staff and "Deaf club evening" in staff


def test_the_public_and_the_steering_group_read_only_words_a_partners_agreement_lets_the_host_share(
    world: Any,
) -> None:
    _choose(world, 0, 6)  # Theirs has no data-sharing agreement
    for audience in (public_audience(world["project"]), audience_for(world["steering"], world["project"])):
        text = _text(world, audience)
        assert "The receptionist was kind" in text
        assert "The hospital lost my letters" not in text
        assert "Coffee morning at the mosque" not in text


def test_the_section_page_shows_a_partner_only_their_own_residents_quotes(client: Any, world: Any) -> None:
    _choose(world, 0, 6)
    target = section(world, SectionKind.CROSS_CUTTING)
    client.force_login(world["partner"])
    page = client.get(f"/report/sections/{target.pk}/").content.decode()
    assert "The receptionist was kind" in page
    assert "The hospital lost my letters" not in page and "Theirs Advice Centre" not in page
