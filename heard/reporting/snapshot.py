"""A Document as plain JSON and back: how a published version is frozen, and how pages walk a document.

Every block carries its type ("paragraph", "list", "quote", "table", "chart", "easy_read"); sections nest.
"""

from __future__ import annotations

import datetime
from typing import Any

from heard.lib.documents.model import (
    Block,
    BulletList,
    Chart,
    ChartSpec,
    Document,
    EasyReadPoint,
    Paragraph,
    Quote,
    Section,
    Series,
    Table,
)


def _table(table: Table) -> dict[str, Any]:
    return {
        "caption": table.caption,
        "header": list(table.header),
        "rows": [list(row) for row in table.rows],
        "numeric_columns": sorted(table.numeric_columns),
        "note": table.note,
    }


def _spec(spec: ChartSpec) -> dict[str, Any]:
    return {
        "kind": spec.kind,
        "title": spec.title,
        "categories": list(spec.categories),
        "series": [{"name": s.name, "values": list(s.values)} for s in spec.series],
        "alt": spec.alt,
        "x_label": spec.x_label,
        "y_label": spec.y_label,
        "unit": spec.unit,
        "reference": spec.reference,
        "note": spec.note,
    }


def block_to_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text, "style": block.style}
    if isinstance(block, BulletList):
        return {"type": "list", "items": list(block.items), "numbered": block.numbered}
    if isinstance(block, Quote):
        return {"type": "quote", "text": block.text, "attribution": block.attribution, "language": block.language}
    if isinstance(block, Table):
        return {"type": "table", **_table(block)}
    if isinstance(block, Chart):
        return {"type": "chart", "spec": _spec(block.spec), "table": _table(block.table) if block.table else None}
    return {"type": "easy_read", "text": block.text, "icon": block.icon}


def section_to_json(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "anchor": section.anchor,
        "blocks": [block_to_json(b) for b in section.blocks],
        "subsections": [section_to_json(s) for s in section.subsections],
    }


def to_json(doc: Document) -> dict[str, Any]:
    return {
        "title": doc.title,
        "subtitle": doc.subtitle,
        "author": doc.author,
        "published": doc.published.isoformat() if doc.published else None,
        "language": doc.language,
        "direction": doc.direction,
        "easy_read": doc.easy_read,
        "footer": doc.footer,
        "sections": [section_to_json(s) for s in doc.sections],
    }


def _table_from(data: dict[str, Any]) -> Table:
    return Table(
        caption=data["caption"],
        header=list(data["header"]),
        rows=[list(row) for row in data["rows"]],
        numeric_columns=frozenset(data.get("numeric_columns", [])),
        note=data.get("note", ""),
    )


def spec_from_json(data: dict[str, Any]) -> ChartSpec:
    return ChartSpec(
        kind=data["kind"],
        title=data["title"],
        categories=list(data["categories"]),
        series=[Series(s["name"], list(s["values"])) for s in data["series"]],
        alt=data["alt"],
        x_label=data.get("x_label", ""),
        y_label=data.get("y_label", ""),
        unit=data.get("unit", "count"),
        reference=data.get("reference"),
        note=data.get("note", ""),
    )


def block_from_json(data: dict[str, Any]) -> Block:
    kind = data["type"]
    if kind == "paragraph":
        return Paragraph(data["text"], data.get("style", "body"))
    if kind == "list":
        return BulletList(list(data["items"]), bool(data.get("numbered")))
    if kind == "quote":
        return Quote(data["text"], data.get("attribution", ""), data.get("language", ""))
    if kind == "table":
        return _table_from(data)
    if kind == "chart":
        return Chart(spec_from_json(data["spec"]), _table_from(data["table"]) if data.get("table") else None)
    if kind == "easy_read":
        return EasyReadPoint(data["text"], data.get("icon"))
    raise ValueError(f"Unknown block type in a stored report: {kind!r}")


def section_from_json(data: dict[str, Any]) -> Section:
    return Section(
        heading=data["heading"],
        anchor=data.get("anchor", ""),
        blocks=[block_from_json(b) for b in data.get("blocks", [])],
        subsections=[section_from_json(s) for s in data.get("subsections", [])],
    )


def from_json(data: dict[str, Any]) -> Document:
    published = data.get("published")
    return Document(
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        author=data.get("author", ""),
        published=datetime.date.fromisoformat(published) if published else None,
        language=data.get("language", "en"),
        direction=data.get("direction", "ltr"),
        easy_read=bool(data.get("easy_read")),
        footer=data.get("footer", ""),
        sections=[section_from_json(s) for s in data.get("sections", [])],
    )
