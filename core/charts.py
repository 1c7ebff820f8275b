"""Bar and line charts drawn on the server as inline SVG: no JavaScript, no external assets.

A chart is data: an id, a title, the category labels (years, run dates) and one or more
series of values. Callers compute the figures and build the chart; this module knows no
model. Each SVG is ``role="img"`` and labelled by its own ``<title>`` (and described by its
``<desc>`` when the caller gives a description); every mark has a tooltip title, and
``table_rows`` gives the same figures for the data table the template shows beside it, so
the chart is readable with a screen reader and in print.

Element ids are made from the chart's id ("<id>-title", "<id>-desc"), so several charts on
one page never share an id. Every text is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

# Colours distinguishable for common colour-vision deficiencies (Okabe-Ito palette).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass
class Series:
    name: str
    values: list[int | float]  # one per label
    colour: str = ""  # "" = the palette colour of the series' position


@dataclass
class Chart:
    id: str  # unique on the page, e.g. "chart-applications"; letters, digits, - and _
    title: str
    labels: list[str]  # the categories along the x axis, e.g. "2024年" or "06-01 09:30"
    series: list[Series] = field(default_factory=list)
    description: str = ""  # a sentence for <desc>, e.g. the latest figures

    def __post_init__(self):
        if not CHART_ID.fullmatch(self.id):
            raise ValueError(f"chart id {self.id!r}: use letters, digits, '-' and '_'")

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"

    @property
    def table_rows(self) -> list[tuple[str, list[int | float]]]:
        """(label, the value of every series) per label, for the data table."""
        return [
            (label, [s.values[i] if i < len(s.values) else "" for s in self.series])
            for i, label in enumerate(self.labels)
        ]

    def colour(self, index: int) -> str:
        return self.series[index].colour or PALETTE[index % len(PALETTE)]

    def _svg(self, width: int, height: int, css_class: str, body: str) -> SafeString:
        """The <svg> element around `body` (markup already escaped), with title and desc."""
        title_id, desc_id = _text(self.title_id), _text(self.desc_id)
        labelled = f'><title id="{title_id}">{_text(self.title)}</title>'
        if self.description:
            labelled = (
                f' aria-describedby="{desc_id}"{labelled}'
                f'<desc id="{desc_id}">{_text(self.description)}</desc>'
            )
        return mark_safe(
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-labelledby="{title_id}" class="{_text(css_class)}"'
            f"{labelled}{body}</svg>"
        )


def _text(value) -> str:
    """Text (a label, a name, a value) escaped for SVG content and attributes. The charts are
    built with plain string formatting rather than format_html: a year-over-year chart has a
    few hundred pieces, and format_html's work per piece was most of the annual report's
    drawing time (issue 15)."""
    return html.escape(str(value), quote=True)


def _n(value: float) -> str:
    """A coordinate with one decimal, as SVG attributes take it."""
    return f"{value:.1f}"


def _nice_maximum(value: float) -> int:
    """The smallest of 5, 10, 20, 50, 100, 200, 500, ... at or above `value`."""
    scale = 1
    while True:
        for step in (5 * scale, 10 * scale, 20 * scale):
            if step >= value:
                return step
        scale *= 10


@dataclass
class BarChart(Chart):
    """Grouped bars: one group per label, one bar per series, value labels on the bars."""

    width: int = 720
    height: int = 300

    @property
    def svg(self) -> SafeString:
        margin_left, margin_bottom, margin_top = 48, 64, 24
        plot_width = self.width - margin_left - 16
        plot_height = self.height - margin_top - margin_bottom
        top = _nice_maximum(max([v for s in self.series for v in s.values] + [1]))
        group_width = plot_width / max(len(self.labels), 1)
        bar_width = min(40.0, (group_width - 16) / max(len(self.series), 1))
        parts = []
        for tick in range(0, 6):  # top is 5, 10, 20, 50 ...: five equal integer steps
            value = top * tick // 5
            y = margin_top + plot_height - plot_height * value / top
            parts.append(
                f'<line x1="{margin_left}" y1="{_n(y)}" x2="{self.width - 16}" y2="{_n(y)}" '
                f'stroke="#ccc"/><text x="{margin_left - 6}" y="{_n(y + 4)}" text-anchor="end" '
                f'font-size="12">{value}</text>'
            )
        for g, label in enumerate(self.labels):
            group_left = margin_left + g * group_width
            bars_left = group_left + (group_width - bar_width * len(self.series)) / 2
            label_text = _text(label)
            for s, series in enumerate(self.series):
                value = series.values[g]
                value_text = _text(value)
                height = plot_height * value / top
                x = bars_left + s * bar_width
                y = margin_top + plot_height - height
                parts.append(
                    f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(bar_width - 2)}" '
                    f'height="{_n(height)}" fill="{_text(self.colour(s))}">'
                    f"<title>{label_text} {_text(series.name)}：{value_text}</title></rect>"
                    f'<text x="{_n(x + (bar_width - 2) / 2)}" y="{_n(y - 3)}" '
                    f'text-anchor="middle" font-size="11">{value_text}</text>'
                )
            parts.append(
                f'<text x="{_n(group_left + group_width / 2)}" '
                f'y="{margin_top + plot_height + 18}" text-anchor="middle" '
                f'font-size="13">{label_text}</text>'
            )
        legend_y = self.height - 22
        for i, series in enumerate(self.series):
            parts.append(
                f'<rect x="{margin_left + i * 112}" y="{legend_y}" width="12" height="12" '
                f'fill="{_text(self.colour(i))}"/>'
                f'<text x="{margin_left + i * 112 + 16}" y="{legend_y + 11}" '
                f'font-size="12">{_text(series.name)}</text>'
            )
        axis = (
            f'<line x1="{margin_left}" y1="{margin_top + plot_height}" '
            f'x2="{self.width - 16}" y2="{margin_top + plot_height}" stroke="#333"/>'
        )
        return self._svg(self.width, self.height, "report-chart", axis + "".join(parts))


@dataclass
class LineChart(Chart):
    """One line per series over the labels, a dot with a tooltip per value, legend right."""

    width: int = 640
    height: int = 220

    @property
    def svg(self) -> SafeString:
        left, right, top, bottom = 40, 120, 20, 40
        plot_w, plot_h = self.width - left - right, self.height - top - bottom
        peak = max([max(s.values, default=0) for s in self.series] + [1])
        count = max(len(self.labels), 1)

        def x(index):
            return left + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

        def y(value):
            return top + plot_h - plot_h * value / peak

        parts = [f'<rect x="0" y="0" width="{self.width}" height="{self.height}" fill="#fff"/>']
        for step in range(5):
            value = peak * step / 4
            parts.append(
                f'<line x1="{left}" x2="{left + plot_w}" y1="{_n(y(value))}" '
                f'y2="{_n(y(value))}" stroke="#e5e7eb"/>'
                f'<text x="{left - 6}" y="{_n(y(value) + 4)}" font-size="11" '
                f'text-anchor="end" fill="#374151">{value:g}</text>'
            )
        for index in range(0, count, max(1, count // 6)):
            if index < len(self.labels):
                parts.append(
                    f'<text x="{_n(x(index))}" y="{self.height - bottom + 16}" font-size="11" '
                    f'text-anchor="middle" fill="#374151">{_text(self.labels[index])}</text>'
                )
        for number, series in enumerate(self.series):
            colour = _text(self.colour(number))
            name = _text(series.name)
            if series.values:
                points = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in enumerate(series.values))
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
                )
            for index, value in enumerate(series.values):
                label = _text(self.labels[index]) if index < len(self.labels) else ""
                parts.append(
                    f'<circle cx="{_n(x(index))}" cy="{_n(y(value))}" r="3" fill="{colour}">'
                    f"<title>{label} {name}：{_text(value)}</title></circle>"
                )
            legend_y = top + 16 * number
            parts.append(
                f'<rect x="{self.width - right + 12}" y="{legend_y}" width="12" height="12" '
                f'fill="{colour}"/>'
                f'<text x="{self.width - right + 30}" y="{legend_y + 10}" font-size="12" '
                f'fill="#111827">{name}</text>'
            )
        return self._svg(self.width, self.height, "trend-chart", "".join(parts))
