"""A resident is offered a language only when the project's questions, hints and answers to choose from are all
translated into it (and Heard's own words on the page are): otherwise they would meet English half way through.
Staff see what is missing, language by language; partners are told when they make a link."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_question, make_user
from heard.engagement import translations
from heard.engagement.models import EntryLink

COMPLETE_SO = {
    "text": "Ma lagu siiyay turjubaan?",
    "help_text": "Mid dooro.",
    "choices": {"yes": "Haa", "no": "Maya"},
}


@pytest.fixture
def project(db):
    cache.clear()
    partner = make_organisation(name="Bangla Health Link")
    project = make_project(partners=[partner], languages=["en", "so", "bn", "ar", "bfi", "other"])
    make_question(
        project=project,
        code="interpreter",
        kind="single_choice",
        text="Were you offered an interpreter?",
        help_text="Choose one.",
        choices=[["yes", "Yes"], ["no", "No"]],
        translations={
            "so": COMPLETE_SO,
            # Bengali lacks one answer's words; Arabic lacks the hint.
            "bn": {"text": "আপনাকে কি দোভাষী দেওয়া হয়েছিল?", "help_text": "একটি বেছে নিন।", "choices": {"yes": "হ্যাঁ"}},
            "ar": {"text": "هل عُرض عليك مترجم؟", "choices": {"yes": "نعم", "no": "لا"}},
        },
    )
    return project


def test_a_language_missing_one_answer_or_the_hint_is_not_offered(project, settings, tmp_path):
    states = {state.code: state for state in translations.states(project)}
    assert translations.offered(project) == ["en", "so", "bfi"]
    assert states["bn"].missing_count == 1 and states["bn"].missing[0][1] == ["“No”"]
    assert states["ar"].missing[0][1] == ["the hint"]
    assert "other" not in states
    settings.LOCALE_PATHS = [tmp_path]  # as if Heard's own words had no Somali catalogue
    assert translations.offered(project) == ["en", "bfi"]


def test_the_residents_form_offers_only_complete_languages_and_shows_english_for_the_rest(client, project):
    link = EntryLink.objects.create(project=project, partner=project.project_partners.get().organisation)
    html = client.get(link.get_absolute_url()).content.decode()
    assert 'href="?lang=so"' in html and 'href="?lang=bfi"' in html
    assert "?lang=bn" not in html and "?lang=ar" not in html
    bengali = client.get(link.get_absolute_url() + "?lang=bn").content.decode()
    assert '<html lang="en" dir="ltr"' in bengali and "Were you offered an interpreter?" in bengali
    assert "হ্যাঁ" not in bengali


def test_staff_see_what_is_missing_in_each_language_on_the_questions_page(client, project):
    client.force_login(make_user(role=Role.HOST_STAFF))
    html = client.get(f"/projects/{project.slug}/questions/").content.decode()
    assert "The questions in each language" in html
    assert "Missing: “No”" in html and "Missing: the hint" in html
    assert f"/projects/{project.slug}/questions/in/bn/" in html


def test_partners_are_told_which_languages_residents_can_choose_when_they_make_a_link(client, project):
    partner = project.project_partners.get().organisation
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=partner))
    page = client.get(f"/projects/{project.slug}/links/").content.decode()
    assert "Residents can choose: <strong>English</strong>" in page and "<strong>Somali</strong>" in page
    assert "Not offered yet" in page and "Bengali" in page and "Arabic" in page
    made = client.post(f"/projects/{project.slug}/links/", {}, follow=True).content.decode()
    assert "Link made." in made and "Not yet Bengali, Arabic:" in made
