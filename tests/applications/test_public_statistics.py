"""依申请公开统计 (disclosure/applications/public_statistics.py): the public page per year, its
downloads, small-cell suppression, and the figures against the published annual reports."""

import csv
import io

import pytest
from django.utils import timezone

from core.rules.annual_report import TABLE3_ROW_CODES, TOTAL_COLUMN
from disclosure.annual_reports.models import AnnualReportPage
from disclosure.annual_reports.overview import banner_summary, unit_report
from disclosure.applications.public_statistics import (
    percentile,
    suppressed,
    year_statistics,
)
from disclosure.applications.statistics import fees_collected


def test_suppression_and_percentile_rules(settings):
    assert [suppressed(v) for v in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]
    settings.APPLICATIONS_STATISTICS_SUPPRESS_BELOW = 3
    assert [suppressed(v) for v in (1, 2, 3)] == ["<3", "<3", 3]
    settings.APPLICATIONS_STATISTICS_SUPPRESS_BELOW = 0
    assert suppressed(1) == 1
    assert percentile([], 0.5) is None
    assert percentile([7, 1, 3, 20, 5], 0.5) == 5
    assert percentile(list(range(1, 11)), 0.9) == 9


@pytest.mark.parametrize("year", [2024, 2025])
def test_closed_years_reconcile_with_the_published_annual_reports(demo_site, year):
    reports = AnnualReportPage.objects.live().filter(year=year)
    assert reports.exists(), "the demo publishes the report of this year"
    summary = banner_summary(year)
    assert any(row.source == "年度报告" for row in summary.rows)
    stats = year_statistics(year, timezone.localdate())
    for code in TABLE3_ROW_CODES:
        assert stats.table3[code] == summary.total[code], code
    assert stats.received == summary.total["new"][TOTAL_COLUMN] > 0
    assert stats.closed == summary.total["total"][TOTAL_COLUMN] > 0
    # Fees: the published report's where a unit has one, else that unit's case log.
    expected_fees = sum(
        (
            unit_report(row.unit, year).fees_collected
            if row.source == "年度报告"
            else fees_collected(year, row.unit)
        )
        for row in summary.rows
    )
    assert stats.fees == expected_fees
    assert stats.on_time + stats.late + stats.not_timed <= stats.closed
    assert stats.median_days is not None and stats.median_days <= stats.p90_days


def test_year_page_suppresses_small_cells_and_offers_downloads(client, demo_site):
    stats = year_statistics(2025, timezone.localdate())
    small = [
        (code, cells)
        for code, cells in stats.table3.items()
        if any(0 < v < 5 for v in cells[:TOTAL_COLUMN])
    ]
    assert small, "the demo has small cells"
    response = client.get("/applications/statistics/2025/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt;5" in page and "<svg" in page and "收到和处理政府信息公开申请情况" in page
    data = client.get("/applications/statistics/2025.json").json()
    rows = {row["code"]: row["cells"] for row in data["table3"]}
    for code, cells in small:
        published = rows[code]
        assert published[TOTAL_COLUMN] == cells[TOTAL_COLUMN]
        for value, shown in zip(cells[:TOTAL_COLUMN], published[:TOTAL_COLUMN], strict=True):
            assert shown == ("<5" if 0 < value < 5 else value)
    assert data["summary"]["received"] == stats.received
    text = client.get("/applications/statistics/2025.csv").content.decode("utf-8")
    assert text.startswith("\ufeff")
    csv_rows = {r[0]: r for r in csv.reader(io.StringIO(text.removeprefix("\ufeff")))}
    assert csv_rows["received"][2] == str(stats.received)
    assert "<5" in text
    for value in ("身份证", "申请人姓名", "@example.com"):
        assert value not in page and value not in text


def test_current_year_to_date_and_bad_years(client, demo_site):
    today = timezone.localdate()
    response = client.get("/applications/statistics/")
    assert response.status_code == 200
    assert f"{today.year}年依申请公开统计（截至" in response.content.decode()
    for path in (
        "/applications/statistics/1999/",
        f"/applications/statistics/{today.year + 1}/",
        f"/applications/statistics/{10**20}/",
        "/applications/statistics/abc/",
        f"/applications/statistics/{today.year + 1}.json",
        "/applications/statistics/0.csv",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
    assert (
        "没有1999年的依申请公开统计"
        in client.get("/applications/statistics/1999/").content.decode()
    )
