"""The report as a Document, built from the evidence (heard.reporting.evidence) and the staff's narratives.

Section by section: summary; how we listened; who we heard from against who lives here; one section per
community (what matters to them, in their words, what they suggested, what keeps them well); across every
community; recommendations; next steps; thanks; notes on data, methods and attribution. Every string goes
through `safety.scrub_document` at the end.
"""

from __future__ import annotations

from django.utils import timezone

from heard.analysis.tables import ThemeCell, ThemeRow, ThemeTable
from heard.lib.disclosure import Cell
from heard.lib.documents.model import (
    Block,
    BulletList,
    Chart,
    ChartSpec,
    Document,
    Paragraph,
    Quote,
    Section,
    Series,
    Table,
)
from heard.partners.models import Organisation
from heard.place import representation
from heard.place.shipped import SHIPPED
from heard.reporting.evidence import ChosenWords, Evidence
from heard.reporting.models import ReportSection, SectionKind
from heard.reporting.safety import scrub_document

THEMES_PER_COMMUNITY = 8
CROSS_CUTTING_THEMES = 10
DRAFT_FOOTER = "Draft: not for sharing"


def paragraphs(text: str) -> list[Block]:
    """Staff's narrative as paragraphs (a blank line between them); lines starting "- " become a list."""
    blocks: list[Block] = []
    for chunk in [c.strip() for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]:
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if all(line.startswith(("- ", "* ")) for line in lines):
            blocks.append(BulletList([line[2:].strip() for line in lines]))
        else:
            blocks.append(Paragraph(" ".join(lines)))
    return blocks


def shown(cell: Cell | None) -> float | None:
    return None if cell is None or cell.shown is None else float(cell.shown)


def percent(value: int | float | None) -> str:
    return "–" if value is None else f"{round(value)}%"


def cell_text(cell: Cell | None) -> str:
    return cell.text if cell is not None else "0"


def theme_name(row: ThemeRow) -> str:
    return row.theme.name if row.theme else "A theme no longer in the codebook"


def protection_note(evidence: Evidence) -> str:
    return evidence.audience.scope.note


def quote_blocks(evidence: Evidence, words: list[ChosenWords]) -> list[Block]:
    blocks: list[Block] = []
    for chosen in words:
        who = f"A resident from {chosen.community}" if chosen.community else "A resident"
        if evidence.audience.provenance:
            heard_through = ", ".join(x for x in (chosen.partner, chosen.activity) if x)
            who = f"{who} (heard by {heard_through}: shown to host staff only)"
        blocks.append(Quote(chosen.text, who))
    return blocks


def _narrative_or(section: ReportSection, default: str) -> list[Block]:
    return paragraphs(section.narrative) or ([Paragraph(default)] if default else [])


def _summary(evidence: Evidence, section: ReportSection) -> Section:
    board = evidence.dashboard
    scope = evidence.audience.scope
    communities = [r for r in board.by_community if r.slug and r.count]
    blocks = _narrative_or(section, "")
    blocks.append(
        Paragraph(
            f"{evidence.project.name}: we heard from {scope.words(board.people_heard.value)} residents, through "
            f"{len(evidence.partners)} partner organisations and {board.activities} activities, in "
            f"{board.languages} languages. This report gives each of the {len(communities)} communities we heard "
            "from its own section.",
            "lead",
        )
    )
    findings = key_findings(evidence)
    if findings:
        blocks.append(Paragraph("What we found, in brief:"))
        blocks.append(BulletList(findings))
    return Section(section.heading, blocks, anchor="summary")


def key_findings(evidence: Evidence, *, limit: int = 6) -> list[str]:
    """Plain sentences: the themes raised most, what each community talked about most, who is missing."""
    found: list[str] = []
    top = [row for row in evidence.themes.rows if row.total.shown][:3]
    if top:
        names = [theme_name(r).lower() for r in top]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        found.append(f"Across every community, residents talked most about {listed}.")
    for key, label, _n in evidence.themes.groups:
        column = evidence.themes.column(key)
        if not key or not column or len(found) >= limit - 1:
            continue
        row, cell = column[0]
        if cell.figure.hidden:
            continue
        found.append(f"{label} talked most about {theme_name(row).lower()} ({cell.share}% of those we heard).")
    if evidence.missing is not None:
        found += evidence.missing.highlights(public=not evidence.audience.exact, limit=1)
    return found[:limit]


def _how_we_listened(evidence: Evidence, section: ReportSection) -> Section:
    board = evidence.dashboard
    project = evidence.project
    blocks = _narrative_or(section, "")
    when = ""
    if evidence.activities:
        when = f" between {evidence.activities[0][0]} and {evidence.activities[-1][0]}"
    languages = ", ".join(sorted({_language(code) for code in project.languages or []}))
    blocks.append(
        Paragraph(
            f"{len(evidence.partners)} partner organisations ran {board.activities} activities{when}, with "
            f"{evidence.audience.scope.words(board.people_taking_part.value)} people taking part"
            + (f", working in {languages}." if languages else ".")
        )
    )
    partner_rows = [[r.label, cell_text(r.figure), percent(r.share)] for r in board.by_partner]
    blocks.append(
        Table(
            "People heard by each partner",
            ["Partner", "People heard", "Share"],
            partner_rows,
            frozenset({1, 2}),
            note=protection_note(evidence),
        )
    )
    method_rows = [r for r in board.by_method if r.count]
    blocks.append(
        Chart(
            ChartSpec(
                "bar",
                "How we listened: people heard by method",
                [r.label for r in method_rows],
                [Series("People heard", [shown(r.figure) for r in method_rows])],
                alt=_alt("People heard by method", [(r.label, r.figure) for r in method_rows]),
                unit="count",
                note=protection_note(evidence),
            ),
            Table(
                "People heard by method",
                ["Method", "People heard"],
                [[r.label, cell_text(r.figure)] for r in method_rows],
                frozenset({1}),
            ),
        )
    )
    return Section(section.heading, blocks, anchor="how-we-listened")


def _language(code: str) -> str:
    from heard.lib import census

    return census.label(census.LANGUAGES, code) if code not in ("en",) else "English"


def _alt(what: str, pairs: list[tuple[str, Cell | None]]) -> str:
    visible = [(label, cell.shown) for label, cell in pairs if cell is not None and cell.shown is not None]
    if not visible:
        return f"{what}: no figures to show."
    most = max(visible, key=lambda p: p[1] or 0)
    least = min(visible, key=lambda p: p[1] or 0)
    return f"{what}. Most: {most[0]} ({most[1]:,}). Fewest: {least[0]} ({least[1]:,})."


def _who_we_heard(evidence: Evidence, section: ReportSection) -> Section:
    board = evidence.dashboard
    blocks = _narrative_or(section, "")
    rows = [r for r in board.by_community if r.count or r.slug]
    blocks.append(
        Chart(
            ChartSpec(
                "bar",
                "People heard in each community",
                [r.label for r in rows],
                [Series("People heard", [shown(r.figure) for r in rows])],
                alt=_alt("People heard in each community", [(r.label, r.figure) for r in rows]),
                note=protection_note(evidence),
            ),
            Table(
                "People heard in each community",
                ["Community", "People heard", "Share", "Agreed to be quoted"],
                [[r.label, cell_text(r.figure), percent(r.share), cell_text(r.quotable)] for r in rows],
                frozenset({1, 2, 3}),
                note=protection_note(evidence),
            ),
        )
    )
    compared = evidence.missing
    if compared is None:
        blocks.append(Paragraph(evidence.missing_problem or "Who was heard is not compared with who lives here."))
        return Section(section.heading, blocks, anchor="who-we-heard")
    public = not evidence.audience.exact
    blocks.append(Paragraph(f"Compared with the people who live in {compared.area_name} (Census 2021):"))
    highlights = compared.highlights(public=public)
    if highlights:
        blocks.append(BulletList(highlights))
    for comparison in compared.comparisons:
        if comparison.dimension not in ("ethnic_group_5", "age_band", "disability"):
            continue
        if public:
            representation.suppress(comparison)
        table_rows = []
        heard_share: list[float | None] = []
        for row in representation.as_rows(comparison, public=public):
            share = row["share_heard"]
            heard_share.append(None if share is None else round(100 * share, 1))
            table_rows.append(
                [
                    row["label"],
                    str(row["heard"]),
                    percent(None if share is None else 100 * share),
                    percent(100 * row["share_population"]),
                ]
            )
        categories = [r.label for r in comparison.rows]
        blocks.append(
            Chart(
                ChartSpec(
                    "grouped_bar",
                    f"Who we heard from and who lives here: {comparison.label.lower()}",
                    categories,
                    [
                        Series("Share of people heard", heard_share),
                        Series("Share of residents", [round(100 * r.share_population, 1) for r in comparison.rows]),
                    ],
                    alt=f"{comparison.label}: the share of people heard in each group beside its share of "
                    f"{compared.area_name}'s residents. " + " ".join(highlights[:1]),
                    unit="percent",
                    note="Shares of people heard leave out those who did not say.",
                ),
                Table(
                    f"{comparison.label}: people heard and residents",
                    ["Group", "People heard", "Share heard", "Share of residents"],
                    table_rows,
                    frozenset({1, 2, 3}),
                    note=protection_note(evidence),
                ),
            )
        )
    notes = compared.all_notes(public=public)
    if notes:
        blocks.append(Paragraph(" ".join(notes), "small"))
    return Section(section.heading, blocks, anchor="who-we-heard")


def theme_chart(title: str, column: list[tuple[ThemeRow, ThemeCell]], note: str) -> Chart:
    column = column[:THEMES_PER_COMMUNITY]
    categories = [theme_name(row) for row, _cell in column]
    return Chart(
        ChartSpec(
            "bar",
            title,
            categories,
            [Series("People", [shown(cell.figure) for _row, cell in column])],
            alt=_alt(title, [(theme_name(row), cell.figure) for row, cell in column]),
            note=note,
        ),
        Table(
            title,
            ["Theme", "People", "Share of those heard", "Negative", "Positive"],
            [
                [
                    theme_name(row),
                    cell.figure.text,
                    percent(cell.share),
                    percent(cell.negative_share),
                    percent(cell.positive_share),
                ]
                for row, cell in column
            ],
            frozenset({1, 2, 3, 4}),
            note=note,
        ),
    )


def _column(table: ThemeTable | None, community_id: int | None) -> list[tuple[ThemeRow, ThemeCell]]:
    return table.column(str(community_id or "")) if table is not None else []


def _community(evidence: Evidence, section: ReportSection, suggestion_codes: set[str], well_codes: set[str]) -> Section:
    name = section.community.name if section.community else section.heading
    note = protection_note(evidence)
    blocks = _narrative_or(section, "")
    subsections: list[Section] = []
    column = _column(evidence.themes, section.community_id)
    if column:
        subsections.append(Section("What matters to them", [theme_chart(f"What {name} talked about", column, note)]))
    else:
        blocks.append(Paragraph(f"No coded answers from {name} yet."))
    words = evidence.quotes.get(section.pk, [])
    in_words = [w for w in words if w.question_code not in suggestion_codes | well_codes]
    if in_words:
        subsections.append(Section("In their words", quote_blocks(evidence, in_words)))
    suggested_blocks: list[Block] = []
    suggested = _column(evidence.suggested, section.community_id)
    if suggested:
        suggested_blocks.append(
            BulletList([f"{theme_name(row)} ({cell.figure.text} people)" for row, cell in suggested[:5]])
        )
    suggested_blocks += quote_blocks(evidence, [w for w in words if w.question_code in suggestion_codes])
    if suggested_blocks:
        subsections.append(Section("What they suggested", suggested_blocks))
    well_blocks: list[Block] = []
    well = _column(evidence.keeps_well, section.community_id)
    if well:
        well_blocks.append(BulletList([f"{theme_name(row)} ({cell.figure.text} people)" for row, cell in well[:5]]))
    well_blocks += quote_blocks(evidence, [w for w in words if w.question_code in well_codes])
    if well_blocks:
        subsections.append(Section("What keeps them well", well_blocks))
    return Section(name, blocks, subsections, anchor=f"community-{section.community_id or section.pk}")


def _cross_cutting(evidence: Evidence, section: ReportSection) -> Section:
    blocks = _narrative_or(section, "")
    table = evidence.themes
    note = protection_note(evidence)
    rows = [r for r in table.rows if r.total.value][:CROSS_CUTTING_THEMES]
    named = [(k, label) for k, label, _n in table.groups if k]
    shared = []
    for row in rows:
        raised_in = [
            label
            for (k, label, _n), cell in zip(table.groups, row.cells, strict=True)
            if k and (cell.figure.shown or 0) > 0
        ]
        if len(named) > 1 and len(raised_in) * 2 >= len(named):
            shared.append(f"{theme_name(row)}: raised in {len(raised_in)} of the {len(named)} communities.")
    if shared:
        blocks.append(Paragraph("Themes raised by at least half of the communities we heard from:"))
        blocks.append(BulletList(shared))
    blocks.append(
        Chart(
            ChartSpec(
                "bar",
                "The themes raised most, across every community",
                [theme_name(r) for r in rows],
                [Series("People", [shown(r.total) for r in rows])],
                alt=_alt("The themes raised most", [(theme_name(r), r.total) for r in rows]),
                note=note,
            ),
            Table(
                "The themes raised most, across every community",
                ["Theme", "People", "Negative"],
                [[theme_name(r), r.total.text, percent(r.negative_share)] for r in rows],
                frozenset({1, 2}),
                note=note,
            ),
        )
    )
    return Section(section.heading, blocks, anchor="across-communities")


def _recommendations(evidence: Evidence, section: ReportSection) -> Section:
    blocks = _narrative_or(section, "")
    subsections = []
    for number, item in enumerate(evidence.recommendations, start=1):
        lines = paragraphs(item.text)
        about = [t.name for t in item.themes.all()] + [c.name for c in item.communities.all()]
        details = [f"To: {item.addressed_to.name}", f"Priority: {item.get_priority_display().lower()}"]
        if about:
            details.append("About: " + ", ".join(about))
        subsections.append(Section(f"{number}. {item.title}", [*lines, BulletList(details)]))
    if not subsections:
        blocks.append(Paragraph("No recommendations yet."))
    return Section(section.heading, blocks, subsections, anchor="recommendations")


def _next_steps(evidence: Evidence, section: ReportSection) -> Section:
    default = (
        "We will send each recommendation to the organisation it is addressed to and ask for a response. We will "
        "publish what they say, and tell residents and partners what changed."
    )
    return Section(section.heading, _narrative_or(section, default), anchor="next-steps")


def _thanks(evidence: Evidence, section: ReportSection) -> Section:
    blocks = _narrative_or(
        section, "Thank you to every resident who shared their experience, and to the partners who listened:"
    )
    if evidence.partners:
        blocks.append(BulletList(evidence.partners))
    return Section(section.heading, blocks, anchor="thanks")


def _notes_on_data(evidence: Evidence, section: ReportSection) -> Section:
    blocks = _narrative_or(section, "")
    scope = evidence.audience.scope
    blocks.append(
        Paragraph(
            "Residents' words are quoted only where the resident agreed to be quoted, their partner's agreement "
            "lets us share them, and no safeguarding concern holds them back. Names, addresses, phone numbers and "
            "other personal details are taken out of every quote."
        )
    )
    blocks.append(
        Paragraph(
            "Themes were coded by people at Healthwatch and its partners, helped by suggestions from a model they "
            "checked. A person may raise several themes, so shares of themes add up to more than 100%."
        )
    )
    if scope.note:
        blocks.append(Paragraph(scope.note))
    if scope.own_organisation_only:
        blocks.append(Paragraph("The figures in this version count your organisation's records only."))
    sources = [f"{d.name} ({d.source}, {d.published}). {d.attribution} Licence: {d.licence}." for d in SHIPPED]
    blocks.append(Paragraph("Data sources and their licences:"))
    blocks.append(BulletList(sources))
    return Section(section.heading, blocks, anchor="notes-on-data")


def build_report(evidence: Evidence, *, draft: bool = True) -> Document:
    """The whole report for the evidence's audience."""
    from heard.reporting.evidence import keeps_well_questions, suggestion_questions

    suggestion_codes = set(suggestion_questions(evidence.project))
    well_codes = set(keeps_well_questions(evidence.project))
    builders = {
        SectionKind.SUMMARY: _summary,
        SectionKind.HOW_WE_LISTENED: _how_we_listened,
        SectionKind.WHO_WE_HEARD: _who_we_heard,
        SectionKind.CROSS_CUTTING: _cross_cutting,
        SectionKind.RECOMMENDATIONS: _recommendations,
        SectionKind.NEXT_STEPS: _next_steps,
        SectionKind.THANKS: _thanks,
        SectionKind.NOTES_ON_DATA: _notes_on_data,
    }
    sections = []
    for section in evidence.sections:
        if section.kind == SectionKind.COMMUNITY:
            sections.append(_community(evidence, section, suggestion_codes, well_codes))
        else:
            builder = builders.get(SectionKind(section.kind))
            built = builder(evidence, section) if builder else Section(section.heading, _narrative_or(section, ""))
            built.anchor = built.anchor or section.kind.replace("_", "-")
            built.blocks += quote_blocks(evidence, evidence.quotes.get(section.pk, []))
            sections.append(built)
    host = Organisation.objects.host()
    doc = Document(
        title=evidence.report.title,
        subtitle=evidence.project.name,
        author=host.name if host else "",
        published=None if draft else timezone.localdate(),
        sections=sections,
        footer=DRAFT_FOOTER if draft else "",
    )
    return scrub_document(doc)
