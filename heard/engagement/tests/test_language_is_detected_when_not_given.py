from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer
from heard.lib.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Waxaan sugayay saddex toddobaad si aan ballan u helo.", "so"),
        ("Randevu almak çok zor, telefonla hiç ulaşamıyorum.", "tr"),
        ("Nie mogę dodzwonić się do przychodni o ósmej rano.", "pl"),
        ("Olá, o médico não me ouviu e esperei muito tempo", "pt"),
        ("আমি ইংরেজি ভালো বলতে পারি না, তাই দোভাষী দরকার।", "bn"),
        ("انتظرت ساعات طويلة في قسم الطوارئ.", "ar"),
        ("من منتظر دکتر بودم و کسی به من کمک نکرد", "fa"),
        ("The doctor did not listen to me and the nurse was rude.", "en"),
    ],
)
def test_it_recognises_the_languages_residents_write_in(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["ok", "N7", "12345 678", ""])
def test_it_says_unknown_rather_than_guess(text):
    assert detect_language(text) == ""


def test_a_record_typed_without_a_language_gets_one(client, db):
    org = make_organisation()
    project = make_project(partners=[org])
    make_question(project=project, code="story", text="Story")
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=org))
    client.post(
        f"/projects/{project.slug}/records/new/",
        {
            "partner": org.pk,
            "collected_on": "2026-03-02",
            "consent_store": "on",
            "consent_method": "verbal",
            "q_story": "Czekałam pół roku na wizytę u specjalisty.",
        },
    )
    answer = Answer.objects.get()
    assert (answer.language, answer.language_detected) == ("pl", True)
