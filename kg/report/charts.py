"""Small inline SVG charts for the report, drawn by pygal with its JavaScript left out.

pygal writes a `<script>` into every chart (its tooltip config) and comments carrying the
date it ran; the filter here drops both, so a chart runs nothing in the page and the same
figures always give the same bytes. Labels reach the SVG through lxml, which escapes them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pygal
from pygal.style import Style

# pygal (3.1.3 still) appends a legacy sys.meta_path finder for its map plugins, which we do
# not use; on Python 3.10-3.11 every later failed import then raises ImportWarning, an error
# under our test settings (Kozea/pygal pull 532, unmerged). Take that finder out again.
sys.meta_path[:] = [f for f in sys.meta_path if not type(f).__module__.startswith("pygal")]

__all__ = ["Point", "figure_chart", "is_timeline"]

_STYLE = Style(
    background="transparent",
    plot_background="#ffffff",
    font_family="system-ui, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
    value_font_size=11,
    title_font_size=13,
    colors=("#1f5fa8", "#b5432f", "#2e7d32", "#8e5bb5", "#c77800", "#00838f", "#6d4c41", "#ad1457"),
)


@dataclass(frozen=True, slots=True)
class Point:
    """One figure to draw: who gave it, the number, when (ISO date, may be empty)."""

    series: str
    value: Decimal
    when: str = ""


def figure_chart(points: Sequence[Point], *, chart_id: str, title: str) -> str:
    """An SVG chart of a disputed figure: values over time when two or more dates are known,
    else one bar per figure. Returns "" when there is nothing to draw."""
    dated = [(p, _date(p.when)) for p in points]
    chart: Any
    if is_timeline(points):
        # XY over day numbers rather than pygal's DateLine, which goes through the
        # deprecated datetime.utcfromtimestamp; ticks sit on the days that have figures.
        chart = pygal.XY(
            **{**_config(title), "print_values": False},
            x_value_formatter=lambda x: date.fromordinal(int(x)).isoformat(),
            x_label_rotation=20,
            show_minor_y_labels=False,
        )
        by_series: dict[str, list[tuple[int, float]]] = {}
        for point, when in dated:
            if when is not None:
                by_series.setdefault(point.series, []).append(
                    (when.toordinal(), float(point.value))
                )
        chart.x_labels = sorted({x for values in by_series.values() for x, _ in values})
        for name in sorted(by_series):
            chart.add(name, sorted(by_series[name]))
    elif points:
        # One bar per figure, the first at the top, coloured by who gave it.
        chart = pygal.HorizontalBar(**_config(title), show_legend=False)
        colours = {
            name: _STYLE.colors[n % len(_STYLE.colors)]
            for n, name in enumerate(dict.fromkeys(p.series for p in points))
        }
        chart.x_labels = [p.series for p in reversed(points)]
        chart.add(
            "value",
            [{"value": float(p.value), "color": colours[p.series]} for p in reversed(points)],
        )
    else:
        return ""
    chart.uuid = chart_id  # pygal's default is a random uuid4; ids must be stable
    chart.add_xml_filter(lambda root: _inert(root, title))
    return str(chart.render(is_unicode=True))


def is_timeline(points: Sequence[Point]) -> bool:
    """Whether the figures carry two or more dates, so that they are drawn over time."""
    return len({d for d in (_date(p.when) for p in points) if d is not None}) >= 2


def _config(title: str) -> dict[str, Any]:
    return {
        "style": _STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "width": 520,
        "height": 260,
        "title": title,
        "print_values": True,
        "legend_at_bottom": True,
        "truncate_label": 28,
        "truncate_legend": 28,
        "value_formatter": _number,
        "include_x_axis": True,  # figures are counts: start the value axis at zero
    }


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _inert(root: Any, title: str) -> Any:
    """Drop pygal's scripts and comments; label the SVG as one image for screen readers."""
    for node in list(root.iter()):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.rsplit("}", 1)[-1] == "script" or not isinstance(node.tag, str):
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)
    root.set("role", "img")
    root.set("aria-label", title)
    return root
