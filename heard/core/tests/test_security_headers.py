"""Every page carries a Content-Security-Policy without inline script, a Permissions-Policy, a referrer policy, no
content sniffing, and Cache-Control: no-store (signed-in pages, exports and the residents' form alike)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from heard.accounts.models import Role
from heard.core.security import CONTENT_SECURITY_POLICY
from heard.core.testing import make_experience, make_organisation, make_project, make_user
from heard.engagement.models import EntryLink

ROOT = Path(__file__).resolve().parents[3]


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def _assert_safe(response) -> None:
    directives = _directives(response)
    assert directives["script-src"] == "script-src 'self'"
    assert directives["style-src"] == "style-src 'self'"
    assert directives["object-src"] == "object-src 'none'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"] and "microphone=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


@pytest.fixture
def partnership(db):
    partner = make_organisation(name="Tower Hamlets Carers Centre")
    project = make_project(partners=[partner], slug="carers")
    make_experience(project=project, partner=partner)
    return project, partner


def test_a_signed_in_page_showing_residents_records_is_never_stored(client, partnership):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.get("/projects/carers/records/")
    assert response.status_code == 200
    _assert_safe(response)


def test_an_export_is_never_stored(client, partnership):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.get(reverse("returns:export", args=["carers", "csv"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    _assert_safe(response)


def test_the_sign_in_page_and_the_residents_form_carry_the_headers_too(client, partnership):
    project, partner = partnership
    _assert_safe(client.get("/accounts/sign-in/"))
    link = EntryLink.objects.create(project=project, partner=partner)
    _assert_safe(client.get(link.get_absolute_url()))


def test_error_pages_carry_the_headers(client, db):
    _assert_safe(client.get("/say/no-such-link/"))


def test_static_files_keep_their_own_caching(client, db):
    response = client.get("/static/heard/heard.css")
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_policy_allows_only_heard_itself():
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "img-src 'self' data:" in CONTENT_SECURITY_POLICY  # the two-factor QR code


INLINE = [
    (re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE), "inline <script>: move it to heard/static/heard/"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "an on* handler attribute: add a listener in a static file"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "a style attribute: add a class to heard/static/heard/heard.css"),
    (re.compile(r"<style", re.IGNORECASE), "a <style> block: move it to heard/static/heard/heard.css"),
    (re.compile(r"javascript:", re.IGNORECASE), "a javascript: URL"),
    (re.compile(r"hx-on|hx-vals=['\"]js:|hx-vars", re.IGNORECASE), "htmx evaluating script, which the CSP blocks"),
]


def test_no_template_has_script_or_style_that_the_policy_would_block():
    problems = []
    for template in sorted((ROOT / "heard").rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern, why in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{template.relative_to(ROOT)}:{line}: {why}")
    assert problems == []
