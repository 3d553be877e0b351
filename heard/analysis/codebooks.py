"""A codebook in and out of Heard: as a spreadsheet, and as a REFI-QDA codebook (.qdc), the exchange format
qualitative-analysis tools (NVivo, ATLAS.ti, MAXQDA, QDA Miner) read and write."""

from __future__ import annotations

import io
import tempfile
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

from heard.analysis.models import Theme, ThemeKind
from heard.engagement.models import Project
from heard.lib import tabular

QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"
XLSX_COLUMNS = ["category", "theme", "description", "adds_up_to_national_theme", "local"]


@dataclass
class CodebookEntry:
    name: str
    category: str = ""
    description: str = ""
    national_theme: str = ""
    children: list[CodebookEntry] = field(default_factory=list)


class CodebookError(ValueError):
    """A codebook file that cannot be read, with a message that says where and what to do."""


def to_xlsx(project: Project) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Codebook")
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, XLSX_COLUMNS, bold)
    themes = Theme.objects.filter(kind=ThemeKind.THEME).select_related("parent", "national_theme")
    rows = [*themes.filter(project=None).order_by("position"), *themes.filter(project=project).order_by("position")]
    for row, theme in enumerate(rows, start=1):
        sheet.write_row(
            row,
            0,
            [
                theme.parent.name if theme.parent else "",
                theme.name,
                theme.description,
                theme.national_theme.name if theme.national_theme else "",
                "yes" if theme.is_local else "no",
            ],
        )
    sheet.set_column(0, 1, 40)
    sheet.set_column(2, 2, 80)
    sheet.set_column(3, 3, 40)
    book.close()
    return buffer.getvalue()


def to_qdc(project: Project) -> bytes:
    """The codebook as REFI-QDA XML: categories hold their themes; local themes sit in a "Local themes" code."""
    ET.register_namespace("", QDC_NAMESPACE)
    root = ET.Element(f"{{{QDC_NAMESPACE}}}CodeBook", {"origin": "Heard"})
    codes = ET.SubElement(root, f"{{{QDC_NAMESPACE}}}Codes")

    def add(parent: ET.Element, theme: Theme, codable: bool) -> ET.Element:
        element = ET.SubElement(
            parent,
            f"{{{QDC_NAMESPACE}}}Code",
            {
                "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"heard:theme:{theme.project_id or 0}:{theme.name}")),
                "name": theme.name,
                "isCodable": "true" if codable else "false",
            },
        )
        if theme.description:
            ET.SubElement(element, f"{{{QDC_NAMESPACE}}}Description").text = theme.description
        return element

    for category in Theme.objects.national().filter(kind=ThemeKind.CATEGORY).order_by("position"):
        element = add(codes, category, codable=False)
        for theme in category.children.filter(kind=ThemeKind.THEME).order_by("position"):
            add(element, theme, codable=True)
    local = list(Theme.objects.filter(project=project, kind=ThemeKind.THEME).order_by("position"))
    if local:
        holder = ET.SubElement(
            codes,
            f"{{{QDC_NAMESPACE}}}Code",
            {
                "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"heard:local:{project.pk}")),
                "name": "Local themes",
                "isCodable": "false",
            },
        )
        for theme in local:
            add(holder, theme, codable=True)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def read_qdc(data: bytes, filename: str) -> list[CodebookEntry]:
    try:
        root = ET.fromstring(data)  # noqa: S314 (no entities are resolved by ElementTree's default parser)
    except ET.ParseError as error:
        raise CodebookError(
            f"{filename}: this is not a REFI-QDA codebook (XML error at line {error.position[0]})."
        ) from None
    if not root.tag.endswith("CodeBook"):
        raise CodebookError(f"{filename}: expected a <CodeBook> element, found <{root.tag.split('}')[-1]}>.")
    entries: list[CodebookEntry] = []

    def walk(element: ET.Element, category: str) -> None:
        for code in element:
            if not code.tag.endswith("Code"):
                continue
            name = (code.get("name") or "").strip()
            description = next((d.text or "" for d in code if d.tag.endswith("Description")), "")
            codable = code.get("isCodable", "true") != "false"
            if name and codable:
                entries.append(CodebookEntry(name=name, category=category, description=description.strip()))
            walk(code, name if not codable else category)

    for codes in root:
        if codes.tag.endswith("Codes"):
            walk(codes, "")
    if not entries:
        raise CodebookError(f"{filename}: the codebook has no codes.")
    return entries


def read_xlsx(data: bytes, filename: str) -> list[CodebookEntry]:
    suffix = Path(filename).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="heard-codebook-") as folder:
        path = Path(folder) / f"codebook{suffix if suffix in tabular.SPREADSHEET_SUFFIXES else '.xlsx'}"
        path.write_bytes(data)
        try:
            tabular.vet(path)  # the checks every uploaded spreadsheet gets, first opened in a child process
        except tabular.TabularError as error:
            raise CodebookError(str(error).replace(path.name, filename, 1)) from None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = book.get_sheet_by_index(0).to_python()
    except Exception as error:
        raise CodebookError(f"{filename}: cannot read this spreadsheet ({error}).") from None
    if not rows:
        raise CodebookError(f"{filename}: the first sheet is empty.")
    header = [str(c).strip().lower() for c in rows[0]]
    if "theme" not in header:
        raise CodebookError(f"{filename}, row 1: there is no 'theme' column. Columns: {', '.join(header)}.")
    col = {name: header.index(name) for name in XLSX_COLUMNS if name in header}
    entries = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(name: str, row: Sequence[object] = row) -> str:
            return str(row[col[name]]).strip() if name in col and col[name] < len(row) and row[col[name]] else ""

        if not cell("theme"):
            continue
        if "local" in col and cell("local").lower() == "no":
            continue  # a national theme: already in Heard
        entries.append(
            CodebookEntry(
                name=cell("theme"),
                category=cell("category"),
                description=cell("description"),
                national_theme=cell("adds_up_to_national_theme"),
            )
        )
        if len(entries[-1].name) > 200:
            raise CodebookError(f"{filename}, row {number}, column 'theme': longer than 200 characters.")
    return entries
