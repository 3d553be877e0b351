"""The role x page matrix over every routed view, generated from the URL conf so a new page cannot be missed.

Every URL pattern has a row below: what each role gets when it opens the page with real ids of records that
belong to the partner "ours". Then, for every route and role: guessed ids (none such, huge, negative where the
converter allows) are not found, posting nothing or junk never breaks a page or lets a role in, and bad values
of every query parameter a page reads never give a server error. Anonymous visitors are sent to sign in except
on the public pages; another partner's member gets "not found"; the steering group never sees one resident's
record.

A new URL without a row fails `test_every_routed_view_has_a_row_in_the_table`: add its row to PAGES (Learn's rows
are in matrix_learn.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import override_settings

from heard.core.tests.matrix import (
    BAD_VALUES,
    GUESSES,
    ROLES,
    RoleClient,
    Route,
    World,
    build_world,
    failure,
    outcome,
    read_keys,
    routes,
)
from heard.core.tests.matrix_learn import LEARN_PAGES

IN = "in"  # sent to sign in
# Each row: what the URL's parameters stand for (names of the world's ids), then what each role gets on GET:
#   anonymous, host_admin, host_staff, host_lead, partner, partner_lead, other_partner, steering, outsider
# host_lead: host staff and a safeguarding lead. partner, partner_lead: members of "ours", which owns every
# record; partner_lead is its safeguarding lead. other_partner: a member (and safeguarding lead) of "theirs", the
# other partner in the same project. outsider: a member of a partner in no project.
# Pages that only take POST have a `post` row instead: what each role gets when it posts nothing.
# fmt: off
PAGES: dict[str, dict[str, Any]] = {
    "core:home":                        {"get": "in  302 302 302 302 302 302 302 302"},
    "core:audit-timeline":              {"get": "in  200 403 403 403 403 403 403 403"},
    "core:healthz":                     {"get": "200 200 200 200 200 200 200 200 200"},
    "accounts:login":                   {"get": "200 200 200 200 200 200 200 200 200"},
    "accounts:logout":                  {"post": "in  in  in  in  in  in  in  in  in"},
    "accounts:password-reset":          {"get": "200 200 200 200 200 200 200 200 200"},
    "accounts:password-reset-done":     {"get": "200 200 200 200 200 200 200 200 200"},
    "accounts:password-reset-confirm":  {"ids": {"uidb64": "uidb64", "token": "reset_token"},
                                         "get": "200 200 200 200 200 200 200 200 200"},
    "accounts:password-reset-complete": {"get": "200 200 200 200 200 200 200 200 200"},
    "accounts:two-factor":              {"get": "in  302 302 302 302 302 302 302 302"},
    "accounts:two-factor-setup":        {"get": "in  200 200 200 200 200 200 200 200"},
    "accounts:two-factor-verify":       {"get": "in  302 302 302 302 302 302 302 302"},
    "partners:organisation-list":       {"get": "in  200 200 200 200 200 200 200 200"},
    "partners:community-list":          {"get": "in  200 200 200 200 200 200 200 200"},
    "partners:community-create":        {"get": "in  200 200 200 403 403 403 403 403"},
    "partners:organisation-create":     {"get": "in  200 200 200 403 403 403 403 403"},
    "partners:organisation-detail":     {"ids": {"slug": "organisation"},
                                         "get": "in  200 200 200 200 200 200 200 200"},
    "partners:organisation-edit":       {"ids": {"slug": "organisation"},
                                         "get": "in  200 200 200 200 200 403 403 403"},
    "partners:contact-create":          {"ids": {"slug": "organisation"},
                                         "get": "in  200 200 200 200 200 403 403 403"},
    "partners:centre-create":           {"ids": {"slug": "organisation"},
                                         "get": "in  200 200 200 200 200 403 403 403"},
    "partners:policy-create":           {"ids": {"slug": "organisation"},
                                         "get": "in  200 200 200 200 200 403 403 403"},
    "partners:policy-download":         {"ids": {"pk": "policy"}, "get": "in  200 200 200 200 200 404 404 404"},
    "partners:policy-check":            {"ids": {"pk": "policy"}, "post": "in  302 302 302 403 403 404 404 404"},
    "partners:policy-templates":        {"get": "in  200 200 200 200 200 200 200 200"},
    "partners:policy-template-create":  {"get": "in  200 200 200 403 403 403 403 403"},
    "partners:policy-template-download": {"ids": {"pk": "policy_template"},
                                         "get": "in  200 200 200 200 200 200 200 200"},
    "partners:selection":               {"get": "in  200 200 200 403 403 403 403 403"},
    "partners:selection-weights":       {"get": "in  200 200 200 403 403 403 403 403"},
    "partners:assessment":              {"ids": {"slug": "organisation"},
                                         "get": "in  200 200 200 403 403 403 403 403"},
    "funding:my-tasks":                 {"get": "in  200 200 200 200 200 200 200 200"},
    "funding:task-edit":                {"ids": {"pk": "task"}, "get": "in  200 200 200 200 200 404 403 404"},
    "funding:project-tasks":            {"get": "in  200 200 200 200 200 200 200 404"},
    "funding:task-create":              {"get": "in  200 200 200 403 403 403 403 404"},
    "funding:agreement-template":       {"get": "in  200 200 200 403 403 403 403 403"},
    "funding:project-agreements":       {"get": "in  200 200 200 200 200 200 200 404"},
    "funding:agreement-make":           {"ids": {"organisation": "organisation"},
                                         "post": "in  302 302 302 403 403 403 403 404"},
    "funding:agreement-detail":         {"ids": {"pk": "agreement"}, "get": "in  200 200 200 200 200 404 404 404"},
    "funding:agreement-docx":           {"ids": {"pk": "agreement"}, "get": "in  200 200 200 200 200 404 404 404"},
    "funding:agreement-pdf":            {"ids": {"pk": "agreement"}, "get": "in  200 200 200 200 200 404 404 404"},
    "funding:signed-copy-download":     {"ids": {"pk": "signed_copy"},
                                         "get": "in  200 200 200 200 200 404 404 404"},
    "engagement:project-list":          {"get": "in  200 200 200 200 200 200 200 200"},
    "engagement:project-create":        {"get": "in  200 200 200 403 403 403 403 403"},
    "engagement:project-detail":        {"get": "in  200 200 200 200 200 200 200 404"},
    "engagement:project-edit":          {"get": "in  200 200 200 403 403 403 403 404"},
    "engagement:activity-create":       {"get": "in  200 200 200 200 200 200 403 404"},
    "engagement:experience-list":       {"get": "in  200 200 200 200 200 200 403 404"},
    "engagement:experience-create":     {"get": "in  200 200 200 200 200 200 403 404"},
    "engagement:activity-detail":       {"ids": {"pk": "activity"}, "get": "in  200 200 200 200 200 404 404 404"},
    "engagement:activity-edit":         {"ids": {"pk": "activity"}, "get": "in  200 200 200 200 200 404 404 404"},
    "engagement:experience-detail":     {"ids": {"pk": "experience"}, "get": "in  200 200 200 200 200 404 404 404"},
    "engagement:experience-edit":       {"ids": {"pk": "experience"}, "get": "in  200 200 200 200 200 404 404 404"},
    "engagement:entry-links":           {"get": "in  200 200 200 200 200 200 403 404"},
    "engagement:question-list":         {"get": "in  200 200 200 200 200 200 200 404"},
    "engagement:question-create":       {"get": "in  200 200 200 403 403 403 403 404"},
    "engagement:question-edit":         {"ids": {"pk": "question"}, "get": "in  200 200 200 403 403 403 403 404"},
    "engagement:question-translate":    {"ids": {"language": "somali"},
                                         "get": "in  200 200 200 403 403 403 403 404"},
    "engagement:question-retire":       {"ids": {"pk": "question"}, "post": "in  302 302 302 403 403 403 403 404"},
    "engagement:public-entry":          {"get": "200 200 200 200 200 200 200 200 200"},
    "engagement:public-thanks":         {"get": "200 200 200 200 200 200 200 200 200"},
    "engagement:public-privacy":        {"get": "200 200 200 200 200 200 200 200 200"},
    "engagement:hear":                  {"get": "in  200 200 200 200 200 200 200 200"},
    "engagement:understand":            {"get": "in  200 200 200 200 200 200 200 200"},
    "reporting:stage":                  {"get": "in  200 200 200 200 200 200 200 200"},
    "reporting:start":                  {"post": "in  302 302 302 403 403 403 403 404"},
    "reporting:report":                 {"get": "in  200 200 200 200 200 200 200 404"},
    "reporting:download":               {"ids": {"slug": "project", "fmt": "report_format"},
                                         "get": "in  200 200 200 200 200 200 200 404"},
    "reporting:publish":                {"get": "in  200 200 200 403 403 403 403 404"},
    "reporting:recommendations":        {"get": "in  200 200 200 200 200 200 200 404"},
    "reporting:recommendation-edit":    {"ids": {"pk": "recommendation"},
                                         "get": "in  200 200 200 403 403 403 403 404"},
    "reporting:recommendation-delete":  {"ids": {"pk": "recommendation"},
                                         "post": "in  302 302 302 403 403 403 403 404"},
    "reporting:section":                {"ids": {"pk": "report_section"},
                                         "get": "in  200 200 200 200 200 200 200 404"},
    "reporting:autosave":               {"ids": {"pk": "report_section"},
                                         "post": "in  400 400 400 403 403 403 403 404"},
    "reporting:quote-picker":           {"ids": {"pk": "report_section"},
                                         "get": "in  200 200 200 403 403 403 403 404"},
    "reporting:restore":                {"ids": {"pk": "section_version"},
                                         "post": "in  302 302 302 403 403 403 403 404"},
    "reporting:quote-remove":           {"ids": {"pk": "chosen_quote"},
                                         "post": "in  302 302 302 404 404 404 404 404"},
    "reporting:quote-move":             {"ids": {"pk": "chosen_quote"},
                                         "post": "in  302 302 302 404 404 404 404 404"},
    "reporting:public":                 {"ids": {"slug": "published_report"},
                                         "get": "200 200 200 200 200 200 200 200 200"},
    "reporting:public-download":        {"ids": {"slug": "published_report", "fmt": "report_format"},
                                         "get": "200 200 200 200 200 200 200 200 200"},
    "influence:stage":                  {"get": "in  200 200 200 200 200 200 200 200"},
    "influence:verdicts":               {"get": "in  200 200 200 200 200 200 200 404"},
    "influence:verdict-enter":          {"get": "in  200 200 200 200 200 200 403 404"},
    "influence:verdict-import":         {"post": "in  400 400 400 400 400 400 403 404"},
    "influence:verdict-template":       {"get": "in  200 200 200 200 200 200 403 404"},
    "influence:verdict-public":         {"ids": {"token": "verdict_token"},
                                         "get": "200 200 200 200 200 200 200 200 200"},
    "influence:verdict-thanks":         {"ids": {"token": "verdict_token"},
                                         "get": "200 200 200 200 200 200 200 200 200"},
    "influence:you-said":               {"get": "200 200 200 200 200 200 200 200 200"},
    "influence:you-said-community":     {"ids": {"slug": "project", "community": "community"},
                                         "get": "200 200 200 200 200 200 200 200 200"},
    "influence:you-said-sheet":         {"ids": {"slug": "project", "community": "community"},
                                         "get": "200 200 200 200 200 200 200 200 200"},
    "influence:create":                 {"get": "in  200 200 200 403 403 403 403 403"},
    "influence:recommendation":         {"ids": {"pk": "tracked_recommendation"},
                                         "get": "in  200 200 200 200 200 200 200 404"},
    "influence:edit":                   {"ids": {"pk": "tracked_recommendation"},
                                         "get": "in  200 200 200 403 403 403 403 404"},
    "influence:send":                   {"ids": {"pk": "tracked_recommendation"},
                                         "post": "in  302 302 302 403 403 403 403 404"},
    "influence:new-link":               {"ids": {"pk": "tracked_recommendation"},
                                         "post": "in  302 302 302 403 403 403 403 404"},
    "influence:record-response":        {"ids": {"pk": "tracked_recommendation"},
                                         "get": "in  200 200 200 403 403 403 403 404"},
    "influence:regulator":              {"ids": {"pk": "tracked_recommendation"},
                                         "post": "in  302 302 302 403 403 403 403 404"},
    "influence:revoke-link":            {"ids": {"pk": "response_link"},
                                         "post": "in  302 302 302 403 403 403 403 404"},
    "influence:export":                 {"ids": {"fmt": "csv"}, "get": "in  200 200 200 403 403 403 403 403"},
    "influence:bulk-update":            {"get": "in  200 200 200 403 403 403 403 403"},
    "influence:board-pack":             {"get": "in  200 200 200 200 200 200 200 200"},
    "influence:board-pack-file":        {"ids": {"fmt": "pdf"}, "get": "in  200 200 200 200 200 200 200 200"},
    "influence:respond":                {"ids": {"token": "response_token"},
                                         "get": "200 200 200 200 200 200 200 200 200"},
    "influence:progress":               {"ids": {"token": "response_token"},
                                         "get": "302 302 302 302 302 302 302 302 302"},
    "returns:project-returns":          {"get": "in  200 200 200 200 200 200 403 404"},
    "returns:template":                 {"get": "in  302 302 302 200 200 200 403 404"},
    "returns:upload":                   {"post": "in  400 400 400 400 400 400 403 404"},
    "returns:export":                   {"ids": {"slug": "project", "fmt": "csv"},
                                         "get": "in  200 200 200 200 200 200 403 404"},
    "returns:preview":                  {"ids": {"pk": "upload"}, "get": "in  200 200 200 200 200 404 404 404"},
    "returns:progress":                 {"ids": {"pk": "upload"}, "get": "in  200 200 200 200 200 404 404 404"},
    "returns:confirm":                  {"ids": {"pk": "upload"}, "post": "in  302 302 302 302 302 404 404 404"},
    "returns:retry":                    {"ids": {"pk": "upload"}, "post": "in  302 302 302 302 302 404 404 404"},
    "returns:map-columns":              {"ids": {"pk": "upload"}, "post": "in  302 302 302 302 302 404 404 404"},
    "returns:shared-export-page":       {"get": "in  200 200 200 403 403 403 403 403"},
    "returns:shared-export":            {"ids": {"slug": "project", "fmt": "csv"},
                                         "get": "in  200 200 200 403 403 403 403 403"},
    "returns:problems-file":            {"ids": {"pk": "upload"}, "get": "in  200 200 200 200 200 404 404 404"},
    "analysis:coding-grid":             {"get": "in  200 200 200 200 200 200 403 404"},
    "analysis:theme-table":             {"get": "in  200 200 200 200 200 200 200 404"},
    "analysis:codebook":                {"get": "in  200 200 200 200 200 200 200 404"},
    "analysis:codebook-xlsx":           {"get": "in  200 200 200 200 200 200 200 404"},
    "analysis:codebook-qdc":            {"get": "in  200 200 200 200 200 200 200 404"},
    "analysis:codebook-import":         {"post": "in  302 302 302 403 403 403 403 404"},
    "analysis:export-matrix":           {"get": "in  200 200 200 200 200 200 403 404"},
    "analysis:code":                    {"ids": {"pk": "answer"}, "post": "in  302 302 302 302 302 404 403 404"},
    "analysis:accept":                  {"ids": {"pk": "answer"}, "post": "in  302 302 302 302 302 404 403 404"},
    "analysis:sentiment":               {"ids": {"pk": "answer"}, "post": "in  302 302 302 302 302 404 403 404"},
    "place:dataset-list":               {"get": "in  200 200 200 200 200 200 200 200"},
    "place:who-is-missing":             {"get": "in  200 200 200 200 200 200 200 200"},
    "place:map":                        {"get": "in  200 200 200 200 200 200 200 200"},
    "privacy:flag-list":                {"get": "in  403 403 200 403 200 200 403 403"},
    "privacy:flag-detail":              {"ids": {"pk": "flag"}, "get": "in  404 404 200 404 200 404 404 404"},
    "privacy:consent":                  {"ids": {"pk": "experience"}, "get": "in  200 200 200 200 200 404 404 404"},
    "privacy:agreement-list":           {"get": "in  200 200 200 403 403 403 403 403"},
    "privacy:redaction-review":         {"ids": {"pk": "answer"}, "get": "in  200 200 200 403 403 403 403 403"},
    "funding:funders":                  {"get": "in  200 200 200 403 403 403 403 403"},
    "funding:funder-create":            {"get": "in  200 200 200 403 403 403 403 403"},
    "funding:pot-create":               {"get": "in  200 200 200 403 403 403 403 403"},
    "funding:bid-create":               {"get": "in  200 200 200 403 403 403 403 403"},
    "funding:bid-edit":                 {"ids": {"pk": "bid"}, "get": "in  200 200 200 403 403 403 403 403"},
    "funding:grants-360giving":         {"ids": {"fmt": "csv"}, "get": "in  200 200 200 403 403 403 403 403"},
    "funding:project":                  {"get": "in  200 200 200 200 200 200 403 404"},
    "funding:award":                    {"get": "in  200 200 200 403 403 403 403 404"},
    "funding:holdback":                 {"post": "in  302 302 302 403 403 403 403 404"},
    "funding:budget-line-create":       {"get": "in  200 200 200 403 403 403 403 404"},
    "funding:recompense-create":        {"get": "in  200 200 200 200 200 403 403 404"},
    "funding:finance-export":           {"ids": {"slug": "project", "fmt": "csv"},
                                         "get": "in  200 200 200 200 200 200 403 404"},
    "funding:allocation-detail":        {"ids": {"pk": "allocation"}, "get": "in  200 200 200 200 200 404 404 404"},
    "funding:accept-delivery":          {"ids": {"pk": "allocation"}, "post": "in  302 302 302 403 403 404 404 404"},
    "funding:reallocate":               {"ids": {"pk": "allocation"}, "post": "in  302 302 302 403 403 404 404 404"},
    "funding:payment-paid":             {"ids": {"pk": "payment"}, "post": "in  302 302 302 403 403 404 404 404"},
}
# fmt: on
PAGES.update(LEARN_PAGES)
# What a parameter stands for when its row does not say: a project's slug, a public link's token.
DEFAULT_IDS = {"slug": "project", "token": "token"}

# Pages anyone may open without signing in (test_every_url_needs_sign_in.py keeps the same list).
PUBLIC = {name for name, row in PAGES.items() if row.get("get", row.get("post", "")).split()[0] != IN}

# Pages that list or export residents' records one by one: the steering group never gets one.
RECORD_LISTS = {
    "engagement:experience-list",
    "returns:export",
    "analysis:coding-grid",
    "analysis:export-matrix",
}
# Pages about one of the partner "ours"'s records (or its activity, answer, flag or upload): the steering group,
# another partner's member and a partner in no project never get one.
ONE_RECORD = {
    "engagement:activity-detail",
    "engagement:activity-edit",
    "engagement:experience-detail",
    "engagement:experience-edit",
    "returns:preview",
    "returns:progress",
    "returns:confirm",
    "returns:map-columns",
    "returns:retry",
    "returns:problems-file",
    "analysis:code",
    "analysis:accept",
    "analysis:sentiment",
    "privacy:flag-detail",
    "privacy:consent",
    "privacy:redaction-review",
}

# Django's own admin has its own sign-in: only host admins (staff and superusers) get past it.
ADMIN_ROLES = ("anonymous", "host_admin", "partner", "steering")
ADMIN_IDS = {
    "object_id": "admin_user",
    "id": "admin_user",
    "pk": "admin_user",
    "app_label": "app_label",
    "content_type_id": "content_type_id",
    "url": "url",
}
DENIED = {"in", "admin-in", "403", "404", "405"}


def _report(wrong: dict[str, Any]) -> str:
    return "\n" + "\n".join(f"{request[:120]}: {what}" for request, what in sorted(wrong.items()))


def _is_admin(route: Route) -> bool:
    return route.pattern.startswith("django-admin/")


def _heard_routes() -> list[Route]:
    return [r for r in routes() if not _is_admin(r)]


def _expected(row: dict[str, Any], method: str) -> dict[str, str]:
    return dict(zip(ROLES, row[method].split(), strict=True))


def _values(route: Route, world: World) -> dict[str, str]:
    names = {**DEFAULT_IDS, **ADMIN_IDS, **PAGES.get(route.name, {}).get("ids", {})}
    return {param: world.ids[names[param]] for param, _ in route.params}


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world for the whole module, built once in a transaction that is rolled back at the end."""
    media = tmp_path_factory.mktemp("media")
    quiet = logging.getLogger("django.request")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # thousands of expected 403s and 404s
    # HEARD_RESPONSE_LINK_LIMIT: the table opens a response link far more often than one address may in an hour.
    with override_settings(MEDIA_ROOT=str(media), HEARD_RESPONSE_LINK_LIMIT=100_000), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world(str(media))
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            quiet.setLevel(level)


@pytest.fixture
def clients(world: World, db: None, settings: Any) -> dict[str, RoleClient]:
    settings.MEDIA_ROOT = world.media_root  # every test gets a media folder of its own; the world's file is here
    return {role: RoleClient(world.users[role]) for role in ROLES}


def test_every_routed_view_has_a_row_in_the_table() -> None:
    missing = [r.name for r in _heard_routes() if r.name not in PAGES]
    assert not missing, (
        f"{missing}: add a row for each of these to PAGES in {__file__}: what each role gets on GET (or POST), and "
        "what its URL parameters stand for. If it is public, add it to test_every_url_needs_sign_in.py too."
    )
    gone = set(PAGES) - {r.name for r in _heard_routes()}
    assert not gone, f"{gone} are in PAGES but no longer routed: remove their rows."
    for route in _heard_routes():
        params = {name for name, _ in route.params}
        named = {**DEFAULT_IDS, **PAGES[route.name].get("ids", {})}
        assert params <= set(named), f"{route.name}: say what {params - set(named)} stand for in its row's ids"


def test_the_public_pages_are_the_ones_that_need_no_sign_in() -> None:
    from heard.core.tests.test_every_url_needs_sign_in import PUBLIC as SIGN_IN_PUBLIC

    assert PUBLIC == SIGN_IN_PUBLIC


def test_the_table_never_gives_the_steering_group_or_other_partners_an_individual_record() -> None:
    for name in RECORD_LISTS | ONE_RECORD:
        row = PAGES[name]
        expected = _expected(row, "get" if "get" in row else "post")
        assert expected["steering"] in DENIED, name
        if name in ONE_RECORD:
            assert expected["other_partner"] in DENIED, name
            assert expected["outsider"] in DENIED, name


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says_on_every_page(role: str, world: World, clients: dict[str, RoleClient]):
    client = clients[role]
    wrong: dict[str, tuple[str, ...]] = {}
    for route in _heard_routes():
        if route.name not in PAGES:
            continue  # test_every_routed_view_has_a_row_in_the_table says to add it
        row = PAGES[route.name]
        path = route.path(_values(route, world))
        method = "GET" if "get" in row else "POST"
        response = client.request(method, path)
        expected = _expected(row, method.lower())[role]
        if outcome(response) != expected:
            wrong[f"{method} {path}"] = (outcome(response), expected, failure(response))
        if method == "POST":  # a page that only takes POST refuses GET (anonymous visitors are sent to sign in)
            status = outcome(client.request("GET", path))
            want = IN if role == "anonymous" and route.name not in PUBLIC else "405"
            if status != want:
                wrong[f"GET {path}"] = (status, want)
    assert not wrong, _report(wrong)


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_posting_nothing_or_junk_never_breaks_a_page_or_lets_a_role_in(
    role: str, world: World, clients: dict[str, RoleClient]
):
    client = clients[role]
    wrong: dict[str, tuple[str, ...]] = {}
    for route in _heard_routes():
        if route.name not in PAGES:
            continue  # test_every_routed_view_has_a_row_in_the_table says to add it
        row = PAGES[route.name]
        path = route.path(_values(route, world))
        expected = _expected(row, "post" if "post" in row else "get")[role]
        with read_keys() as keys:
            empty = client.request("POST", path)
        junk = dict.fromkeys(keys | {"next", "partner", "theme", "score", "field"}, "junk ü😀‮'\"><" + "x" * 200)
        junk.update({"span": "99999999999999999999", "next": "https://evil.example/", "page": "-1"})
        for what, response in (("nothing", empty), ("junk", client.request("POST", path, junk))):
            got = outcome(response)
            if response.status_code >= 500:
                wrong[f"POST {what} {path}"] = (got, failure(response))
            elif expected in DENIED and got != expected and route.name != "accounts:logout":
                wrong[f"POST {what} {path}"] = (got, f"denied as on GET: {expected}")
            elif response.status_code == 302 and response["Location"].startswith("https://evil.example"):
                wrong[f"POST {what} {path}"] = (got, "a redirect off the site")
    assert not wrong, _report(wrong)


@pytest.mark.slow
@pytest.mark.parametrize("role", ["anonymous", "host_admin", "partner", "other_partner", "steering"])
def test_guessed_ids_are_not_found(role: str, world: World, clients: dict[str, RoleClient]):
    client = clients[role]
    wrong: dict[str, tuple[str, ...]] = {}
    for route in _heard_routes():
        if route.name not in PAGES:
            continue  # test_every_routed_view_has_a_row_in_the_table says to add it
        row = PAGES[route.name]
        method = "GET" if "get" in row else "POST"
        expected = _expected(row, method.lower())[role]
        real = _values(route, world)
        for param, converter in route.params:
            for guess in GUESSES[converter]:
                path = route.path({**real, param: guess})
                response = client.request(method, path)
                got = outcome(response)
                if route.name == "accounts:password-reset-confirm" and got == "200":
                    continue  # "this link has expired", for any made-up link
                if got != "404" and not (expected in DENIED and got == expected):
                    wrong[f"{method} {path[:90]}"] = (got, failure(response))
    assert not wrong, _report(wrong)


@pytest.mark.slow
@pytest.mark.parametrize("role", ["host_admin", "partner", "steering"])
def test_bad_query_parameters_never_break_a_page(role: str, world: World, clients: dict[str, RoleClient]):
    client = clients[role]
    wrong: dict[str, tuple[str, ...]] = {}
    for route in _heard_routes():
        if route.name not in PAGES:
            continue  # test_every_routed_view_has_a_row_in_the_table says to add it
        row = PAGES[route.name]
        if "get" not in row or _expected(row, "get")[role] in DENIED:
            continue
        path = route.path(_values(route, world))
        with read_keys() as keys:
            client.request("GET", path, {"probe": "1"})  # forms read their fields only when there is a query
        # Each parameter alone with the nastiest value, then every bad value in every parameter at once: a page
        # that breaks on one bad parameter breaks in one of these (keys + 4 requests, not keys x 4: the Report's
        # pages assemble the whole report on every request).
        every = sorted(keys | {"page", "project"})
        tries = [{key: BAD_VALUES[-1]} for key in every] + [dict.fromkeys(every, value) for value in BAD_VALUES]
        for query in tries:
            response = client.request("GET", path, query)
            if response.status_code >= 500 or response.status_code == 403:
                shown = "&".join(f"{k}={v[:20]!r}" for k, v in list(query.items())[:3])
                wrong[f"GET {path}?{shown}"] = (outcome(response), failure(response))
    assert not wrong, _report(wrong)


@pytest.mark.slow
@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_only_host_admins_get_past_the_admins_sign_in(role: str, world: World, clients: dict[str, RoleClient]):
    client = clients[role]
    wrong: dict[str, tuple[str, ...]] = {}
    for route in routes():
        if not _is_admin(route):
            continue
        path = route.path(_values(route, world))
        for method in ("GET", "POST"):
            response = client.request(method, path)
            got = outcome(response)
            if response.status_code >= 500:
                wrong[f"{method} {path}"] = (got, failure(response))
            elif role != "host_admin" and route.name not in ("admin:login", "admin:logout") and got not in DENIED:
                wrong[f"{method} {path}"] = (got, "sign-in")
    assert not wrong, _report(wrong)
