"""Hostile files for tests and bench/hostile_files.py: small spreadsheets built to crash or swamp a reader.

Each maker returns the file's bytes; `shapes()` lists (name, suffix, bytes) for a whole run (about 346 files).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Iterator

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook '
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Residents" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
HEADERS = ("Date heard [collected_on]", "Agreed we keep what they told us [consent_store]")


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> str:
    return f'<row r="1">{cell("A1", HEADERS[0])}{cell("B1", HEADERS[1])}</row>'


def xlsx(sheet_body: str, *, prologue: str = SHEET_OPEN, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal workbook with one sheet, 'Residents', whose XML is `prologue + sheet_body + </worksheet>`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", prologue + sheet_body + "</worksheet>")
    return buffer.getvalue()


def good_xlsx() -> bytes:
    return xlsx(f'<sheetData>{header_row()}<row r="2">{cell("A2", "14/03/2026")}{cell("B2", "yes")}</row></sheetData>')


def xlsx_cell_at(ref: str) -> bytes:
    """The header, and one cell at `ref` (e.g. XFD1048576, the last cell a sheet can have)."""
    row = "".join(ch for ch in ref if ch.isdigit())
    return xlsx(f'<sheetData>{header_row()}<row r="{row}">{cell(ref, "x")}</row></sheetData>')


def xlsx_dimension(ref: str) -> bytes:
    """A sheet that declares its size as `ref` but holds two cells."""
    return xlsx(f'<dimension ref="{ref}"/><sheetData>{header_row()}</sheetData>')


def xlsx_positional(row: int, blank_cells: int) -> bytes:
    """Cells without references: their place counts from the cell before (row `row`, after `blank_cells`)."""
    blanks = "<c/>" * blank_cells
    last = '<c t="inlineStr"><is><t>x</t></is></c>'
    return xlsx(f'<sheetData>{header_row()}<row r="{row}">{blanks}{last}</row></sheetData>')


def xlsx_entities(kind: str) -> bytes:
    """Billion laughs, an external entity, or a parameter entity in the sheet's XML."""
    if kind == "laughs":
        doctype = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
        )
        doctype += "]>"
        body = f'<sheetData>{header_row()}<row r="2">{cell("A2", "&j;")}</row></sheetData>'
    elif kind == "external":
        doctype = '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        body = f'<sheetData>{header_row()}<row r="2">{cell("A2", "&x;")}</row></sheetData>'
    else:
        doctype = '<!DOCTYPE w [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]>'
        body = f"<sheetData>{header_row()}</sheetData>"
    prologue = SHEET_OPEN.replace("<worksheet", doctype + "<worksheet", 1)
    return xlsx(body, prologue=prologue)


def zip_bomb(megabytes: int = 50, suffix: str = ".xlsx") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        name = "content.xml" if suffix == ".ods" else "xl/worksheets/sheet1.xml"
        archive.writestr(name, b"<" + b"a" * (megabytes * 1_000_000))
    return buffer.getvalue()


def lying_zip(file_size: int) -> bytes:
    """A good workbook whose directory says the sheet expands to `file_size` bytes."""
    data = bytearray(good_xlsx())
    return bytes(_patch_directory(data, b"xl/worksheets/sheet1.xml", size=file_size))


def wrong_version_zip(version: int = 99, method: int | None = None) -> bytes:
    """A good workbook whose sheet part needs zip version `version` (or is compressed by method `method`)."""
    data = bytearray(good_xlsx())
    return bytes(_patch_directory(data, b"xl/worksheets/sheet1.xml", version=version, method=method))


def _patch_directory(
    data: bytearray, member: bytes, *, version: int | None = None, method: int | None = None, size: int | None = None
) -> bytearray:
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_length]) == member:
            if version is not None:
                struct.pack_into("<B", data, at + 6, version)  # needed to extract
            if method is not None:
                struct.pack_into("<H", data, at + 10, method)
            if size is not None:
                struct.pack_into("<I", data, at + 24, size)
        at += 4
    local = data.find(b"PK\x03\x04" + b"", 0)
    while local >= 0:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30 : local + 30 + name_length]) == member:
            if version is not None:
                struct.pack_into("<B", data, local + 4, version)
            if method is not None:
                struct.pack_into("<H", data, local + 8, method)
        local = data.find(b"PK\x03\x04", local + 4)
    return data


def encrypted_zip() -> bytes:
    data = bytearray(good_xlsx())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        data[at + 8] |= 0x1
        at += 4
    return bytes(data)


ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


def ods(table_body: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Residents">'
        f"{table_body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


def ods_cell(text: str, repeat: int = 1) -> str:
    count = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{count}><text:p>{text}</text:p></table:table-cell>'


def ods_header() -> str:
    return f"<table:table-row>{ods_cell(HEADERS[0])}{ods_cell(HEADERS[1])}</table:table-row>"


def good_ods() -> bytes:
    return ods(f"{ods_header()}<table:table-row>{ods_cell('14/03/2026')}{ods_cell('yes')}</table:table-row>")


def ods_repeated_rows(rows: int) -> bytes:
    """The header and one row of answers repeated `rows` times (1.5 KB for a million)."""
    return ods(
        f'{ods_header()}<table:table-row table:number-rows-repeated="{rows}">'
        f"{ods_cell('14/03/2026')}{ods_cell('yes')}</table:table-row>"
    )


def ods_repeated_columns(columns: int, rows: int = 1) -> bytes:
    repeat = f' table:number-rows-repeated="{rows}"' if rows > 1 else ""
    return ods(f"{ods_header()}<table:table-row{repeat}>{ods_cell('x', columns)}</table:table-row>")


def ods_blank_then_cell(blank_rows: int) -> bytes:
    """The header, `blank_rows` empty rows (one element) and a cell after them."""
    return ods(
        f'{ods_header()}<table:table-row table:number-rows-repeated="{blank_rows}"><table:table-cell/>'
        f"</table:table-row><table:table-row>{ods_cell('x')}</table:table-row>"
    )


def wide_csv(columns: int) -> bytes:
    return (",".join(HEADERS) + "\n" + "," * columns + "x\n").encode()


def shapes(seed: int = 15) -> Iterator[tuple[str, str, bytes]]:
    """(name, suffix, bytes) for the bench: about 346 hostile files of every kind above, and random ones."""
    rng = random.Random(seed)
    for ref in ("XFD1048576", "A1048576", "XFD2", "ZZ1000000", "A4000000000", "AAAA1", "A99999999999", "XFE1"):
        yield f"cell-at-{ref}", ".xlsx", xlsx_cell_at(ref)
    for _ in range(35):
        column = "".join(chr(65 + rng.randrange(26)) for _ in range(rng.randint(1, 4)))
        yield f"cell-at-random-{column}", ".xlsx", xlsx_cell_at(f"{column}{rng.randint(1, 10 ** rng.randint(1, 11))}")
    for ref in ("A1:XFD1048576", "A1:A1048576", "A1:XFD1", "B2:A1", "A1:ZZZZ9", "nonsense"):
        yield f"dimension-{ref.replace(':', '-')}", ".xlsx", xlsx_dimension(ref)
    for row, blanks in ((1048576, 0), (5000, 16383), (2, 20000), (900000, 400)):
        yield f"positional-{row}-{blanks}", ".xlsx", xlsx_positional(row, blanks)
    for kind in ("laughs", "external", "parameter"):
        yield f"entities-{kind}", ".xlsx", xlsx_entities(kind)
    for megabytes in (5, 50):
        yield f"zip-bomb-{megabytes}mb", ".xlsx", zip_bomb(megabytes)
        yield f"zip-bomb-{megabytes}mb", ".ods", zip_bomb(megabytes, ".ods")
    for size in (10**9, 2**32 - 1, 0):
        yield f"lying-size-{size}", ".xlsx", lying_zip(size)
    for version in (45, 63, 64, 99, 255):
        yield f"zip-version-{version}", ".xlsx", wrong_version_zip(version)
    for method in (1, 9, 12, 14, 99):
        yield f"zip-method-{method}", ".xlsx", wrong_version_zip(20, method)
    yield "encrypted", ".xlsx", encrypted_zip()
    for rows in (1_000, 20_000, 1_000_000, 10**9):
        yield f"ods-rows-{rows}", ".ods", ods_repeated_rows(rows)
    for columns, rows in ((600, 1), (16384, 1), (1000, 1000), (10**9, 1)):
        yield f"ods-columns-{columns}x{rows}", ".ods", ods_repeated_columns(columns, rows)
    for blank in (1_048_570, 10**12):
        yield f"ods-blank-{blank}", ".ods", ods_blank_then_cell(blank)
    for columns in (600, 100_000):
        yield f"wide-{columns}", ".csv", wide_csv(columns)
    good = {".xlsx": good_xlsx(), ".ods": good_ods()}
    for suffix, data in good.items():
        for cut in sorted(rng.sample(range(1, len(data)), 40)):
            yield f"truncated-{cut}", suffix, data[:cut]
        for n in range(40):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            yield f"flipped-{n}", suffix, bytes(damaged)
    for suffix in (".xlsx", ".ods", ".xls", ".csv"):
        for n in range(20):
            yield f"random-{n}", suffix, rng.randbytes(rng.choice((1, 10, 100, 1000, 5000)))
    for n in range(20):
        yield f"ole-random-{n}", ".xls", bytes.fromhex("D0CF11E0A1B11AE1") + rng.randbytes(rng.choice((10, 512, 4096)))
