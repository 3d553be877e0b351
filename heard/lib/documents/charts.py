"""Charts from one `ChartSpec`: inline SVG for pages and PDFs, PNG for Word.

Drawn with matplotlib (Agg, no display), imported inside the functions because importing it takes about a second.
Every chart:
- uses a colour-blind-safe palette (Okabe and Ito) in its darker colours, and also a hatch per series and the
  figures written on the bars, so it still reads in greyscale or when printed;
- leaves out a missing or protected figure (None) and says so beside the bar, with `spec.note` explaining why;
- is deterministic (fixed SVG hash salt, no dates in the metadata), so the same spec gives the same bytes;
- carries its text alternative: the SVG has role="img", a <title> (spec.title) and a <desc> (spec.alt).
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from typing import TYPE_CHECKING, Any

from heard.lib.documents import fonts
from heard.lib.documents.chart_cache import cached
from heard.lib.documents.model import ChartSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe-Ito, the darker members first (contrast against white of at least 3:1 for the first four).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9", "#000000"]
HATCHES = ["", "///", "...", "xxx", "\\\\\\", "---", "ooo"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
LINESTYLES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1, 1, 1))]
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
NOT_SHOWN = "not shown"
WIDTH_IN = 7.5


def format_value(value: float, unit: str) -> str:
    """A figure as a reader sees it on the chart: 1,234 / 12% / 0.85."""
    if unit == "percent":
        return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:.2f}"


def _spec_text(spec: ChartSpec) -> str:
    names = [series.name for series in spec.series]
    return " ".join([spec.title, spec.x_label, spec.y_label, spec.note, *spec.categories, *names])


def _rc(spec: ChartSpec) -> Any:  # matplotlib types the keys as a Literal of every rcParam
    return {
        "font.family": fonts.chart_families(_spec_text(spec)),
        "font.size": 10,
        "text.color": TEXT,
        "axes.labelcolor": TEXT,
        "axes.edgecolor": TEXT,
        "xtick.color": TEXT,
        "ytick.color": TEXT,
        "hatch.color": "#ffffff",
        "hatch.linewidth": 1.0,
        "svg.hashsalt": "heard",
        "svg.fonttype": "none",  # text stays text: selectable, read by browsers in the page's own fonts
        "svg.image_inline": True,
        "path.simplify": True,
    }


def _figure(spec: ChartSpec) -> Figure:
    from matplotlib.figure import Figure

    rows = len(spec.categories)
    per_row = len(spec.series) if spec.kind == "grouped_bar" else 1
    height = 3.6 if spec.kind == "line" else max(2.0, 0.9 + rows * (0.32 + 0.22 * per_row))
    if spec.note:
        height += 0.3
    fig = Figure(figsize=(WIDTH_IN, height), dpi=100)
    fig.set_layout_engine("constrained")
    return fig


def _draw(spec: ChartSpec) -> Figure:
    fig = _figure(spec)
    ax = fig.add_subplot()
    drawer = {
        "bar": _bar,
        "grouped_bar": _grouped,
        "stacked_bar": _stacked,
        "line": _line,
        "interval": _interval,
    }[spec.kind]
    drawer(ax, spec)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if spec.x_label:
        ax.set_xlabel(spec.x_label)
    if spec.y_label:
        ax.set_ylabel(spec.y_label)
    if spec.note:
        # A figure-level label, so the constrained layout makes room for it below the axis.
        fig.supxlabel(spec.note, x=0.01, ha="left", fontsize=8.5, color="#505a5f")
    return fig


def _max(spec: ChartSpec, stacked: bool = False) -> float:
    if stacked:
        totals = [sum(s.values[i] or 0 for s in spec.series) for i in range(len(spec.categories))]
        return max(totals, default=0) or 1
    values = [v for s in spec.series for v in s.values if v is not None]
    return max(values, default=0) or 1


def _category_axis(ax: Axes, spec: ChartSpec, positions: list[float]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.set_yticks(positions, spec.categories)
    if spec.unit == "count":  # no half a resident on the scale
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    elif spec.unit == "percent":
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}%"))
    ax.invert_yaxis()  # the first category at the top, as in the table
    ax.tick_params(axis="y", length=0)
    ax.xaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)


def _label_bars(ax: Axes, spec: ChartSpec, ys: list[float], values: list[float | None], top: float) -> None:
    for y, value in zip(ys, values, strict=False):
        if value is None:
            ax.text(top * 0.01, y, NOT_SHOWN, va="center", ha="left", fontsize=8.5, color="#505a5f", style="italic")
        else:
            ax.text(value + top * 0.015, y, format_value(value, spec.unit), va="center", ha="left", fontsize=9)


def _bar(ax: Axes, spec: ChartSpec) -> None:
    series = spec.series[0]
    ys = [float(i) for i in range(len(spec.categories))]
    top = _max(spec)
    shown = [(y, v) for y, v in zip(ys, series.values, strict=False) if v is not None]
    ax.barh([y for y, _ in shown], [v for _, v in shown], color=PALETTE[0], height=0.65, label=series.name)
    _label_bars(ax, spec, ys, series.values, top)
    _category_axis(ax, spec, ys)
    ax.set_xlim(0, top * 1.15)


def _legend(ax: Axes, spec: ChartSpec) -> None:
    # Long series names (themes, partners) in one row would run past the chart's right edge: fewer columns then.
    longest = max((len(series.name) for series in spec.series), default=1)
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=max(1, min(len(spec.series), 4, 80 // max(longest, 1))),
        frameon=False,
        fontsize=9,
        handlelength=2.2,
        handleheight=1.2,
    )


def _grouped(ax: Axes, spec: ChartSpec) -> None:
    count = len(spec.series)
    height = 0.8 / count
    top = _max(spec)
    centres = [float(i) for i in range(len(spec.categories))]
    for n, series in enumerate(spec.series):
        ys = [c - 0.4 + height * (n + 0.5) for c in centres]
        shown = [(y, v) for y, v in zip(ys, series.values, strict=False) if v is not None]
        ax.barh(
            [y for y, _ in shown],
            [v for _, v in shown],
            height=height * 0.92,
            color=PALETTE[n % len(PALETTE)],
            hatch=HATCHES[n % len(HATCHES)],
            label=series.name,
            edgecolor="white",
            linewidth=0.5,
        )
        _label_bars(ax, spec, ys, series.values, top)
    _category_axis(ax, spec, centres)
    ax.set_xlim(0, top * 1.18)
    _legend(ax, spec)


def _stacked(ax: Axes, spec: ChartSpec) -> None:
    ys = [float(i) for i in range(len(spec.categories))]
    lefts = [0.0] * len(ys)
    top = _max(spec, stacked=True)
    missing = [False] * len(ys)
    for n, series in enumerate(spec.series):
        widths = []
        for i, value in enumerate(series.values):
            missing[i] = missing[i] or value is None
            widths.append(value or 0.0)
        bars = ax.barh(
            ys,
            widths,
            left=lefts,
            height=0.65,
            color=PALETTE[n % len(PALETTE)],
            hatch=HATCHES[n % len(HATCHES)],
            label=series.name,
            edgecolor="white",
            linewidth=0.5,
        )
        for bar, width in zip(bars, widths, strict=False):
            # The figure inside its segment when it fits, so greyscale readers do not need the colours.
            if width and width >= top * 0.06:
                ax.text(
                    bar.get_x() + width / 2,
                    bar.get_y() + bar.get_height() / 2,
                    format_value(width, spec.unit),
                    ha="center",
                    va="center",
                    fontsize=8.5,
                    color="white",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "#0b0c0c", "alpha": 0.55, "linewidth": 0},
                )
        lefts = [left + width for left, width in zip(lefts, widths, strict=False)]
    for i, (y, total, gap) in enumerate(zip(ys, lefts, missing, strict=False)):
        if all(series.values[i] is None for series in spec.series):
            label = NOT_SHOWN
        else:
            label = format_value(total, spec.unit) + (f" (some {NOT_SHOWN})" if gap else "")
        ax.text(total + top * 0.01, y, label, va="center", ha="left", fontsize=9)
    _category_axis(ax, spec, ys)
    ax.set_xlim(0, top * 1.25)
    _legend(ax, spec)


def _line(ax: Axes, spec: ChartSpec) -> None:
    xs = list(range(len(spec.categories)))
    for n, series in enumerate(spec.series):
        points = [(x, v) for x, v in zip(xs, series.values, strict=False) if v is not None]
        if not points:
            continue
        ax.plot(
            [x for x, _ in points],
            [v for _, v in points],
            color=PALETTE[n % len(PALETTE)],
            linestyle=LINESTYLES[n % len(LINESTYLES)],
            marker=MARKERS[n % len(MARKERS)],
            linewidth=2,
            markersize=5,
            label=series.name,
        )
        last_x, last_v = points[-1]
        if len(spec.series) > 1:
            ax.annotate(
                series.name,
                (last_x, last_v),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color=PALETTE[n % len(PALETTE)],
            )
    ax.set_xticks(xs, spec.categories, rotation=0 if len(xs) <= 8 else 45, ha="center" if len(xs) <= 8 else "right")
    ax.yaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_ylim(bottom=0)
    if spec.unit == "percent":
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    if len(spec.series) > 1:
        _legend(ax, spec)


def _interval(ax: Axes, spec: ChartSpec) -> None:
    estimate = spec.series[0].values
    low = spec.series[1].values if len(spec.series) > 1 else [None] * len(estimate)
    high = spec.series[2].values if len(spec.series) > 2 else [None] * len(estimate)
    ys = [float(i) for i in range(len(spec.categories))]
    highest = max([v for v in [*estimate, *high] if v is not None] + [spec.reference or 0, 0]) or 1
    for y, e, lo, hi in zip(ys, estimate, low, high, strict=False):
        if e is None:
            ax.text(0, y, NOT_SHOWN, va="center", ha="left", fontsize=8.5, color="#505a5f", style="italic")
            continue
        if lo is not None and hi is not None:
            ax.plot([lo, hi], [y, y], color=PALETTE[0], linewidth=2, solid_capstyle="butt")
            ax.plot([lo, lo], [y - 0.15, y + 0.15], color=PALETTE[0], linewidth=2)
            ax.plot([hi, hi], [y - 0.15, y + 0.15], color=PALETTE[0], linewidth=2)
        ax.plot([e], [y], marker="D", color=PALETTE[1], markersize=7, markeredgecolor=TEXT, markeredgewidth=0.6)
        ax.text(
            (hi if hi is not None else e) + highest * 0.02,
            y,
            format_value(e, spec.unit),
            va="center",
            ha="left",
            fontsize=9,
        )
    if spec.reference is not None:
        ax.axvline(spec.reference, color=TEXT, linestyle="--", linewidth=1)
        ax.annotate(
            f"{format_value(spec.reference, spec.unit)}",
            (spec.reference, 0),
            xycoords=("data", "axes fraction"),
            xytext=(3, 2),
            textcoords="offset points",
            fontsize=8.5,
        )
    _category_axis(ax, spec, ys)
    ax.set_xlim(0, highest * 1.2)


_XML_HEAD = re.compile(r"\A.*?(?=<svg)", re.S)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_SIZE = re.compile(r'\s(width|height)="[^"]*pt"')


_STYLE_ELEMENT = re.compile(r"<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>\s*|<style[^>]*>[^<]*</style>\s*", re.S)
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def _attributes(match: re.Match[str]) -> str:
    """style="fill: #fff; stroke: none" -> fill="#fff" stroke="none": presentation attributes are not inline
    styles, so the chart still draws under the pages' Content-Security-Policy (style-src 'self'). The font family
    is set once on the <svg>, so text takes the page's (or the PDF's) shipped fonts."""
    out = []
    for declaration in match.group(1).split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name and value and name != "font-family":
            out.append(f' {name}="{value}"')
    return "".join(out)


@cached("svg")
def render_svg(spec: ChartSpec) -> str:
    """The chart as an inline <svg> element (no XML declaration), titled and described for screen readers."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    with matplotlib.rc_context(_rc(spec)):
        fig = _draw(spec)
        FigureCanvasSVG(fig)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = _METADATA.sub("", _XML_HEAD.sub("", buffer.getvalue()))
    text = _SIZE.sub("", text, count=2)
    text = _STYLE_ELEMENT.sub("", text)
    text = _STYLE.sub(_attributes, text)
    # matplotlib names every group (figure_1, axes_1...): the same ids in each chart would repeat on a page.
    referenced = set(re.findall(r"#([\w.-]+)", text))
    text = _ID.sub(lambda m: m.group(0) if m.group(1) in referenced else "", text)
    title_id = f"chart-{_slug(spec.title)}-{hashlib.sha256(repr(spec).encode()).hexdigest()[:8]}"
    opening = _SVG_OPEN.search(text)
    assert opening is not None
    tag = opening.group(0)[:-1].rstrip("/")
    new_tag = (
        f'{tag} role="img" aria-labelledby="{title_id}-t {title_id}-d" class="chart" '
        f'preserveAspectRatio="xMinYMin meet" direction="ltr" stroke-linejoin="round" stroke-linecap="butt" '
        f'font-family="{html.escape(fonts.CSS_STACK)}">'
        f'<title id="{title_id}-t">{html.escape(spec.title)}</title>'
        f'<desc id="{title_id}-d">{html.escape(spec.alt)}</desc>'
    )
    return text[: opening.start()] + new_tag + text[opening.end() :]


@cached("png")
def render_png(spec: ChartSpec, dpi: int = 200) -> bytes:
    """The chart as a PNG picture (for Word, and for print in PDFs: the same picture, drawn once), with no date in
    its metadata."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with matplotlib.rc_context(_rc(spec)):
        fig = _draw(spec)
        FigureCanvasAgg(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None}, facecolor="white")
    return buffer.getvalue()


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]
    return slug or "chart"
