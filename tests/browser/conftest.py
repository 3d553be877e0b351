"""Browser tests live here; the `browser` and `page` fixtures are in the root conftest.py so that every app's
browser tests share one Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from heard.accounts.models import Role
from heard.core.testing import (
    make_activity,
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def partnership(transactional_db: Any) -> dict[str, Any]:
    """A partner, a community, a project with one question, an activity and 12 residents' answers."""
    partner = make_organisation(name="Somali Women's Wellbeing Circle")
    community = make_community(name="Somali-speaking residents", languages=["so"])
    project = make_project(name="Diverse Communities Health Voice", partners=[partner], communities=[community])
    question = make_question(project=project, code="story", text="Tell us about a recent time you used a service.")
    activity = make_activity(
        project=project, partner=partner, community=community, title="Coffee morning", people_count=12
    )
    for n in range(12):
        record = make_experience(
            project=project,
            partner=partner,
            activity=activity,
            community=community,
            consent_quote=n % 2 == 0,
            ethnic_group="black_african",
            main_language="so",
        )
        Answer.objects.create(
            experience=record,
            question=question,
            language="so",
            text="Dhakhtarku ima dhageysan, turjubaan ma jirin.",
            english_text="The doctor did not listen to me, there was no interpreter.",
            translated_by="Community language service",
        )
    return {
        "project": project,
        "activity": activity,
        "record": record,
        "partner": partner,
        "staff": make_user(role=Role.HOST_STAFF, username="tom", first_name="Tom"),
        "partner_member": make_user(role=Role.PARTNER_MEMBER, organisation=partner, username="hodan"),
    }
