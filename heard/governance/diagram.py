"""The theory of change drawn from the model: an SVG of columns (activities, outputs, outcomes, impact) joined by
arrows, with a title and a description for screen readers; the page lists the same elements as text beside it."""

from __future__ import annotations

import textwrap
from html import escape

from heard.governance.models import ElementKind, TheoryOfChange

BOX_W, BOX_H, GAP_X, GAP_Y, TOP = 200, 64, 60, 14, 40


def _lines(text: str) -> list[str]:
    lines = textwrap.wrap(text, 30)[:3]
    if len(textwrap.wrap(text, 30)) > 3:
        lines[-1] = lines[-1][:27] + "…"
    return lines


def svg(toc: TheoryOfChange) -> str:
    columns = [(label, [e for e in toc.elements.all() if e.kind == kind]) for kind, label in ElementKind.choices]
    rows = max([len(elements) for _, elements in columns] + [1])
    width = len(columns) * BOX_W + (len(columns) - 1) * GAP_X + 2
    height = TOP + rows * (BOX_H + GAP_Y) + 2
    summary = "; ".join(f"{len(elements)} {label.lower()}(s)" for label, elements in columns)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="toc-title toc-desc" class="heard-toc-diagram" width="100%">',
        f'<title id="toc-title">Theory of change, version {toc.number}</title>',
        f'<desc id="toc-desc">Activities lead to outputs, outputs to outcomes, outcomes to impact: {escape(summary)}. '
        "The same elements are listed as text below the diagram.</desc>",
        '<defs><marker id="toc-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#0b0c0c"/></marker></defs>',
    ]
    for index, (label, elements) in enumerate(columns):
        x = 1 + index * (BOX_W + GAP_X)
        parts.append(
            f'<text x="{x + BOX_W / 2}" y="20" text-anchor="middle" font-weight="bold" font-size="16" '
            f'fill="#0b0c0c">{escape(label)}s</text>'
        )
        for row, element in enumerate(elements):
            y = TOP + row * (BOX_H + GAP_Y)
            parts.append(f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" fill="#f3f2f1" stroke="#0b0c0c"/>')
            for n, line in enumerate(_lines(element.text)):
                parts.append(
                    f'<text x="{x + 8}" y="{y + 20 + n * 17}" font-size="13" fill="#0b0c0c">{escape(line)}</text>'
                )
        if index < len(columns) - 1:
            mid = TOP + BOX_H / 2
            parts.append(
                f'<line x1="{x + BOX_W + 4}" y1="{mid}" x2="{x + BOX_W + GAP_X - 6}" y2="{mid}" stroke="#0b0c0c" '
                'stroke-width="2" marker-end="url(#toc-arrow)"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
