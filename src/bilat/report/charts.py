"""Charts as inline SVG: matplotlib's SVG backend with glyphs drawn as paths, so a brief needs no font,
script or file beside it and looks the same on every machine."""
from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("svg")  # no display, no GUI toolkit: the brief is written on servers and in CI

from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..analyze import EventIndicators, FigureSeries  # noqa: E402

COLOURS = {1: "#8cc084", 2: "#2e7d32", 3: "#e9967a", 4: "#b71c1c"}
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
INK, GRID, LINE = "#333333", "#dddddd", "#1f4e79"
_SAFE = re.compile(r"[^\w\s\-–→/().,%:]")

_STYLE = {
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 8.5,
    "axes.edgecolor": "#999999",
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
}


def _label(text: str) -> str:
    """Only plain characters reach a chart: labels come from extracted data, and SVG is markup."""
    return _SAFE.sub("", str(text))


def _svg(fig: Figure, name: str, title: str) -> str:
    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": f"bilat-{name}"}):  # stable, distinct ids per chart
        buf = io.StringIO()
        FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]  # the XML prolog and DOCTYPE are invalid inside HTML
    svg = re.sub(r'<svg ([^>]*?)width="[^"]+" height="[^"]+"',
                 lambda m: f'<svg {m[1]}width="100%" role="img" aria-label="{_label(title)}" class="chart"', svg, count=1)
    return svg


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(_STYLE):
        return Figure(figsize=(width, height), layout="constrained")


def timeline(ind: EventIndicators, title: str) -> str | None:
    """Cooperation above the axis, conflict below it, per period; the mean Goldstein score as a line."""
    if not ind.periods:
        return None
    with matplotlib.rc_context(_STYLE):
        fig = _figure(9.0, 3.3)
        ax = fig.add_subplot()
        xs = list(range(len(ind.periods)))
        up = [0.0] * len(xs)
        down = [0.0] * len(xs)
        for quad in (1, 2, 3, 4):
            counts = [ind.by_period.get(p, {}).get("quad_class", {}).get(quad, 0) for p in ind.periods]
            if quad <= 2:
                ax.bar(xs, counts, bottom=up, color=COLOURS[quad], width=0.7, label=QUAD_LABELS[quad], zorder=2)
                up = [u + c for u, c in zip(up, counts)]
            else:
                neg = [-c for c in counts]
                ax.bar(xs, neg, bottom=down, color=COLOURS[quad], width=0.7, label=QUAD_LABELS[quad], zorder=2)
                down = [d + n for d, n in zip(down, neg)]
        top = max(up + [1]) + 0.5
        bottom = min(min(down), -0.25 * top) - 0.5
        ax.set_ylim(bottom, top)
        ax.axhline(0, color="#777777", linewidth=0.8, zorder=3)
        ax.set_ylabel("events (conflict below 0)")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", color=GRID, linewidth=0.6, zorder=0)
        step = max(1, len(xs) // 14)
        ax.set_xticks(xs[::step], [_label(p) for p in ind.periods[::step]], rotation=0 if len(xs) <= 16 else 45)
        ax.set_xlim(-0.6, len(xs) - 0.4)
        g = ax.twinx()
        # NaN breaks the line at periods without events instead of implying a trend through them.
        means = [ind.by_period.get(p, {}).get("goldstein_mean") for p in ind.periods]
        g.plot(xs, [float("nan") if m is None else m for m in means], color=LINE, marker="o", markersize=3.5,
               linewidth=1.4, label="mean Goldstein (right)", zorder=4)
        g.set_ylim(10 * bottom / top, 10)  # both zeros on one line
        g.set_ylabel("mean Goldstein score")
        g.spines["right"].set_visible(True)
        handles = ax.get_legend_handles_labels()[0] + g.get_legend_handles_labels()[0]
        fig.legend(handles=handles, loc="outside upper center", ncols=5, frameon=False, fontsize=8)
        return _svg(fig, "timeline", title)


def figures(series: list[FigureSeries], title: str) -> str | None:
    """Whole-year values of every series that has at least two, in one unit: a level chart of the trade."""
    plotted = [(s, s.annual()) for s in series]
    plotted = [(s, pts) for s, pts in plotted if len(pts) >= 2]
    if not plotted:
        return None
    unit = plotted[0][1][0]["unit"]
    plotted = [(s, pts) for s, pts in plotted if pts[0]["unit"] == unit][:5]
    with matplotlib.rc_context(_STYLE):
        fig = _figure(9.0, 3.0)
        ax = fig.add_subplot()
        years = sorted({int(p["period"][:4]) for _, pts in plotted for p in pts})
        palette = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#808080"]
        for i, ((s, pts), colour) in enumerate(zip(plotted, palette)):
            xs = [int(p["period"][:4]) for p in pts]
            ys = [p["value"] for p in pts]
            ax.plot(xs, ys, marker="o", color=colour, linewidth=1.6, label=_label(s.label))
            for x, y in zip(xs, ys):
                ax.annotate(f"{y:,.0f}", (x, y), textcoords="offset points", xytext=(0, -12 if i == 0 and len(plotted) > 1 else 5), ha="center",
                            fontsize=7, color=colour)
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
        ax.set_ylim(0, max(p["value"] for _, pts in plotted for p in pts) * 1.18)
        ax.set_ylabel(_label(unit))
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.spines["right"].set_visible(False)
        fig.legend(loc="outside upper center", ncols=len(plotted), frameon=False, fontsize=8)
        return _svg(fig, "figures", title)
