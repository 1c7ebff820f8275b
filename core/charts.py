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

import re
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
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
        """The <svg> element around `body` (already safe markup), with title and desc."""
        described = (
            format_html(
                ' aria-describedby="{}"><title id="{}">{}</title><desc id="{}">{}</desc>',
                self.desc_id,
                self.title_id,
                self.title,
                self.desc_id,
                self.description,
            )
            if self.description
            else format_html('><title id="{}">{}</title>', self.title_id, self.title)
        )
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-labelledby="{}" class="{}"{}{}</svg>',
            width,
            height,
            self.title_id,
            css_class,
            described,
            body,
        )


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
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ccc"/>'
                    '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>',
                    margin_left,
                    _n(y),
                    self.width - 16,
                    _n(y),
                    margin_left - 6,
                    _n(y + 4),
                    value,
                )
            )
        for g, label in enumerate(self.labels):
            group_left = margin_left + g * group_width
            bars_left = group_left + (group_width - bar_width * len(self.series)) / 2
            for s, series in enumerate(self.series):
                value = series.values[g]
                height = plot_height * value / top
                x = bars_left + s * bar_width
                y = margin_top + plot_height - height
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{} {}：{}</title></rect>"
                        '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>',
                        _n(x),
                        _n(y),
                        _n(bar_width - 2),
                        _n(height),
                        self.colour(s),
                        label,
                        series.name,
                        value,
                        _n(x + (bar_width - 2) / 2),
                        _n(y - 3),
                        value,
                    )
                )
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="13">{}</text>',
                    _n(group_left + group_width / 2),
                    margin_top + plot_height + 18,
                    label,
                )
            )
        legend_y = self.height - 22
        parts.append(
            format_html_join(
                "",
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12">{}</text>',
                (
                    (
                        margin_left + i * 112,
                        legend_y,
                        self.colour(i),
                        margin_left + i * 112 + 16,
                        legend_y + 11,
                        series.name,
                    )
                    for i, series in enumerate(self.series)
                ),
            )
        )
        axis = format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#333"/>',
            margin_left,
            margin_top + plot_height,
            self.width - 16,
            margin_top + plot_height,
        )
        return self._svg(self.width, self.height, "report-chart", axis + mark_safe("".join(parts)))


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

        parts = [
            format_html(
                '<rect x="0" y="0" width="{}" height="{}" fill="#fff"/>', self.width, self.height
            )
        ]
        for step in range(5):
            value = peak * step / 4
            parts.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#e5e7eb"/>'
                    '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#374151">{}</text>',
                    left,
                    left + plot_w,
                    _n(y(value)),
                    _n(y(value)),
                    left - 6,
                    _n(y(value) + 4),
                    f"{value:g}",
                )
            )
        for index in range(0, count, max(1, count // 6)):
            if index < len(self.labels):
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" font-size="11" text-anchor="middle" '
                        'fill="#374151">{}</text>',
                        _n(x(index)),
                        self.height - bottom + 16,
                        self.labels[index],
                    )
                )
        for number, series in enumerate(self.series):
            colour = self.colour(number)
            if series.values:
                points = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in enumerate(series.values))
                parts.append(
                    format_html(
                        '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>',
                        colour,
                        points,
                    )
                )
            for index, value in enumerate(series.values):
                label = self.labels[index] if index < len(self.labels) else ""
                parts.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{} {}：{}</title></circle>',
                        _n(x(index)),
                        _n(y(value)),
                        colour,
                        label,
                        series.name,
                        value,
                    )
                )
            legend_y = top + 16 * number
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                    '<text x="{}" y="{}" font-size="12" fill="#111827">{}</text>',
                    self.width - right + 12,
                    legend_y,
                    colour,
                    self.width - right + 30,
                    legend_y + 10,
                    series.name,
                )
            )
        return self._svg(self.width, self.height, "trend-chart", mark_safe("".join(parts)))
