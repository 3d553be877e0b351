"""The coding grid shows confidence in words (the % for those who want it) and never pre-selects, or accepts in
bulk, a suggestion below the confidence host staff set for the project."""

from __future__ import annotations

import re

import pytest

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.grid import confidence_words, threshold_for
from heard.analysis.models import Code, Suggestion, Theme
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer


@pytest.fixture
def answer(db):
    actions.ensure_national_codebook()
    partner = make_organisation(name="Ours")
    project = make_project(slug="voices", partners=[partner])
    record = make_experience(project=project, partner=partner)
    answer = Answer.objects.create(experience=record, question=make_question(project=project), text="Waited hours")
    for name, confidence in [
        ("Timeliness of care", 0.91),
        ("Appointment arrangements", 0.66),
        ("Transport to/ from services", 0.41),
    ]:
        Suggestion.objects.create(answer=answer, theme=Theme.objects.get(name=name), confidence=confidence)
    return answer


def _suggestion_items(page: str) -> dict[str, str]:
    items = re.findall(r'<li class="heard-suggestion"(.*?)</li>', page, re.S)
    return {re.search(r'heard-suggestion-name">(.*?)<', item).group(1): item for item in items}  # type: ignore[union-attr]


def test_confidence_is_said_in_words_around_the_threshold():
    assert confidence_words(0.9, 0.6)[1] == "very likely"
    assert confidence_words(0.6, 0.6)[1] == "likely"
    assert confidence_words(0.59, 0.6)[1] == "unsure"
    assert confidence_words(0.88, 0.9)[1] == "unsure"


def test_the_grid_preselects_only_suggestions_at_or_above_the_default_threshold(client, answer):
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/analysis/projects/voices/coding/").content.decode()
    items = _suggestion_items(page)
    assert "very likely" in items["Timeliness of care"] and "data-preselected" in items["Timeliness of care"]
    assert ">likely<" in items["Appointment arrangements"] and "data-preselected" in items["Appointment arrangements"]
    unsure = items["Transport to/ from services"]
    assert ">unsure<" in unsure and "data-preselected" not in unsure
    assert "(41% confidence)" in unsure and 'title="41% confidence"' in unsure
    assert "Accept the 2 pre-selected" in page


def test_accept_all_leaves_suggestions_below_the_threshold_the_host_set(client, answer):
    host = make_user(role=Role.HOST_STAFF)
    client.force_login(host)
    response = client.post("/analysis/projects/voices/codebook/", {"threshold": "70"})
    assert response.status_code == 302
    assert threshold_for(answer.experience.project_id) == 0.7
    assert AuditEvent.objects.filter(verb=AuditVerb.CHANGED, summary__contains="below 70%").exists()

    page = client.get("/analysis/projects/voices/coding/").content.decode()
    assert "data-preselected" not in _suggestion_items(page)["Appointment arrangements"]
    client.post(f"/analysis/answers/{answer.pk}/accept/", HTTP_HX_REQUEST="true")
    accepted = set(Code.objects.filter(answer=answer, applied=True).values_list("theme__name", flat=True))
    assert accepted == {"Timeliness of care"}


def test_a_person_may_still_accept_an_unsure_suggestion_by_choosing_it(client, answer):
    client.force_login(make_user(role=Role.HOST_STAFF))
    theme = Theme.objects.get(name="Transport to/ from services")
    client.post(f"/analysis/answers/{answer.pk}/code/", {"theme": theme.pk, "applied": "1", "source": "suggestion"})
    assert Code.objects.filter(answer=answer, theme=theme, applied=True).exists()


def test_only_host_staff_set_the_threshold_and_it_must_be_a_percentage(client, answer):
    partner = make_user(role=Role.PARTNER_MEMBER, organisation=answer.experience.partner)
    client.force_login(partner)
    assert client.post("/analysis/projects/voices/codebook/", {"threshold": "10"}).status_code == 403
    client.force_login(make_user(role=Role.HOST_STAFF))
    for bad in ["abc", "101", "-5", "0.5", ""]:
        response = client.post("/analysis/projects/voices/codebook/", {"threshold": bad}, follow=True)
        assert "whole percentage from 0 to 100" in response.content.decode()
    assert threshold_for(answer.experience.project_id) == 0.6
