"""The progress picture: share of rows by status, per section and per district or city.

Built on a bare Figure with the Agg canvas (no pyplot): no display, no global state, safe in a worker
thread. DejaVu Sans, which ships with matplotlib, has the Kazakh letters.
"""

from __future__ import annotations

import io
import textwrap
from collections import Counter
from collections.abc import Sequence

from bot.reports.labels import STATUS_COLOURS, STATUS_ORDER, chart_titles, status_label
from domain.enums import MeasureStatus

Bars = Sequence[tuple[str, Counter[MeasureStatus]]]
MAX_BARS = 40  # a region has about twenty districts and cities; more would not be readable anyway


def _draw(axes: object, bars: Bars, title: str, axis_label: str, locale: str) -> None:
    bars = list(bars)[:MAX_BARS]
    labels = [textwrap.shorten(label, width=48, placeholder="…") for label, _ in bars]
    positions = list(range(len(bars)))
    left = [0.0] * len(bars)
    for status in STATUS_ORDER:
        shares = [
            100.0 * counts.get(status, 0) / total if (total := sum(counts.values())) else 0.0
            for _, counts in bars
        ]
        axes.barh(  # type: ignore[attr-defined]
            positions, shares, left=left, color=STATUS_COLOURS[status], label=status_label(status, locale)
        )
        left = [a + b for a, b in zip(left, shares, strict=True)]
    axes.set_yticks(positions, labels=labels, fontsize=8)  # type: ignore[attr-defined]
    axes.invert_yaxis()  # type: ignore[attr-defined]
    axes.set_xlim(0, 100)  # type: ignore[attr-defined]
    axes.set_xlabel(axis_label)  # type: ignore[attr-defined]
    axes.set_title(title, loc="left", fontweight="bold")  # type: ignore[attr-defined]


def chart(by_section: Bars, by_district: Bars, locale: str) -> bytes:
    # Imported here: matplotlib takes a while to load and most of the bot's processes never draw.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    section_title, district_title, axis_label = chart_titles(locale)
    heights = [max(len(by_section), 1), max(min(len(by_district), MAX_BARS), 1)]
    figure = Figure(figsize=(11, 1.6 + 0.32 * sum(heights) + 1.2), dpi=110)
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1, gridspec_kw={"height_ratios": heights})
    _draw(top, by_section, section_title, axis_label, locale)
    _draw(bottom, by_district, district_title, axis_label, locale)
    handles, names = top.get_legend_handles_labels()
    figure.legend(handles, names, loc="upper center", ncols=4, frameon=False, fontsize=9)
    figure.tight_layout(rect=(0, 0, 1, 0.96))
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
