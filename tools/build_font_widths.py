"""Write heard/lib/documents/font-widths.json, each character's width in the shipped fonts, for laying out
charts' words. Run by hand when a shipped font changes (a test says when it has):

    uv run python tools/build_font_widths.py
"""

from __future__ import annotations

import json

from heard.lib.documents import textwidth


def main() -> None:
    table = textwidth.measure_fonts()
    textwidth.WIDTHS_FILE.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(textwidth.WIDTHS_FILE, sum(len(t) for t in table.values()), "widths")


if __name__ == "__main__":
    main()
