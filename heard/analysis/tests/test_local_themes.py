"""Local coding feeds back: a project's own theme, once people have coded some answers with it, is suggested."""

from __future__ import annotations

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import Suggestion, Theme
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer

INTERPRETING = [
    "There was no interpreter so my daughter had to translate for me",
    "I asked for an interpreter at the GP and they said no",
    "Nobody offered a Somali interpreter at the hospital",
    "The leaflet was only in English and I could not read it",
    "They booked a BSL interpreter and it made all the difference",
    "I needed a Turkish interpreter but they used my son",
    "No translated information about my operation",
    "The interpreter on the phone kept cutting out",
]
OTHER = [
    "The waiting room was clean",
    "Parking was expensive",
    "The food on the ward was cold",
    "Staff were kind and friendly",
    "I waited three hours",
    "The receptionist was rude",
    "My medication was late",
    "The physio helped my back",
]


def test_retraining_on_local_codes_suggests_the_local_theme(client, db):
    partner = make_organisation()
    project = make_project(partners=[partner])
    story = make_question(project=project, code="story")
    staff = make_user(role=Role.HOST_STAFF)
    client.force_login(staff)
    actions.ensure_national_codebook()
    client.post(
        f"/analysis/projects/{project.slug}/codebook/",
        {
            "add_theme": "1",
            "name": "Language, interpreting and accessible information",
            "national_theme": Theme.objects.get(name="Information provision & guidance").pk,
        },
    )
    local = Theme.objects.get(project=project)
    for text in INTERPRETING * 2 + OTHER * 2:
        answer = Answer.objects.create(
            experience=make_experience(project=project, partner=partner), question=story, text=text
        )
        actions.code_answer(actor=staff, answer=answer, theme=local, applied=text in INTERPRETING)
    new = Answer.objects.create(
        experience=make_experience(project=project, partner=partner),
        question=story,
        text="They would not get me an interpreter so I did not understand the doctor",
    )
    actions.suggest_themes([new.experience_id])
    assert Suggestion.objects.filter(answer=new, theme=local).exists()
    assert Suggestion.objects.filter(answer=new)[0].model_version.startswith("local-")


def test_the_gain_from_retraining_is_measured_on_held_out_answers(client, db):
    from heard.analysis.models import LocalThemeEvaluation

    partner = make_organisation()
    project = make_project(partners=[partner])
    story = make_question(project=project, code="story")
    staff = make_user(role=Role.HOST_STAFF)
    actions.ensure_national_codebook()
    local = actions.add_local_theme(
        actor=staff,
        project=project,
        name="Language, interpreting and accessible information",
        national_theme=Theme.objects.get(name="Information provision & guidance"),
    )
    for text in INTERPRETING * 2 + OTHER * 2:
        answer = Answer.objects.create(
            experience=make_experience(project=project, partner=partner), question=story, text=text
        )
        actions.code_answer(actor=staff, answer=answer, theme=local, applied=text in INTERPRETING)
    client.force_login(staff)
    client.post(f"/analysis/projects/{project.slug}/codebook/", {"measure": "1"})  # runs at once in tests
    evaluation = LocalThemeEvaluation.objects.get(project=project)
    (result,) = evaluation.results
    assert result["examples"] == 16
    assert result["after_f1"] > result["before_f1"]
    assert "F1 after retraining" in client.get(f"/analysis/projects/{project.slug}/codebook/").content.decode()
