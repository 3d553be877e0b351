"""No e-mail address, phone number or NHS number appears in any output of the report, wherever it was written:
residents' answers, organisations' own contacts, staff's narratives and recommendations. Every format is rendered
and scanned, the Word file's XML and the PDF's text too."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.test import Client

from heard.partners.models import Contact
from heard.reporting import actions, render, snapshot
from heard.reporting.evidence import audience_for, public_audience
from heard.reporting.models import PublishedReport, ReportRecommendation, ReportSection, SectionKind

from .conftest import section

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
# UK phone numbers (07700 900123, 020 7946 0123, +44 7700 900123) and NHS numbers (943 476 5919); not a chart's
# axis ("0 10 20 30 40 50").
PHONE_OR_NHS = re.compile(
    r"(?<![\d.,])(?:(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}|\d{3}[\s-]?\d{3}[\s-]?\d{4})(?![\d.,])"
)
SEEDED = ["07700 900123", "943 476 5919", "amina.h@example.org", "hello@ours.example", "07700 900456",
          "020 7946 0555", "pat.jones@nhs.example", "020 7946 0123", "info@healthwatch.example", "07123456789",
          "staff.member@healthwatch.example"]  # fmt: skip


def _seed(world: Any) -> None:
    staff = world["staff"]
    for sec in ReportSection.objects.filter(report=world["report"]):
        actions.save_narrative(
            actor=staff,
            section=sec,
            text=f"{sec.heading}: ring 07123456789 or write to staff.member@healthwatch.example for more.",
        )
        for answer in world["answers"][:3] + world["answers"][6:8]:
            actions.choose_quote(actor=staff, section=sec, answer=answer)
    actions.save_recommendation(
        actor=staff,
        recommendation=ReportRecommendation(
            report=world["report"],
            title="Call back within a day",
            text="Contact pat.jones@nhs.example on 020 7946 0555 to agree it.",
            addressed_to=world["commissioner"],
            addressed_to_person=Contact.objects.get(name="Pat Jones"),
        ),
    )


def _text_of(content: bytes, fmt: str) -> str:
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if content[:4] == b"%PDF":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(content)
        return " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return content.decode("utf-8")


def _assert_clean(text: str, where: str) -> None:
    for seeded in SEEDED:
        assert seeded not in text, f"{seeded} in {where}"
    assert not EMAIL.findall(text), f"an e-mail address in {where}: {EMAIL.findall(text)[:3]}"
    assert not PHONE_OR_NHS.findall(text), f"a phone or NHS number in {where}: {PHONE_OR_NHS.findall(text)[:3]}"


def test_the_seeded_details_would_be_found_if_they_got_through() -> None:
    with pytest.raises(AssertionError):
        _assert_clean("ring 07700 900123", "a test")
    with pytest.raises(AssertionError):
        _assert_clean("write to a.b@example.org", "a test")


def test_no_document_for_any_reader_holds_a_personal_detail(world: Any) -> None:
    _seed(world)
    for audience in [
        audience_for(world["staff"], world["project"]),
        audience_for(world["partner"], world["project"]),
        audience_for(world["steering"], world["project"]),
        public_audience(world["project"]),
    ]:
        for name, doc in render.documents_for(world["report"], audience).items():
            _assert_clean(str(snapshot.to_json(doc)), f"{name} ({audience.provenance=}, {audience.exact=})")


def test_no_page_of_the_report_holds_a_personal_detail(client: Any, world: Any) -> None:
    _seed(world)
    slug = world["project"].slug
    client.force_login(world["staff"])
    client.post(f"/report/{slug}/publish/", {"confirm": "yes"})
    published = PublishedReport.objects.get()
    for who in ("staff", "partner", "steering"):
        client.force_login(world[who])
        _assert_clean(client.get(f"/report/{slug}/draft/").content.decode(), f"the draft page for {who}")
    _assert_clean(Client().get(f"/reports/{published.slug}/").content.decode(), "the public page")
    summary = section(world, SectionKind.SUMMARY)
    assert "07123456789" in summary.narrative  # the words are kept as staff wrote them; only outputs leave it out


@pytest.mark.parametrize("fmt", list(render.FORMATS))
def test_no_file_in_any_format_holds_a_personal_detail(world: Any, fmt: str) -> None:
    _seed(world)
    for audience in [audience_for(world["staff"], world["project"]), public_audience(world["project"])]:
        docs = render.documents_for(world["report"], audience)
        content = render.output(docs, fmt, "report").content
        text = _text_of(content, fmt)
        assert "Ours Community Group" in text or fmt in ("easy-read", "plain")
        _assert_clean(text, f"the {fmt} file")
