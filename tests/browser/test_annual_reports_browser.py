"""The published annual report in a real browser: accessible, printable, downloadable."""

import pytest
from openpyxl import load_workbook
from wagtail.models import Site

from disclosure.annual_reports.models import AnnualReportPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_demo_report_is_accessible_printable_and_downloadable(page, site_url, axe, tmp_path):
    # The bureau's own report (集约化: every unit of the demo has one for the year too).
    bureau_site = Site.objects.get(is_default_site=True)
    report = AnnualReportPage.objects.descendant_of(bureau_site.root_page).get(year=2025)
    page.goto(site_url + report.get_url_parts()[2])  # the path: the URL is absolute (several Sites)
    assert page.get_by_role("heading", level=1).inner_text() == report.title
    table3 = page.get_by_role("table", name="表三 收到和处理政府信息公开申请情况")
    assert table3.is_visible()
    new_total = str(report.table3()["new"][-1])
    row = table3.get_by_role("row", name="一、本年新收政府信息公开申请数量")
    assert row.get_by_role("cell").last.inner_text() == new_total
    assert page.get_by_role("img", name="历年政府信息公开申请情况（件）").is_visible()
    assert axe(page) == []

    # Printing drops the download links and keeps the tables.
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="报告下载").is_visible()
    assert table3.is_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载表格（XLSX）").click()
    path = tmp_path / "report.xlsx"
    download_info.value.save_as(path)
    assert load_workbook(path)["表三"]["J5"].value == int(new_total)
