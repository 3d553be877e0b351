"""Documents: one chart, and a long report (14 sections, 14 charts, about 25 pages) as HTML, PDF and Word.

    uv run python bench/documents.py

Prints wall-clock and CPU seconds for each step: on a shared machine the CPU time is the steadier figure. The
first step pays for (once per machine) unpacking the shipped fonts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pypdfium2

from heard.lib.documents import charts, docx, examples, html, pdf


def timed(label: str, work: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    out = work()
    print(f"{label:<42} {time.perf_counter() - wall:6.2f} s wall {time.process_time() - cpu:6.2f} s CPU")
    return out


def main() -> None:
    doc = examples.example_document(sections=14)
    spec = examples.themes_by_community().spec
    timed("first chart", lambda: charts.render_svg(spec))
    timed("one chart as SVG", lambda: charts.render_svg(examples.who_we_heard_from().spec))
    timed("one chart as PNG (first: the font loaded)", lambda: charts.render_png(spec))
    page = timed("long report as HTML (standalone)", lambda: html.render_html(doc))
    print(f"{'':<42} {len(page) // 1024} kB")
    data = timed("long report as PDF (tagged, PDF/UA-1)", lambda: pdf.render_pdf(doc))
    print(f"{'':<42} {len(pypdfium2.PdfDocument(data))} pages, {len(data) // 1024} kB")
    timed("long report as PDF (untagged)", lambda: pdf.render_pdf(doc, variant=None))
    word = timed("long report as Word", lambda: docx.render_docx(doc))
    print(f"{'':<42} {len(word) // 1024} kB")
    timed("Easy Read as PDF", lambda: pdf.render_pdf(examples.easy_read_document()))
    timed("every script, standalone HTML", lambda: html.render_html(examples.many_scripts_document()))


if __name__ == "__main__":
    main()
