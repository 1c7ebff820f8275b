"""Line charts drawn on the server as SVG: no JavaScript, no external assets.

The chart has a <title> and a <desc>, and the page shows the same figures as a table, so the
trend is readable with a screen reader too.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

COLOURS = {"veto": "#b91c1c", "deduct": "#b45309", "hint": "#1d4ed8"}


def line_chart(title, labels, series, width=640, height=220):
    """SVG markup of one line per series.

    labels: x-axis labels (e.g. run dates); series: [(key, name, [values])], values aligned
    with labels.
    """
    left, right, top, bottom = 40, 120, 20, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([max(values, default=0) for _, _, values in series] + [1])
    count = max(len(labels), 1)

    def x(index):
        return left + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

    def y(value):
        return top + plot_h - plot_h * value / peak

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title chart-desc" class="trend-chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(describe(labels, series))}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>',
    ]
    for step in range(5):
        value = peak * step / 4
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#e5e7eb"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#374151">{value:g}</text>'
        )
    shown = range(0, count, max(1, count // 6))
    for index in shown:
        if index < len(labels):
            parts.append(
                f'<text x="{x(index):.1f}" y="{height - bottom + 16}" font-size="11" '
                f'text-anchor="middle" fill="#374151">{escape(labels[index])}</text>'
            )
    for number, (key, name, values) in enumerate(series):
        colour = COLOURS.get(key, "#111827")
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        if values:
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
            )
        for index, value in enumerate(values):
            label = labels[index] if index < len(labels) else ""
            parts.append(
                f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(label)} {escape(name)}：{value}</title></circle>"
            )
        legend_y = top + 16 * number
        parts.append(
            f'<rect x="{width - right + 12}" y="{legend_y}" width="12" height="12" '
            f'fill="{colour}"/>'
            f'<text x="{width - right + 30}" y="{legend_y + 10}" font-size="12" '
            f'fill="#111827">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text inside is escaped above


def describe(labels, series):
    if not labels:
        return "暂无数据。"
    latest = "，".join(f"{name}{values[-1]}" for _, name, values in series if values)
    return f"共{len(labels)}次监测，最近一次（{labels[-1]}）：{latest}。"
