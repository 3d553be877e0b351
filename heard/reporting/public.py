"""A published version for anyone, without signing in: its page and its files, exactly as they were published."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from heard.lib.documents.model import Document
from heard.reporting import render as outputs
from heard.reporting.access import get_published


@login_not_required
def published_page(request: HttpRequest, slug: str) -> HttpResponse:
    published = get_published(slug)
    later = published.report.published_versions.filter(number__gt=published.number).order_by("-number").first()
    return render(
        request,
        "reporting/public.html",
        {
            "published": published,
            "doc": published.documents["report"],
            "later": later,
            "downloads": [
                (f"/reports/{published.slug}/{fmt}/", label)
                for fmt, label in [
                    ("html", "Web page (HTML)"),
                    ("pdf", "PDF"),
                    ("docx", "Word"),
                    ("easy-read", "Easy Read (PDF)"),
                    ("plain", "Summary in plain words (PDF)"),
                ]
            ],
        },
    )


@login_not_required
def published_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    published = get_published(slug)
    if fmt not in outputs.FORMATS:
        raise Http404("No such format: choose HTML, PDF, Word, Easy Read or plain.")
    name = outputs.FORMATS[fmt][0]
    docs: dict[str, Document] = {name: outputs.published_document(published, name)}
    content = outputs.output(docs, fmt, f"{published.report.project.slug}-report-v{published.number}")
    response = HttpResponse(content.content, content_type=content.content_type)
    response["Content-Disposition"] = f'attachment; filename="{content.filename}"'
    return response
