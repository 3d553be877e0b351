"""Draw the PNG of each Easy Read icon from its SVG (Word cannot show SVG). Run by hand when an icon changes:

    uv run python tools/build_icons.py

WeasyPrint draws the SVG on a page the size of the icon; pypdfium2 (a development dependency) turns that page
into a 256 x 256 PNG.
"""

from __future__ import annotations

import io

import pypdfium2
import weasyprint

from heard.lib.documents import icons

SIZE = 256


def main() -> None:
    for name in icons.NAMES:
        page = (
            "<style>@page { size: 64px 64px; margin: 0 } body { margin: 0 } svg { display: block }</style>"
            + icons.ICONS[name]
        )
        pdf = weasyprint.HTML(string=page).write_pdf()
        document = pypdfium2.PdfDocument(pdf)
        image = document[0].render(scale=SIZE / 48).to_pil().convert("RGB").resize((SIZE, SIZE))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        (icons.ICON_DIR / f"{name}.png").write_bytes(buffer.getvalue())
        print(name, len(buffer.getvalue()))


if __name__ == "__main__":
    main()
