"""Host staff define a project's own questions in the browser; a question residents have answered is frozen and
changes become a new version, with the old answers kept and still exported under the question's code."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer, Question
from heard.returns.columns import return_columns


@pytest.fixture
def world(db):
    partner = make_organisation(name="Somali Welfare Trust")
    project = make_project(partners=[partner], languages=["so"])
    return {
        "project": project,
        "partner": partner,
        "staff": make_user(),
        "member": make_user(role=Role.PARTNER_MEMBER, organisation=partner),
    }


def _post_new(client, project, **data):
    fields = {"text": "", "code": "", "kind": "free_text", "help_text": "", "choices": "", "scale_min": "1"}
    return client.post(f"/projects/{project.slug}/questions/new/", {**fields, "scale_max": "5", **data})


def test_staff_add_questions_with_codes_choices_and_translations(client, world):
    project = world["project"]
    client.force_login(world["staff"])
    assert client.get(f"/projects/{project.slug}/").content.decode().count("/questions/") >= 1
    response = _post_new(client, project, text="How long did you wait for an appointment?")
    assert response.status_code == 302
    _post_new(
        client,
        project,
        text="Were you offered an interpreter?",
        kind="single_choice",
        choices="Yes\nNo\nnot_needed = I did not need one",
        text_so="Ma lagu siiyay turjubaan?",
        choices_so="yes = Haa\nno = Maya\nnot_needed =",
    )
    wait, interpreter = Question.objects.filter(project=project).order_by("position")
    assert wait.code == "how_long_did_you_wait_for_an_appointment" and wait.kind == "free_text"
    assert interpreter.code == "were_you_offered_an_interpreter"
    assert interpreter.choices == [["yes", "Yes"], ["no", "No"], ["not_needed", "I did not need one"]]
    assert interpreter.translations == {
        "so": {"text": "Ma lagu siiyay turjubaan?", "choices": {"yes": "Haa", "no": "Maya"}}
    }
    assert AuditEvent.objects.filter(verb=AuditVerb.CREATED, target_type="engagement.question").count() == 2
    page = client.get(f"/projects/{project.slug}/questions/").content.decode()
    assert "Were you offered an interpreter?" in page and "Somali" in page
    codes = [c.code for c in return_columns(project, world["partner"])]
    assert "were_you_offered_an_interpreter" in codes and "how_long_did_you_wait_for_an_appointment.lang" in codes


def test_bad_questions_are_refused_with_reasons(client, world):
    project = world["project"]
    client.force_login(world["staff"])
    page = _post_new(client, project, text="Age?", code="age_band").content.decode()
    assert "one of the standard questions" in page
    page = _post_new(client, project, text="Which?", kind="multiple_choice", choices="Only one").content.decode()
    assert "at least two answers" in page
    page = _post_new(client, project, text="Which?", kind="single_choice", choices="a = A\na = B").content.decode()
    assert "line 2: the code &#x27;a&#x27; is used twice" in page
    page = _post_new(client, project, text="Rate", kind="rating", scale_min="5", scale_max="3").content.decode()
    assert "must end above where it starts" in page
    assert not Question.objects.exists()


def test_a_question_nobody_answered_changes_in_place(client, world):
    question = make_question(project=world["project"], text="Old words")
    client.force_login(world["staff"])
    form = {"text": "New words", "kind": "rating", "scale_min": "1", "scale_max": "5", "position": "3"}
    assert client.post(f"/questions/{question.pk}/edit/", form).status_code == 302
    question.refresh_from_db()
    assert question.text == "New words" and question.version == 1 and question.is_active
    assert question.kind == "rating"
    assert Question.objects.count() == 1


def test_an_answered_question_is_frozen_and_a_change_makes_a_new_version(client, world):
    project, partner = world["project"], world["partner"]
    old = make_question(
        project=project, code="services", kind="multiple_choice", text="Which services?", choices=[["gp", "GP"]]
    )
    old.choices = [["gp", "GP"], ["dentist", "Dentist"]]
    old.save()
    record = make_experience(project=project, partner=partner)
    Answer.objects.create(experience=record, question=old, choices=["dentist"])
    client.force_login(world["staff"])
    assert "frozen" in client.get(f"/questions/{old.pk}/edit/").content.decode()

    form = {"text": "Which services have you used?", "kind": "free_text", "code": "renamed"}
    refused = client.post(
        f"/questions/{old.pk}/edit/", {**form, "choices": "gp = GP practice", "scale_min": "1", "scale_max": "5"}
    )
    assert "Residents chose &#x27;dentist&#x27; (Dentist): keep it" in refused.content.decode()
    assert Question.objects.count() == 1

    saved = client.post(
        f"/questions/{old.pk}/edit/",
        {
            **form,
            "choices": "gp = GP practice\ndentist = Dentist\npharmacy = Pharmacy",
            "scale_min": "1",
            "scale_max": "5",
        },
    )
    assert saved.status_code == 302
    old.refresh_from_db()
    new = Question.objects.get(is_active=True)
    assert not old.is_active and old.text == "Which services?" and old.choices == [["gp", "GP"], ["dentist", "Dentist"]]
    assert (new.code, new.kind, new.version) == ("services", "multiple_choice", 2)  # code and kind stay
    assert Answer.objects.get().question == old  # the answer keeps the words the resident saw
    again = client.post(
        f"/questions/{new.pk}/edit/", {"text": "Which?", "kind": "free_text", "choices": "gp = GP\npharmacy = Pharmacy"}
    )  # version 2 has no answers of its own, but version 1's residents chose the dentist
    assert "Residents chose &#x27;dentist&#x27;" in again.content.decode()
    assert Question.objects.get(is_active=True).choices == new.choices

    export = client.get(f"/returns/{project.slug}/export/csv/")
    header, row = b"".join(export.streaming_content).decode().lstrip("\ufeff").splitlines()[:2]
    columns = dict(zip(header.split(","), row.split(","), strict=True))
    assert (
        columns["Which services have you used?: Dentist"] == "1"
        and columns["Which services have you used?: Pharmacy"] == "0"
    )
    assert AuditEvent.objects.filter(verb=AuditVerb.CHANGED, summary__contains="Version 2 of 'services'").exists()


def test_stopping_a_question_keeps_its_answers_and_deleting_needs_none(client, world):
    project = world["project"]
    answered = make_question(project=project, text="Answered")
    Answer.objects.create(
        experience=make_experience(project=project, partner=world["partner"]), question=answered, text="x"
    )
    unanswered = make_question(project=project, text="Never answered")
    client.force_login(world["staff"])
    client.post(f"/questions/{answered.pk}/retire/")
    client.post(f"/questions/{unanswered.pk}/retire/")
    answered.refresh_from_db()
    assert not answered.is_active and not Question.objects.filter(pk=unanswered.pk).exists()
    page = client.get(f"/projects/{project.slug}/questions/").content.decode()
    assert "No longer asked" in page and "1 answer kept" in page


def test_partners_read_the_questions_but_cannot_change_them(client, world):
    project = world["project"]
    question = make_question(project=project, text="Asked")
    client.force_login(world["member"])
    page = client.get(f"/projects/{project.slug}/questions/")
    assert (
        page.status_code == 200 and "Asked" in page.content.decode() and "Add a question" not in page.content.decode()
    )
    assert client.get(f"/projects/{project.slug}/questions/new/").status_code == 403
    assert client.get(f"/questions/{question.pk}/edit/").status_code == 403
    assert client.post(f"/questions/{question.pk}/retire/").status_code == 403
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=make_organisation()))
    assert client.get(f"/projects/{project.slug}/questions/").status_code == 404


def test_the_form_asks_only_what_the_question_needs(client, world):
    project = world["project"]
    project.languages = ["en", "so", "pl"]
    project.save()
    question = make_question(
        project=project, text="Tell us", translations={"pl": {"text": "Powiedz nam"}, "ar": {"text": "أخبرنا"}}
    )
    Answer.objects.create(
        experience=make_experience(project=project, partner=world["partner"]), question=question, text="x"
    )
    client.force_login(world["staff"])
    page = client.get(f"/questions/{question.pk}/edit/").content.decode()
    assert "Question in Somali" in page and "Question in English" not in page
    assert 'name="choices"' not in page and 'name="scale_min"' not in page and 'name="choices_so"' not in page
    client.post(
        f"/questions/{question.pk}/edit/", {"text": "Tell us more", "text_so": "Noo sheeg", "text_pl": "Powiedz nam"}
    )
    new = Question.objects.get(is_active=True)
    assert new.translations == {"so": {"text": "Noo sheeg"}, "pl": {"text": "Powiedz nam"}, "ar": {"text": "أخبرنا"}}


def test_a_record_answered_before_a_new_version_still_has_one_answer(world):
    from heard.engagement import actions
    from heard.engagement.forms import ExperienceForm

    project, staff = world["project"], world["staff"]
    old = make_question(project=project, code="wait", text="Wait?")
    record = make_experience(project=project, partner=world["partner"])
    Answer.objects.create(experience=record, question=old, text="Three weeks")
    data = {"text": "How long did you wait?", "kind": "free_text", "scale_min": 1, "scale_max": 5}
    new = actions.save_question(actor=staff, project=project, question=old, data=data)
    assert ExperienceForm(instance=record, project=project, user=staff).initial["q_wait"] == "Three weeks"
    actions.save_experience(actor=staff, experience=record, answers={new: "Three weeks"})
    assert Answer.objects.get().question == old  # unchanged: it keeps the words the resident saw
    actions.save_experience(actor=staff, experience=record, answers={new: "Four weeks"})
    answer = Answer.objects.get()
    assert answer.question == new and answer.text == "Four weeks"
