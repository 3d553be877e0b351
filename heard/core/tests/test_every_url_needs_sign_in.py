"""Every URL needs sign-in unless it is on this explicit public list."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# URL names (namespace:name) that anyone may open without signing in. Adding one here is a decision.
PUBLIC = {
    "accounts:login",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "core:healthz",
    "engagement:public-entry",
    "engagement:public-thanks",
    "influence:verdict-public",
    "influence:verdict-thanks",
    "governance:public-story",
    "governance:public-entry",
    "governance:answer-by-link",
    "engagement:public-privacy",
    "influence:you-said",
    "influence:you-said-community",
    "influence:you-said-sheet",
    "reporting:public",
    "reporting:public-download",
    "influence:respond",
    "influence:progress",
}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), (f"{namespace}:{p.name}" if namespace else p.name), p.callback


def _sample_path(route: str) -> str:
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(slug:|str:)?\w+>", "x", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    return "/" + path


def _heard_patterns():
    for route, name, callback in _walk(get_resolver().url_patterns):
        if route.startswith("django-admin/"):
            continue  # Django's admin has its own sign-in
        yield route, name, callback


def test_it_lists_only_the_expected_public_views():
    public = {name for _, name, cb in _heard_patterns() if getattr(cb, "login_required", True) is False}
    assert public == PUBLIC


@pytest.mark.django_db
def test_it_sends_an_anonymous_visitor_to_sign_in_for_every_other_url(client):
    checked = 0
    for route, name, _ in _heard_patterns():
        if name in PUBLIC:
            continue
        path = _sample_path(route)
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, (name, path, response.status_code)
            assert response["Location"].startswith("/accounts/sign-in/"), (name, path)
        checked += 1
    assert checked > 15


@pytest.mark.django_db
def test_it_lets_anyone_check_the_service_is_up(client):
    assert client.get("/healthz").content == b"ok"
