"""Year-over-year charts of applications and outcomes, drawn as SVG on the server.

No JavaScript and no external assets: each chart is an inline ``<svg role="img">`` with a
title, value labels on the bars and a data table beside it for screen readers and print.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.rules.annual_report import TOTAL_COLUMN

from .tables import outcome_groups

# Colours distinguishable for common colour-vision deficiencies (Okabe-Ito palette).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
WIDTH, HEIGHT = 720, 300
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 48, 64, 24


@dataclass
class Chart:
    id: str
    title: str
    years: list[int]
    series: list[tuple[str, list[int]]]  # (name, one value per year)

    @property
    def svg(self) -> str:
        return bar_chart_svg(self)

    @property
    def table_rows(self) -> list[tuple[int, list[int]]]:
        return [
            (year, [values[i] for _, values in self.series]) for i, year in enumerate(self.years)
        ]


def _nice_maximum(value: int) -> int:
    """The smallest of 5, 10, 20, 50, 100, 200, 500, ... at or above `value`."""
    scale = 1
    while True:
        for step in (5 * scale, 10 * scale, 20 * scale):
            if step >= value:
                return step
        scale *= 10


def _n(value: float) -> str:
    """A coordinate with one decimal, as SVG attributes take it."""
    return f"{value:.1f}"


def bar_chart_svg(chart: Chart) -> str:
    plot_width = WIDTH - MARGIN_LEFT - 16
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    top = _nice_maximum(max([v for _, values in chart.series for v in values] + [1]))
    group_width = plot_width / max(len(chart.years), 1)
    bar_width = min(40.0, (group_width - 16) / max(len(chart.series), 1))
    parts = []
    for tick in range(0, 6):  # top is 5, 10, 20, 50 ...: five equal integer steps
        value = top * tick // 5
        y = MARGIN_TOP + plot_height - plot_height * value / top
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ccc"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>',
                MARGIN_LEFT,
                _n(y),
                WIDTH - 16,
                _n(y),
                MARGIN_LEFT - 6,
                _n(y + 4),
                value,
            )
        )
    for g, year in enumerate(chart.years):
        group_left = MARGIN_LEFT + g * group_width
        bars_left = group_left + (group_width - bar_width * len(chart.series)) / 2
        for s, (name, values) in enumerate(chart.series):
            value = values[g]
            height = plot_height * value / top
            x = bars_left + s * bar_width
            y = MARGIN_TOP + plot_height - height
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}年 {}：{}</title></rect>"
                    '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>',
                    _n(x),
                    _n(y),
                    _n(bar_width - 2),
                    _n(height),
                    PALETTE[s % len(PALETTE)],
                    year,
                    name,
                    value,
                    _n(x + (bar_width - 2) / 2),
                    _n(y - 3),
                    value,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="13">{}年</text>',
                _n(group_left + group_width / 2),
                MARGIN_TOP + plot_height + 18,
                year,
            )
        )
    legend_y = HEIGHT - 22
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
        '<text x="{}" y="{}" font-size="12">{}</text>',
        (
            (
                MARGIN_LEFT + i * 112,
                legend_y,
                PALETTE[i % len(PALETTE)],
                MARGIN_LEFT + i * 112 + 16,
                legend_y + 11,
                name,
            )
            for i, (name, _) in enumerate(chart.series)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title" class="report-chart"><title id="{}-title">{}</title>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#333"/>{}{}</svg>',
        WIDTH,
        HEIGHT,
        chart.id,
        chart.id,
        chart.title,
        MARGIN_LEFT,
        MARGIN_TOP + plot_height,
        WIDTH - 16,
        MARGIN_TOP + plot_height,
        mark_safe("".join(parts)),
        legend,
    )


def year_over_year_charts(report, max_years: int = 6) -> list[Chart]:
    """Charts of the published reports up to `report`'s year (and `report` itself)."""
    from .models import AnnualReportPage

    earlier = list(
        AnnualReportPage.objects.live()
        .filter(year__lt=report.year)
        .order_by("-year")[: max_years - 1]
    )
    reports = sorted(earlier, key=lambda r: r.year) + [report]
    tables = [(r.year, r.table3()) for r in reports]
    years = [year for year, _ in tables]
    applications = Chart(
        "chart-applications",
        "历年政府信息公开申请情况（件）",
        years,
        [
            ("本年新收", [t["new"][TOTAL_COLUMN] for _, t in tables]),
            ("上年结转", [t["carried_over"][TOTAL_COLUMN] for _, t in tables]),
            ("本年办结", [t["total"][TOTAL_COLUMN] for _, t in tables]),
            ("结转下年度", [t["carry_forward"][TOTAL_COLUMN] for _, t in tables]),
        ],
    )
    groups = [outcome_groups(t) for _, t in tables]
    outcomes = Chart(
        "chart-outcomes",
        "历年政府信息公开申请办理结果（件）",
        years,
        [(name, [g[i][1] for g in groups]) for i, (name, _) in enumerate(groups[0])],
    )
    return [applications, outcomes]
