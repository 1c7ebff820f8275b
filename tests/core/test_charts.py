"""core.charts: accessible SVG bar and line charts, with ids unique per chart."""

import re
import xml.etree.ElementTree as ET

import pytest

from core.charts import BarChart, LineChart, Series

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg):
    """The SVG as XML: it must be well-formed to be parsed at all."""
    return ET.fromstring(str(svg))


def two_charts():
    years = ["2024年", "2025年"]
    return [
        BarChart("chart-applications", "历年申请情况（件）", years, [Series("本年新收", [4, 3])]),
        LineChart(
            "trend-site",
            "网站监测发现趋势",
            ["06-01", "06-02"],
            [Series("单项否决", [1, 3], colour="#b91c1c")],
            description="共2次监测，最近一次（06-02）：单项否决3。",
        ),
        LineChart("trend-accounts", "政务新媒体监测发现趋势", ["06-01"], [Series("提示", [2])]),
    ]


def test_charts_on_one_page_have_distinct_ids_and_point_at_their_own_title():
    page = "".join(str(chart.svg) for chart in two_charts())
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)) == 4  # three titles, one desc
    for chart in two_charts():
        svg = parsed(chart.svg)
        title = svg.find(f"{SVG}title")
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == title.get("id") == f"{chart.id}-title"
        assert title.text == chart.title


def test_the_description_is_a_desc_the_chart_is_described_by():
    line = two_charts()[1]
    svg = parsed(line.svg)
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-describedby") == desc.get("id") == "trend-site-desc"
    assert desc.text == "共2次监测，最近一次（06-02）：单项否决3。"
    bar = parsed(two_charts()[0].svg)  # no description given: no desc, nothing dangling
    assert bar.find(f"{SVG}desc") is None and bar.get("aria-describedby") is None


def test_bars_and_dots_carry_their_figures():
    bar, line, _ = two_charts()
    bar_titles = [t.text for t in parsed(bar.svg).iter(f"{SVG}title")]
    assert "2024年 本年新收：4" in bar_titles and "2025年 本年新收：3" in bar_titles
    assert len(list(parsed(bar.svg).iter(f"{SVG}rect"))) == 2 + 1  # two bars, one legend key
    dots = list(parsed(line.svg).iter(f"{SVG}circle"))
    assert [d.find(f"{SVG}title").text for d in dots] == ["06-01 单项否决：1", "06-02 单项否决：3"]
    assert {d.get("fill") for d in dots} == {"#b91c1c"}  # the caller's colour


def test_table_rows_give_the_same_figures():
    chart = BarChart(
        "chart-outcomes",
        "结果",
        ["2024年", "2025年"],
        [Series("予以公开", [1, 2]), Series("不予公开", [0, 5])],
    )
    assert chart.table_rows == [("2024年", [1, 0]), ("2025年", [2, 5])]


def test_every_text_is_escaped():
    chart = LineChart(
        "x",
        "趋势<b>&",
        ["<i>06-01</i>"],
        [Series("<script>alert(1)</script>", [1])],
        description="<u>",
    )
    svg = str(chart.svg)
    assert "<b>" not in svg and "<script>" not in svg and "<i>" not in svg and "<u>" not in svg
    assert "趋势&lt;b&gt;&amp;" in svg and "&lt;script&gt;" in svg
    parsed(svg)


def test_empty_charts_still_draw():
    assert parsed(LineChart("empty", "无数据", [], []).svg).find(f"{SVG}title").text == "无数据"
    assert parsed(BarChart("empty-bars", "无数据", [], []).svg) is not None


@pytest.mark.parametrize("bad", ["", "chart one", '"><script>', "1chart", "图表"])
def test_an_id_that_cannot_be_an_element_id_is_refused(bad):
    with pytest.raises(ValueError):
        BarChart(bad, "标题", [], [])
