"""The document model every renderer reads: plain dataclasses, no formatting decisions beyond a few styles.

Text is plain text (renderers escape it); nothing here may hold a resident's personal details: callers pass
quotes through `privacy.outputs` first and counts through the aggregate scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ChartKind = Literal["bar", "stacked_bar", "grouped_bar", "line", "interval"]


@dataclass(frozen=True)
class Series:
    """One named set of values, one value per category (None where a figure is protected or missing)."""

    name: str
    values: list[float | None]


@dataclass(frozen=True)
class ChartSpec:
    """One chart, drawn the same on a page, in a PDF and in Word.

    `kind`: "bar" (one series, horizontal bars), "grouped_bar" / "stacked_bar" (several series), "line" (categories
    are points in time), "interval" (series[0] the estimate, series[1] the low end, series[2] the high end, with a
    reference line at `reference`). `alt` is the text alternative a screen reader hears: say what the chart shows
    in a sentence or two, with the largest and smallest figures.
    """

    kind: ChartKind
    title: str
    categories: list[str]
    series: list[Series]
    alt: str
    x_label: str = ""
    y_label: str = ""
    unit: Literal["count", "percent", "ratio", "score"] = "count"
    reference: float | None = None
    note: str = ""  # e.g. "Counts under 5 are not shown."


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["body", "lead", "small"] = "body"


@dataclass(frozen=True)
class BulletList:
    items: list[str]
    numbered: bool = False


@dataclass(frozen=True)
class Quote:
    """A resident's words, already through `privacy.outputs` (consent, flags, redaction). `attribution` describes
    a group, never a person ("a resident from the Somali community")."""

    text: str
    attribution: str = ""
    language: str = ""  # BCP 47 code of the words when they are not in the document's language


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric_columns: frozenset[int] = frozenset()  # right-aligned
    note: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart with its table: renderers draw the chart and put the table beside or below it."""

    spec: ChartSpec
    table: Table | None = None

    def caption_repeats(self, table: Table) -> bool:
        """Whether `table`'s caption says what the chart's own caption says: renderers then print the caption once,
        under the chart, and name the table for screen readers without printing its caption again."""
        return _plain(table.caption) in (_plain(self.spec.title), _plain(self.spec.title) + ": the figures")


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class EasyReadPoint:
    """One idea in short sentences, with a picture where one helps (`icon`: a name from `icons.ICONS`)."""

    text: str
    icon: str | None = None


Block = Paragraph | BulletList | Quote | Table | Chart | EasyReadPoint


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    anchor: str = ""


@dataclass
class Document:
    title: str
    sections: list[Section]
    subtitle: str = ""
    author: str = ""  # the host organisation
    published: date | None = None
    language: str = "en"
    direction: Literal["ltr", "rtl"] = "ltr"
    easy_read: bool = False  # large type, one idea per line, pictures
    footer: str = ""  # e.g. "Draft: not for sharing" on drafts

    def plain_text(self) -> str:
        """Every word of the document as plain text, one piece a line (for font choice and plain-words checks)."""
        parts = [self.title, self.subtitle, self.author, self.footer]

        def block_text(block: Block) -> list[str]:
            if isinstance(block, Paragraph | Quote | EasyReadPoint):
                return [block.text, getattr(block, "attribution", "")]
            if isinstance(block, BulletList):
                return list(block.items)
            if isinstance(block, Table):
                return [block.caption, *block.header, *(cell for row in block.rows for cell in row), block.note]
            spec = block.spec
            text = [spec.title, spec.alt, spec.x_label, spec.y_label, spec.note, *spec.categories]
            text += [series.name for series in spec.series]
            return text + (block_text(block.table) if block.table else [])

        def walk(sections: list[Section]) -> None:
            for section in sections:
                parts.append(section.heading)
                for block in section.blocks:
                    parts.extend(block_text(block))
                walk(section.subsections)

        walk(self.sections)
        return "\n".join(part for part in parts if part)
