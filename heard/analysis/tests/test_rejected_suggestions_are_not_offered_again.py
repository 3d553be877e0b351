"""A rejected suggestion is not offered again for that answer (not even when suggestions are worked out again),
the audit says so, and a theme added by hand is no longer listed as a suggestion; the grid shows what was coded,
what is still suggested and what was rejected."""

from __future__ import annotations

import re

import pytest

from heard.accounts.models import Role
from heard.analysis import actions
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
    answer = Answer.objects.create(
        experience=record, question=make_question(project=project), text="Waited four hours in A&E and nobody told us"
    )
    Suggestion.objects.all().delete()
    for name in ["Timeliness of care", "Transport to/ from services"]:
        Suggestion.objects.create(answer=answer, theme=Theme.objects.get(name=name), confidence=0.9)
    return answer


def _row(client, answer) -> str:
    page = client.get("/analysis/projects/voices/coding/").content.decode()
    return re.search(rf'<li class="heard-answer" id="answer-{answer.pk}".*?\n</li>', page, re.S).group(0)  # type: ignore[union-attr]


def _open(row: str) -> list[str]:
    return re.findall(r'heard-suggestion-name">(.*?)<', row)


def test_a_rejected_suggestion_is_listed_as_rejected_and_never_offered_again(client, answer):
    staff = make_user(role=Role.HOST_STAFF)
    client.force_login(staff)
    transport = Theme.objects.get(name="Transport to/ from services")
    response = client.post(
        f"/analysis/answers/{answer.pk}/code/",
        {"theme": transport.pk, "applied": "0", "source": "suggestion"},
        HTTP_HX_REQUEST="true",
    )
    assert "Transport to/ from services" not in _open(response.content.decode())
    row = _row(client, answer)
    assert _open(row) == ["Timeliness of care"]
    assert "<s>Transport to/ from services</s>" in row.split("Rejected:")[1]
    event = AuditEvent.objects.get(verb=AuditVerb.DECIDED, actor=staff)
    assert "Rejected suggested theme “Transport to/ from services” (90% confidence)" in event.summary
    assert "not offered again" in event.summary

    actions.suggest_themes([answer.experience_id])  # worked out again: the model may suggest it once more
    Suggestion.objects.get_or_create(answer=answer, theme=transport, defaults={"confidence": 0.95})
    assert "Transport to/ from services" not in _open(_row(client, answer))
    actions.accept_suggestions(actor=make_user(role=Role.HOST_STAFF), answer=answer)
    assert not Code.objects.filter(answer=answer, theme=transport, applied=True).exists()


def test_a_theme_added_by_hand_is_no_longer_listed_as_a_suggestion(client, answer):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.post(
        f"/analysis/answers/{answer.pk}/code/", {"theme": "timeliness of CARE"}, HTTP_HX_REQUEST="true"
    )
    row = response.content.decode()
    assert "Timeliness of care" not in _open(row)
    assert re.search(r"Coded:</strong>.*Timeliness of care", row, re.S)
    code = Code.objects.get(answer=answer, theme__name="Timeliness of care")
    assert code.applied and code.source == "manual"


def test_typing_part_of_one_themes_name_adds_it_and_a_name_no_theme_has_is_a_clear_error(client, answer):
    client.force_login(make_user(role=Role.HOST_STAFF))
    client.post(f"/analysis/answers/{answer.pk}/code/", {"theme": "Transport to"}, HTTP_HX_REQUEST="true")
    assert Code.objects.filter(answer=answer, theme__name="Transport to/ from services", applied=True).exists()
    response = client.post(
        f"/analysis/answers/{answer.pk}/code/", {"theme": "Helicopter rides"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "No theme is called “Helicopter rides”: choose one from the list." in response.content.decode()
    assert Code.objects.filter(answer=answer).count() == 1
