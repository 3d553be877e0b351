"""The report's outputs: its documents for an audience, the frozen snapshot a published version keeps, and the
files (standalone HTML, PDF, Word, Easy Read PDF, plain summary PDF) drawn by heard.lib.documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from heard.lib.documents.model import Document
from heard.reporting import snapshot
from heard.reporting.assemble import build_report, key_findings
from heard.reporting.easyread import build_easy_read, build_plain_summary
from heard.reporting.evidence import Audience, gather, public_audience
from heard.reporting.models import PublishedReport, Report

DocumentName = Literal["report", "plain", "easy_read"]
Format = Literal["html", "pdf", "docx", "easy-read", "plain"]
FORMATS: dict[str, tuple[DocumentName, str, str, str]] = {
    # format: (document, renderer module, content type, file extension)
    "html": ("report", "html", "text/html; charset=utf-8", "html"),
    "pdf": ("report", "pdf", "application/pdf", "pdf"),
    "docx": ("report", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "easy-read": ("easy_read", "pdf", "application/pdf", "easy-read.pdf"),
    "plain": ("plain", "pdf", "application/pdf", "summary.pdf"),
}


def documents_for(report: Report, audience: Audience, *, draft: bool = True) -> dict[str, Document]:
    """The report, its plain summary and its Easy Read version, for `audience`."""
    evidence = gather(report, audience)
    return {
        "report": build_report(evidence, draft=draft),
        "plain": build_plain_summary(evidence, draft=draft),
        "easy_read": build_easy_read(evidence, draft=draft),
    }


def findings(report: Report, audience: Audience) -> list[str]:
    return key_findings(gather(report, audience))


def public_snapshot(report: Report) -> tuple[dict[str, Any], list[str]]:
    """What a published version freezes: the documents as anyone may read them, and the findings listed."""
    evidence = gather(report, public_audience(report.project))
    docs = {
        "report": build_report(evidence, draft=False),
        "plain": build_plain_summary(evidence, draft=False),
        "easy_read": build_easy_read(evidence, draft=False),
    }
    return {name: snapshot.to_json(doc) for name, doc in docs.items()}, key_findings(evidence)


def published_document(published: PublishedReport, name: DocumentName = "report") -> Document:
    return snapshot.from_json(published.documents[name])


@dataclass(frozen=True)
class Output:
    content: bytes
    content_type: str
    filename: str


def render(doc: Document, renderer: str) -> bytes:
    from heard.lib.documents import docx, html, pdf

    if renderer == "html":
        return html.render_html(doc).encode("utf-8")
    if renderer == "pdf":
        return pdf.render_pdf(doc)
    if renderer == "docx":
        return docx.render_docx(doc)
    raise ValueError(f"Heard cannot write {renderer} files.")


def output(docs: dict[str, Document], fmt: str, stem: str) -> Output:
    """One file of the report in `fmt` (a key of FORMATS)."""
    name, renderer, content_type, extension = FORMATS[fmt]
    return Output(render(docs[name], renderer), content_type, f"{stem}.{extension}")
