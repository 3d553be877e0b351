"""The Word file opens in python-docx with real headings and tables staff can keep editing, names the partners,
and holds no personal details."""

from __future__ import annotations

import io
from typing import Any

import docx

from heard.reporting import render
from heard.reporting.evidence import public_audience


def test_the_word_file_has_headings_tables_and_the_partners_names(world: Any) -> None:
    docs = render.documents_for(world["report"], public_audience(world["project"]))
    word = docx.Document(io.BytesIO(render.output(docs, "docx", "report").content))
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    for heading in ("Summary", "How we listened", "Who we heard from", "Somali-speaking residents", "Deaf BSL users",
                    "Recommendations", "Thank you", "Notes on data, methods and attribution"):  # fmt: skip
        assert heading in headings, heading
    assert len(word.tables) >= 4
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    )
    assert "Ours Community Group" in text and "Theirs Advice Centre" in text
    for detail in ("hello@ours.example", "07700 900456", "desk@theirs.example", "020 7946 0999", "07700 900123"):
        assert detail not in text
