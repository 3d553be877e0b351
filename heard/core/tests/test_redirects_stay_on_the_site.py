"""Buttons that send people back where they came from, and `next` after two-factor sign-in, only ever go to
Heard's own pages, whatever the Referer or the `next` parameter says."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from heard.accounts.models import Role
from heard.core.redirects import own_page
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer

OFF_SITE = [
    "https://evil.example/phish",
    "//evil.example/phish",
    "http://testserver.evil.example/",
    "https:/\\evil.example/",
    "javascript:alert(1)",
    "\\\\evil.example",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_an_address_on_another_site_falls_back(target):
    request = RequestFactory().get("/")
    assert own_page(request, target, "/projects/") == "/projects/"


@pytest.mark.parametrize("target", ["/analysis/projects/p/coding/?page=2", "http://testserver/projects/"])
def test_an_address_on_this_site_is_followed(target):
    assert own_page(RequestFactory().get("/"), target, "/") == target


def test_on_https_a_plain_http_address_of_this_site_falls_back():
    request = RequestFactory().get("/", secure=True)
    assert own_page(request, "http://testserver/projects/", "/") == "/"


@pytest.fixture
def answer(db):
    partner = make_organisation()
    project = make_project(slug="p", partners=[partner])
    question = make_question(project=project, code="story", kind="free_text")
    return Answer.objects.create(
        experience=make_experience(project=project, partner=partner), question=question, text="The wait was long"
    )


@pytest.mark.parametrize("button", ["sentiment", "accept"])
@pytest.mark.parametrize("referer", OFF_SITE)
def test_the_coding_buttons_never_send_people_to_another_site(client, answer, button, referer):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.post(f"/analysis/answers/{answer.pk}/{button}/", {"score": "2"}, HTTP_REFERER=referer)
    assert response.status_code == 302
    assert response["Location"] == "/analysis/projects/p/coding/"


def test_the_coding_buttons_go_back_to_the_page_people_came_from(client, answer):
    client.force_login(make_user(role=Role.HOST_STAFF))
    back = "http://testserver/analysis/projects/p/coding/?status=uncoded&page=2"
    response = client.post(f"/analysis/answers/{answer.pk}/sentiment/", {"score": "2"}, HTTP_REFERER=back)
    assert response["Location"] == back


def test_two_factor_sign_in_never_sends_people_to_another_site(client, db):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.get("/accounts/two-factor/verify/", {"next": "//evil.example/"})
    assert "evil.example" not in response.content.decode() + response.get("Location", "")
