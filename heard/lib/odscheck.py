"""Checks an untrusted .ods spreadsheet's structure before any reader opens it: `content.xml`'s rows and cells
with their `number-rows-repeated` / `number-columns-repeated` counts, against `Limits`, streamed through expat
(see heard/lib/sheetcheck.py for the whole story)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from heard.lib.sheetcheck import Extent, Limits, TabularError, _chunks, _damaged, _parse, open_zip

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def check_ods(path: Path, limits: Limits) -> None:
    name = path.name
    with open_zip(path, limits) as archive:
        if "content.xml" not in archive.namelist():
            raise _damaged(name, "it has no content.xml")
        state: dict[str, Any] = {"sheet": "", "row": 0, "col": 0, "depth": 0, "cell": None, "extent": Extent()}
        row_repeat = [1]

        def repeat(attrs: dict[str, str], key: str) -> int:
            text = attrs.get(f"{TABLE_NS} {key}", "1")
            if not text.strip().isdigit() or len(text.strip()) > 12:
                raise _damaged(name, f"a repeat count '{text[:20]}'")
            return max(1, int(text))

        def start(tag: str, attrs: dict[str, str]) -> None:
            state["depth"] += 1
            cell = state["cell"]
            if cell is not None:
                cell[3] = True  # anything inside a cell (text, a link, an annotation) is content
                return
            if tag == f"{TABLE_NS} table":
                state["extent"].judge(name, state["sheet"], limits)
                state.update(sheet=attrs.get(f"{TABLE_NS} name", ""), row=0, col=0, extent=Extent())
            elif tag == f"{TABLE_NS} table-row":
                row_repeat[0] = repeat(attrs, "number-rows-repeated")
                state["col"] = 0
            elif tag in (f"{TABLE_NS} table-cell", f"{TABLE_NS} covered-table-cell"):
                has_value = f"{OFFICE_NS} value-type" in attrs or f"{OFFICE_NS} string-value" in attrs
                state["cell"] = [state["depth"], state["col"], repeat(attrs, "number-columns-repeated"), has_value]
            elif tag == f"{TABLE_NS} table-column":
                repeat(attrs, "number-columns-repeated")

        def end(tag: str) -> None:
            cell = state["cell"]
            if cell is not None and state["depth"] == cell[0]:
                _depth, col, cols, content = cell
                state["cell"] = None
                if content:
                    rows = row_repeat[0]
                    if rows > limits.max_repeated_rows:
                        raise TabularError(
                            f"{name}, sheet '{state['sheet']}', row {state['row'] + 1}: the file repeats one row "
                            f"{rows:,} times, which residents' answers never do (it may be built to fill the "
                            "reader's memory). Save it again from your spreadsheet program and upload the new copy."
                        )
                    state["extent"].add(state["row"], col, rows, cols)
                    state["extent"].judge(name, state["sheet"], limits)
                state["col"] = col + cols
            elif tag == f"{TABLE_NS} table-row":
                state["row"] += row_repeat[0]
                row_repeat[0] = 1
            state["depth"] -= 1

        with _chunks(archive, "content.xml", name) as stream:
            _parse(stream, name, "content.xml", start, end)
        state["extent"].judge(name, state["sheet"], limits)
