"""The Report stage page shows what staff need (status, sections with their last edit and quotes, plain-language
notes, links, files) without gathering the evidence: no theme table and no who-is-missing comparison, which take
over a minute for a project of a million records. The draft and the files still gather it."""

from __future__ import annotations

from typing import Any

import pytest

from heard.privacy import actions as privacy_actions
from heard.reporting import actions, evidence, views
from heard.reporting.models import SectionKind

from .conftest import section


@pytest.fixture
def gathered(monkeypatch: Any) -> list[str]:
    calls: list[str] = []
    original = evidence.gather

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append("gather")
        return original(*args, **kwargs)

    monkeypatch.setattr(views, "gather", counted)
    return calls


def test_the_stage_page_shows_status_sections_and_links_without_gathering(
    client: Any, world: Any, gathered: list[str]
) -> None:
    summary = section(world, SectionKind.SUMMARY)
    cross = section(world, SectionKind.CROSS_CUTTING)
    actions.save_narrative(actor=world["staff"], section=summary, text="Residents told us about service users.")
    actions.choose_quote(actor=world["staff"], section=cross, answer=world["answers"][0])
    actions.choose_quote(actor=world["staff"], section=cross, answer=world["answers"][3])
    client.force_login(world["staff"])
    page = client.get(f"/report/?project={world['project'].slug}").content.decode()
    assert gathered == []
    assert "What Health Voice heard" in page and "Draft, not published yet" in page
    assert "version 1, " in page and world["staff"].get_username() in page  # the summary's last edit
    assert f"/report/sections/{cross.pk}/" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page  # two chosen quotes
    assert "Plain-language check" in page and "Service users" in page  # from the sections' own words
    assert f"/report/{world['project'].slug}/download/pdf/" in page
    assert f"/report/{world['project'].slug}/draft/" in page or "Read the draft" in page
    client.get(f"/report/{world['project'].slug}/draft/")
    assert gathered == ["gather"]  # the draft does gather


def test_the_stage_page_still_warns_when_a_chosen_quote_is_left_out(client: Any, world: Any) -> None:
    cross = section(world, SectionKind.CROSS_CUTTING)
    actions.choose_quote(actor=world["staff"], section=cross, answer=world["answers"][0])
    privacy_actions.withdraw_consent(
        actor=world["staff"], experience=world["answers"][0].experience, quote=True, contact=False
    )
    client.force_login(world["staff"])
    page = client.get(f"/report/?project={world['project'].slug}").content.decode()
    assert "1 chosen quote is left out" in page


def test_a_partner_counts_only_their_own_residents_chosen_quotes(client: Any, world: Any) -> None:
    cross = section(world, SectionKind.CROSS_CUTTING)
    actions.choose_quote(actor=world["staff"], section=cross, answer=world["answers"][0])  # Ours
    actions.choose_quote(actor=world["staff"], section=cross, answer=world["answers"][7])  # Theirs
    client.force_login(world["partner"])
    page = client.get(f"/report/?project={world['project'].slug}").content.decode()
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in page
    assert "left out" not in page  # only host staff are told about left-out quotes
