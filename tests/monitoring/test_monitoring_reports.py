"""Inspection reports (printable and XLSX) and the 监测概览 dashboard."""

import io
import re
from datetime import timedelta
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.charts import LineChart, Series
from monitoring.models import Finding
from monitoring.reports import build_report, period_bounds

pytestmark = pytest.mark.django_db


@pytest.fixture
def ran(monitoring_site):
    call_command("monitor_run", "both", stdout=StringIO())


def this_month():
    today = timezone.localdate()
    return today.year, today.month


def test_period_bounds():
    start, end, title = period_bounds("quarter", 2024, 4)
    assert (start.month, end.year, end.month, title) == (10, 2025, 1, "2024年第四季度")
    start, end, title = period_bounds("month", 2024, 2)
    assert (start.day, end.month, title) == (1, 3, "2024年2月")


def test_report_follows_the_indicator_structure(ran):
    report = build_report("month", *this_month())
    site_items = [row.name for row in report.site.vetoes]
    assert site_items == [
        "安全、泄密事故",
        "站点无法访问",
        "首页不更新",
        "栏目不更新",
        "互动回应差",
        "服务不实用",
    ]
    assert report.site.vetoes[1].result == "未纳入本系统监测"
    by_name = {str(account): section for account, section in report.accounts}
    stale = by_name["伊旗政务服务局（抖音）"]
    assert [row.result for row in stale.vetoes] == ["通过", "不通过", "通过"]
    assert stale.result == "不合格（单项否决）"
    clean = by_name["伊旗政务服务（视频号）"]
    assert clean.result == "合格" and clean.score == 100


def test_false_positives_leave_the_report(ran):
    Finding.objects.filter(check_code="SENSITIVE_WORD").update(status="false_positive")
    Finding.objects.filter(check_code="PII_RESIDENT_ID").update(status="false_positive")
    report = build_report("month", *this_month())
    toutiao = {str(a): s for a, s in report.accounts}["伊金霍洛旗政务服务（今日头条）"]
    assert toutiao.vetoes[0].passed


def test_a_month_before_any_finding_is_clean(ran):
    earlier = timezone.localdate() - timedelta(days=62)
    report = build_report("month", earlier.year, earlier.month)
    assert report.site.findings == []
    assert report.site.result == "合格"


def test_report_views_print_and_xlsx(admin_client, ran):
    year, month = this_month()
    query = {"period": "month", "year": year, "number": month}
    page = admin_client.get(reverse("monitoring_admin:reports"), query)
    assert "单项否决指标" in page.content.decode()
    printable = admin_client.get(reverse("monitoring_admin:reports"), {**query, "format": "print"})
    assert "<h1>" in printable.content.decode() and "@media print" in printable.content.decode()
    xlsx = admin_client.get(reverse("monitoring_admin:reports"), {**query, "format": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["网站", "政务新媒体", "问题清单"]
    rows = list(workbook["问题清单"].iter_rows(values_only=True))
    assert len(rows) - 1 == Finding.objects.exclude(status="false_positive").count()


def test_report_form_errors(admin_client, monitoring_site):
    response = admin_client.get(
        reverse("monitoring_admin:reports"), {"period": "quarter", "year": 2024, "number": 5}
    )
    assert "季度只能是 1–4" in response.content.decode()


def test_dashboard_shows_distance_to_thresholds_and_trends(admin_client, ran):
    response = admin_client.get(reverse("monitoring_admin:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "距单项否决线" in page and "<svg" in page
    gauges = {gauge.name: gauge for gauge in response.context["site_gauges"]}
    assert gauges["首页不更新"].state == "ok"
    rows = {row["account"].target.label: row for row in response.context["account_rows"]}
    stale = rows["伊旗政务服务局（抖音）"]["gauges"][0]
    assert stale.state == "veto" and stale.value == 40
    counts = dict((key, count) for key, _label, count in response.context["severity_counts"])
    assert counts["veto"] == Finding.objects.filter(severity="veto", is_present=True).count()


def test_dashboard_says_when_a_veto_on_the_gauges_has_no_finding_yet(admin_client, monitoring_site):
    # No run yet: the stale 抖音 account is at its veto line while no finding records it.
    page = admin_client.get(reverse("monitoring_admin:dashboard")).content.decode()
    assert "当前已达到单项否决线，但尚无对应的问题记录" in page
    assert "伊旗政务服务局（抖音）：距上次更新" in page
    # After a run the findings record it, and the counts agree with the gauges.
    call_command("monitor_run", "both", stdout=StringIO())
    response = admin_client.get(reverse("monitoring_admin:dashboard"))
    assert response.context["unrecorded_vetoes"] == []
    assert "尚无对应的问题记录" not in response.content.decode()
    counts = dict((key, count) for key, _label, count in response.context["severity_counts"])
    assert counts["veto"] > 0


def test_near_the_veto_line_is_a_configurable_margin_and_never_zero_of_one(settings):
    from monitoring.dashboard import Gauge

    assert Gauge("空白栏目", 4, 5, "个").state == "warning"  # 1 below the line
    assert Gauge("首页不更新", 10, 14, "天").state == "warning"  # within 30 %
    assert Gauge("首页不更新", 9, 14, "天").state == "ok"
    assert Gauge("互动功能", 0, 1, "项").state == "ok"  # a yes/no line has no "near"
    assert Gauge("互动功能", 1, 1, "项").state == "veto"
    settings.MONITORING_WARNING_MARGIN = 0.5
    assert Gauge("首页不更新", 7, 14, "天").state == "warning"
    settings.MONITORING_WARNING_MARGIN = 0
    assert Gauge("首页不更新", 10, 14, "天").state == "ok"
    assert Gauge("首页不更新", 13, 14, "天").state == "warning"  # one below is always near


def test_dashboard_can_start_a_run(admin_client, monitoring_site):
    response = admin_client.post(reverse("monitoring_admin:run_start"), {"scope": "accounts"})
    assert response.status_code == 302
    run_page = admin_client.get(response.url)
    assert run_page.context["run"].status == "done"
    assert "各检查项发现的问题" in run_page.content.decode()


def test_svg_chart_is_escaped_and_labelled():
    chart = LineChart("trend", "趋势<b>", ["06-01", "06-02"], [Series("单项否决", [1, 3])])
    svg = chart.svg
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "趋势&lt;b&gt;" in svg and "<b>" not in svg
    assert svg.count("<circle") == 2


def test_dashboard_charts_each_point_at_their_own_title(admin_client, ran):
    page = admin_client.get(reverse("monitoring_admin:dashboard")).content.decode()
    svgs = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg".*?</svg>', page, flags=re.S)
    assert len(svgs) == 2
    chart_ids = [name for svg in svgs for name in re.findall(r' id="([^"]+)"', svg)]
    page_ids = re.findall(r' id="([^"]+)"', page)
    assert len(chart_ids) == 4 and all(page_ids.count(name) == 1 for name in chart_ids)
    for svg, title in zip(svgs, ["网站监测发现趋势", "政务新媒体监测发现趋势"], strict=True):
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
        described_by = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
        assert re.search(rf'<title id="{labelled_by}">{title}（按严重程度）</title>', svg)
        assert re.search(rf'<desc id="{described_by}">共\d+次监测', svg)
