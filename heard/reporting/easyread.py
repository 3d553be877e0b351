"""The plain-language summary and the Easy Read version: built from the same evidence as the report.

Easy Read: one idea a point, short sentences, a picture for each point where one helps, large type
(`Document.easy_read`). Counts in words ("about 40 people", "fewer than 5 people") and never a table.
"""

from __future__ import annotations

from django.utils import timezone

from heard.lib.documents.model import Block, BulletList, Document, EasyReadPoint, Paragraph, Section
from heard.partners.models import Organisation
from heard.reporting.assemble import DRAFT_FOOTER, key_findings, theme_name
from heard.reporting.evidence import Evidence
from heard.reporting.safety import scrub_document

# Icon names the document renderers know (heard.lib.documents.icons); a point without one has no picture.
ICON_PEOPLE = "people"
ICON_LISTEN = "listen"
ICON_TALK = "talk"
ICON_CHANGE = "tick"
ICON_NEXT = "letter"
ICON_THANKS = "heart"
ICON_QUESTION = "question"


def _host(evidence: Evidence) -> str:
    host = Organisation.objects.host()
    return host.name if host else "Healthwatch"


def _people(evidence: Evidence, count: int) -> str:
    return f"{evidence.audience.scope.words(count)} people"


def _community_points(evidence: Evidence, limit: int = 3) -> list[tuple[str, str]]:
    """(community, the themes it talked about most, in words) for each community heard from."""
    found = []
    for key, label, _n in evidence.themes.groups:
        if not key:
            continue
        column = [(row, cell) for row, cell in evidence.themes.column(key) if not cell.figure.hidden][:limit]
        if column:
            names = [theme_name(row).lower() for row, _cell in column]
            found.append((label, names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]))
    return found


def build_plain_summary(evidence: Evidence, *, draft: bool = True) -> Document:
    board = evidence.dashboard
    host = _host(evidence)
    sections = [
        Section(
            "What this report is about",
            [
                Paragraph(
                    f"{host} and {len(evidence.partners)} partner organisations asked residents about their health "
                    f"and care. We heard from {_people(evidence, board.people_heard.value)}.",
                    "lead",
                ),
                Paragraph("This is a short version of the full report, in plain words."),
            ],
        ),
        Section("What we heard", [BulletList(key_findings(evidence))]),
    ]
    communities = _community_points(evidence)
    if communities:
        sections.append(
            Section(
                "What each community told us",
                [BulletList([f"{name} talked most about {themes}." for name, themes in communities])],
            )
        )
    if evidence.recommendations:
        sections.append(
            Section(
                "What should change",
                [BulletList([f"{r.title} (we asked {r.addressed_to.name})." for r in evidence.recommendations])],
            )
        )
    sections.append(
        Section(
            "What happens next",
            [
                Paragraph(
                    "We will send the recommendations to the organisations that can act on them and publish what "
                    "they say back. You can read the full report for the details."
                )
            ],
        )
    )
    doc = Document(
        title=f"{evidence.report.title}: summary",
        subtitle="The report in plain words",
        author=host,
        published=None if draft else timezone.localdate(),
        sections=sections,
        footer=DRAFT_FOOTER if draft else "",
    )
    return scrub_document(doc)


def build_easy_read(evidence: Evidence, *, draft: bool = True) -> Document:
    board = evidence.dashboard
    host = _host(evidence)
    about: list[Block] = [
        EasyReadPoint(f"{host} wanted to know what people think of health and care.", ICON_QUESTION),
        EasyReadPoint(f"We talked with {_people(evidence, board.people_heard.value)}.", ICON_PEOPLE),
        EasyReadPoint(f"{len(evidence.partners)} local groups helped us listen.", ICON_LISTEN),
    ]
    heard: list[Block] = [
        EasyReadPoint(f"{name} told us about {themes}.", ICON_TALK) for name, themes in _community_points(evidence, 2)
    ]
    change: list[Block] = [
        EasyReadPoint(f"We asked {r.addressed_to.name}: {r.title.rstrip('.')}.", ICON_CHANGE)
        for r in evidence.recommendations
    ]
    sections = [
        Section("About this report", list(about)),
        Section("What people told us", heard or [EasyReadPoint("We are still reading what people said.", ICON_TALK)]),
    ]
    if change:
        sections.append(Section("What we want to change", list(change)))
    sections.append(
        Section(
            "What happens next",
            [
                EasyReadPoint("We will send this report to the people who run services.", ICON_NEXT),
                EasyReadPoint("They should tell us what they will do.", ICON_NEXT),
                EasyReadPoint("We will tell you what they said.", ICON_NEXT),
            ],
        )
    )
    sections.append(Section("Thank you", [EasyReadPoint("Thank you to everyone who talked to us.", ICON_THANKS)]))
    doc = Document(
        title=f"{evidence.report.title}: Easy Read",
        subtitle="What people told us",
        author=host,
        published=None if draft else timezone.localdate(),
        sections=sections,
        easy_read=True,
        footer=DRAFT_FOOTER if draft else "",
    )
    return scrub_document(doc)
