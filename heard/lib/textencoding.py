"""Telling a text file's encoding from its first bytes (partners' CSV files come from Excel on Windows, Google
Sheets, Numbers and survey tools, in every common encoding)."""

from __future__ import annotations

import codecs

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def detect_encoding(sample: bytes) -> str:
    """The encoding of a text file from its first bytes: a byte-order mark, else UTF-8 if it decodes, else
    charset-normalizer's best guess among common encodings, else Windows-1252 (Excel's "CSV" on Windows)."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if sample[:4000].count(b"\x00") > len(sample[:4000]) // 4:
        # UTF-16 without a byte-order mark: every other byte of Latin text is zero.
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":  # a character cut off at the end of the sample
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp1251"]).best()
    return best.encoding if best is not None else "cp1252"
