"""Host staff translate the project's questions in the browser, English beside the language; new words for a
question residents have answered make a new version, so their answers keep the words they saw."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement import translations
from heard.engagement.models import Answer, Question


@pytest.fixture
def project(db):
    partner = make_organisation(name="Somali Women's Wellbeing Circle")
    project = make_project(partners=[partner], languages=["en", "so"])
    make_question(
        project=project,
        code="interpreter",
        kind="single_choice",
        text="Were you offered an interpreter?",
        help_text="Choose one.",
        choices=[["yes", "Yes"], ["no", "No"]],
        translations={"so": {"text": "Ma lagu siiyay turjubaan?"}},
    )
    return project


def _words(question):
    return {
        f"text_{question.pk}": "Ma lagu siiyay turjubaan?",
        f"help_{question.pk}": "Mid dooro.",
        f"choice_{question.pk}_yes": "Haa",
        f"choice_{question.pk}_no": "Maya",
    }


def test_the_page_shows_english_beside_the_language_and_saving_completes_it(client, project):
    question = project.questions.get()
    client.force_login(make_user(role=Role.HOST_STAFF))
    url = f"/projects/{project.slug}/questions/in/so/"
    page = client.get(url).content.decode()
    assert "Were you offered an interpreter?" in page and "Choose one." in page and 'lang="so"' in page
    assert translations.offered(project) == ["en"]
    assert client.post(url, _words(question)).status_code == 302
    question.refresh_from_db()
    assert question.translations["so"] == {
        "text": "Ma lagu siiyay turjubaan?",
        "help_text": "Mid dooro.",
        "choices": {"yes": "Haa", "no": "Maya"},
    }
    assert translations.offered(project) == ["en", "so"]
    assert AuditEvent.objects.filter(verb="changed", summary__contains="in so changed").count() == 1


def test_new_words_for_an_answered_question_make_a_new_version(client, project):
    question = project.questions.get()
    record = make_experience(project=project, partner=project.project_partners.get().organisation)
    Answer.objects.create(experience=record, question=question, text="yes")
    client.force_login(make_user(role=Role.HOST_STAFF))
    client.post(f"/projects/{project.slug}/questions/in/so/", _words(question))
    old, new = Question.objects.order_by("version")
    assert (old.version, old.is_active, old.translations["so"]) == (1, False, {"text": "Ma lagu siiyay turjubaan?"})
    assert (new.version, new.is_active, new.translations["so"]["choices"]["yes"]) == (2, True, "Haa")
    assert Answer.objects.get().question == old


def test_only_host_staff_translate_and_only_the_projects_languages(client, project):
    partner = project.project_partners.get().organisation
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=partner))
    assert client.get(f"/projects/{project.slug}/questions/in/so/").status_code == 403
    client.force_login(make_user(role=Role.HOST_STAFF, username="staff"))
    assert client.get(f"/projects/{project.slug}/questions/in/ar/").status_code == 404
    assert client.get(f"/projects/{project.slug}/questions/in/en/").status_code == 404
