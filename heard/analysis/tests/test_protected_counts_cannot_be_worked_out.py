"""No count hidden from a steering-group member or a partner can be worked out from what the pages show.

Demo-like data from the builders: a partnership of four partners, six communities, every method, Census answers
drawn with the demo's skew (many small groups), free-text answers coded with a long tail of themes. Each page is
read as a reader would (heard.lib.disclosure_audit) and, for every hidden cell, a linear programme finds the least
and greatest value it can take given every shown figure, total and line that adds up.
"""

from __future__ import annotations

import random
import re

import pytest

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import Code, CodeSource, Theme
from heard.analysis.tables import DIMENSIONS
from heard.core.testing import (
    make_activity,
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer, Method
from heard.lib import census, disclosure_audit

DASHBOARD_TABLES = ["Residents heard by community", "Residents heard by partner", "Residents heard by method"]


def _skewed(rng: random.Random, codes: list[str]) -> str:
    """Mostly the first few codes, a long tail of rare ones, sometimes not answered."""
    if rng.random() < 0.08:
        return ""
    weights = [1 / (n + 1) ** 1.6 for n in range(len(codes))]
    return rng.choices(codes, weights)[0]


@pytest.fixture
def partnership(db):
    rng = random.Random(19)
    partners = [make_organisation(name=f"Partner {n}") for n in range(4)]
    communities = [make_community(name=f"Community {n}") for n in range(6)]
    project = make_project(slug="demo-like", partners=partners, communities=communities)
    story = make_question(project=project, code="story")
    staff = make_user(role=Role.HOST_STAFF)
    actions.ensure_national_codebook()
    themes = list(Theme.objects.national().filter(parent__isnull=False)[:14])
    activities = [
        make_activity(project=project, partner=partners[n % 4], method=method) for n, method in enumerate(Method.values)
    ]
    codes = []
    for n in range(170):
        activity = rng.choice(activities) if rng.random() > 0.03 else None
        partner = activity.partner if activity else rng.choice(partners)
        experience = make_experience(
            project=project,
            partner=partner,
            activity=activity,
            community=rng.choice(communities) if rng.random() > 0.04 else None,
            age_band=_skewed(rng, [c for c, _ in census.AGE_BANDS]),
            sex=_skewed(rng, [c for c, _ in census.SEXES]),
            ethnic_group=_skewed(rng, [c for c, _ in census.ETHNIC_GROUPS_19]),
            disability=_skewed(rng, [c for c, _ in census.DISABILITY]),
            main_language=_skewed(rng, ["en", "so", "tr", "ku", "bn", "ar", "pl"]),
            consent_quote=rng.random() < 0.6,
            consent_method="" if rng.random() < 0.01 else "verbal",
        )
        answer = Answer.objects.create(experience=experience, question=story, text=f"What happened to me, {n}")
        for theme in rng.sample(themes, rng.choice([1, 1, 2, 3])):
            if rng.random() < 1 / (themes.index(theme) + 1) ** 0.5 + 0.1:
                codes.append(Code(answer=answer, theme=theme, coder=staff, applied=True, source=CodeSource.MANUAL))
    # A community only just reached: two people.
    tiny = make_community(name="Community only just reached")
    project.communities.add(tiny)
    for n in range(2):
        experience = make_experience(project=project, partner=partners[n], activity=activities[n], community=tiny)
        answer = Answer.objects.create(experience=experience, question=story, text=f"Nobody listened, {n}")
        codes.append(Code(answer=answer, theme=themes[0], coder=staff, applied=True, source=CodeSource.MANUAL))
    Code.objects.bulk_create(codes)
    return {"project": project, "partners": partners}


def _viewers(partnership):
    return [
        ("steering", make_user(role=Role.STEERING_MEMBER)),
        ("partner", make_user(role=Role.PARTNER_MEMBER, organisation=partnership["partners"][0])),
    ]


@pytest.mark.parametrize("by", list(DIMENSIONS))
def test_no_hidden_cell_of_the_themes_table_can_be_worked_out(client, partnership, by):
    for who, user in _viewers(partnership):
        client.force_login(user)
        page = client.get(f"/analysis/projects/demo-like/themes/?by={by}").content.decode()
        audit = disclosure_audit.theme_table(page)
        assert audit.lines, f"{who}: no themes table read"
        assert audit.recoverable() == [], f"{who}, by {by}: {[audit.labels[i] for i in audit.recoverable()]}"


def test_the_themes_table_has_small_cells_to_protect(client, partnership):
    """The data is worth checking: the steering group's tables hide cells, the old single "<5" would give some
    away (every line with one hidden cell and the rest exact)."""
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    hidden = 0
    for by in DIMENSIONS:
        page = client.get(f"/analysis/projects/demo-like/themes/?by={by}").content.decode()
        hidden += len(disclosure_audit.theme_table(page).hidden)
    assert hidden > 50


def test_no_hidden_cell_of_the_dashboard_can_be_worked_out(client, partnership):
    for who, user in _viewers(partnership):
        client.force_login(user)
        page = client.get("/projects/demo-like/").content.decode()
        headline = re.search(r'heard-stat__number">([^<]*)</span><span class="heard-stat__label">residents heard', page)
        assert headline, who
        audit = disclosure_audit.breakdowns(page, headline.group(1), DASHBOARD_TABLES)
        assert len(audit.lines) == 3
        assert audit.recoverable() == [], f"{who}: {[audit.labels[i] for i in audit.recoverable()]}"


def test_host_staff_see_the_same_tables_exactly(client, partnership):
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/analysis/projects/demo-like/themes/?by=community").content.decode()
    assert "[c]" not in page and "&lt;5" not in page
    assert not disclosure_audit.theme_table(page).hidden


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_on_the_demo_no_hidden_cell_can_be_worked_out(client):
    """The demo itself, as its steering member and its partner see it (bench/disclosure.py prints the figures)."""
    import io

    from django.core.management import call_command

    from heard.accounts.models import User
    from heard.demo.builder import PROJECT_SLUG

    call_command("demo", "--no-serve", stdout=io.StringIO(), stderr=io.StringIO())
    for username in ("steering", "partner"):
        client.force_login(User.objects.get(username=username))
        hidden = 0
        for by in DIMENSIONS:
            page = client.get(f"/analysis/projects/{PROJECT_SLUG}/themes/?by={by}").content.decode()
            audit = disclosure_audit.theme_table(page)
            hidden += len(audit.hidden)
            assert audit.recoverable() == [], f"{username}, by {by}"
        page = client.get(f"/projects/{PROJECT_SLUG}/").content.decode()
        headline = re.search(r'heard-stat__number">([^<]*)</span><span class="heard-stat__label">residents heard', page)
        assert headline
        assert disclosure_audit.breakdowns(page, headline.group(1), DASHBOARD_TABLES).recoverable() == []
        assert hidden > 100
