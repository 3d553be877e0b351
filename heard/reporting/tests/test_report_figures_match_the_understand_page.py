"""The report's figures come from the functions the Understand pages use, so the two can never disagree."""

from __future__ import annotations

from typing import Any

from heard.analysis import tables
from heard.engagement import stats
from heard.engagement.scope import aggregate_scope
from heard.privacy.outputs import quotable_answers
from heard.reporting import snapshot
from heard.reporting.assemble import build_report
from heard.reporting.evidence import audience_for, gather


def _blocks(doc: dict[str, Any], heading: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(sections: list[dict[str, Any]], inside: bool) -> None:
        for sec in sections:
            here = inside or sec["heading"] == heading
            if here:
                found.extend(sec["blocks"])
            walk(sec["subsections"], here)

    walk(doc["sections"], False)
    return found


def _theme_rows(doc: dict[str, Any], community: str) -> list[list[str]]:
    charts = [b for b in _blocks(doc, community) if b["type"] == "chart"]
    rows: list[list[str]] = charts[0]["table"]["rows"]
    return rows


def test_a_community_section_shows_the_theme_table_figures_of_the_understand_page(client: Any, world: Any) -> None:
    for who in ("staff", "steering"):
        user = world[who]
        client.force_login(user)
        page = client.get(f"/analysis/projects/{world['project'].slug}/themes/?by=community")
        doc = snapshot.to_json(build_report(gather(world["report"], audience_for(user, world["project"]))))
        groups = {label: index for index, (_key, label, _n) in enumerate(page.context["groups"])}
        for community in ("Somali-speaking residents", "Deaf BSL users"):
            on_page = {
                row.theme.name: row.cells[groups[community]].figure.text
                for row in page.context["rows"]
                if row.cells[groups[community]].figure.value
            }
            in_report = {row[0]: row[1] for row in _theme_rows(doc, community)}
            assert in_report == on_page, (who, community)
            assert in_report  # the test compares something


def test_the_report_gathers_its_figures_from_the_shared_functions(world: Any, monkeypatch: Any) -> None:
    called: list[str] = []
    original_table, original_dashboard = tables.theme_table, stats.project_dashboard

    def table(*args: Any, **kwargs: Any) -> Any:
        called.append("theme_table")
        return original_table(*args, **kwargs)

    def dashboard(*args: Any, **kwargs: Any) -> Any:
        called.append("project_dashboard")
        return original_dashboard(*args, **kwargs)

    monkeypatch.setattr(tables, "theme_table", table)
    monkeypatch.setattr(stats, "project_dashboard", dashboard)
    gather(world["report"], audience_for(world["staff"], world["project"]))
    assert "theme_table" in called and "project_dashboard" in called


def test_people_heard_by_community_are_the_dashboards_figures(world: Any) -> None:
    for who in ("staff", "steering", "partner"):
        user = world[who]
        board = stats.project_dashboard(aggregate_scope(user, world["project"]))
        doc = snapshot.to_json(build_report(gather(world["report"], audience_for(user, world["project"]))))
        charts = [b for b in _blocks(doc, "Who we heard from") if b["type"] == "chart"]
        rows = {row[0]: row[1] for row in charts[0]["table"]["rows"]}
        for row in board.by_community:
            if row.slug and row.figure is not None:
                assert rows[row.label] == row.figure.text, (who, row.label)


def test_the_understand_page_and_the_report_share_one_theme_table_function(world: Any) -> None:
    scope = aggregate_scope(world["staff"], world["project"])
    table = tables.theme_table(scope, quotable_answers(world["staff"], world["project"]))
    assert [row.total.value for row in table.rows] == [11]  # every answer coded "Access to services"
