"""The host edits the agreement's template; only the placeholders Heard provides and if/for are allowed."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_user
from heard.funding.agreements import DEFAULT_TEMPLATE, TemplateProblem, check_template, document, fill
from heard.funding.models import AgreementTemplate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "body",
    [
        "{% load static %}{% static 'x' %}",
        "{% include 'base.html' %}",
        "{% debug %}",
        "{% extends 'base.html' %}",
        "{% csrf_token %}",
        "{% url 'core:home' %}",
    ],
)
def test_a_tag_outside_the_sandbox_is_refused_with_its_line(body):
    with pytest.raises(TemplateProblem, match=r"Line 1: .* is not allowed"):
        check_template(body)


def test_an_unclosed_if_is_a_clear_problem():
    with pytest.raises(TemplateProblem, match="has its end"):
        check_template("{% if partner.name %}no end")


def test_only_the_variables_given_are_filled_in_and_others_are_blank():
    text = fill("{{ partner.name }} / {{ settings.SECRET_KEY }} / {{ request.user }}", {"partner": {"name": "Ours"}})
    assert text == "Ours /  /\n"


def test_the_default_template_is_allowed_and_lays_out_as_headed_sections():
    check_template(DEFAULT_TEMPLATE)
    doc = document("Partnership agreement", "", "# Parties\nOne.\nTwo.\n\n# Tasks\n- a\n- b\n")
    assert [s.heading for s in doc.sections] == ["Parties", "Tasks"]
    assert doc.sections[0].blocks[0].text == "One. Two."  # type: ignore[union-attr]
    assert doc.sections[1].blocks[0].items == ["a", "b"]  # type: ignore[union-attr]


def test_host_staff_save_the_template_and_a_bad_one_is_refused_on_the_page(client):
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/funding/agreement-template/").content.decode()
    assert "{{ partner.name }}" in page
    response = client.post("/funding/agreement-template/", {"name": "Agreement", "body": "Hi\n{% debug %}"})
    assert "Line 2:" in response.content.decode()
    assert not AgreementTemplate.objects.exists()
    client.post("/funding/agreement-template/", {"name": "Agreement", "body": "# Us\n{{ partner.name }}"})
    assert AgreementTemplate.objects.get().body.splitlines() == ["# Us", "{{ partner.name }}"]
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert client.get("/funding/agreement-template/").status_code == 403
