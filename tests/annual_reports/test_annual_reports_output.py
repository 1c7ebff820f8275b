"""The public page (national layout, accessibility, charts), the XLSX and JSON exports, the
management command, the admin reminder and the demo reports."""

import json
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.models import Page

from core.rules.annual_report import TABLE3_COLUMNS, TABLE3_ROWS, TOTAL_COLUMN
from disclosure.annual_reports.models import AnnualReportPage
from disclosure.annual_reports.overview import unit_report
from disclosure.annual_reports.reminders import report_due, should_remind
from disclosure.annual_reports.wagtail_hooks import AnnualReportReminderPanel
from disclosure.models import DisclosureColumnPage, Organisation
from disclosure.units import unit_pages
from portal.models import HomePage

pytestmark = pytest.mark.django_db

FEES_TEXT = "<p>本年度收取信息处理费{{fees.collected}}元。</p>"  # rule 6 asks for the fees


@pytest.fixture
def report(case_log, make_report):
    """A published 2025 report over a 2024 one: 3 cases, 1 carried over, fee collected."""
    carried = case_log.receive(date(2024, 12, 20))
    make_report(2024, publish=True)
    case_log.close(carried, "granted", date(2025, 1, 8))
    organisation = case_log.receive(date(2025, 3, 3), column=1)
    case_log.close(organisation, "not_processed_2", date(2025, 3, 20))
    case_log.paid_and_granted(date(2025, 4, 1), date(2025, 4, 8))
    case_log.receive(date(2025, 12, 30), column=5)
    return make_report(
        2025,
        publish=True,
        overview="<p>本年新收政府信息公开申请{{table3.new.总计}}件。</p>",
        licensing_count=321,
        fees_amount=Decimal("1.2500"),
        review_upheld=1,
        review_total=1,
    )


class TableParser(HTMLParser):
    """Collects the cells of each <table> with their attributes."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "cells": []})
        elif tag in ("th", "td") and self.tables:
            self.cell = {"tag": tag, **dict(attrs), "text": ""}
            self.tables[-1]["cells"].append(self.cell)
        elif tag == "caption":
            self.cell = self.tables[-1]
            self.cell["text"] = ""

    def handle_endtag(self, tag):
        if tag in ("th", "td", "caption"):
            if tag == "caption":
                self.tables[-1]["caption"] = self.cell["text"].strip()
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def page_tables(client, report):
    response = client.get(report.url)
    assert response.status_code == 200
    parser = TableParser()
    parser.feed(response.content.decode())
    return {t["caption"]: t["cells"] for t in parser.tables}, response.content.decode()


def test_public_page_renders_the_national_layout(client, report):
    tables, html = page_tables(client, report)
    table3 = tables["表三 收到和处理政府信息公开申请情况"]
    heading = next(c for c in table3 if c["text"] == "三、本年度办理结果")
    assert heading["scope"] == "rowgroup" and heading["rowspan"] == "22"
    withheld = next(c for c in table3 if c["text"] == "（三）不予公开")
    assert withheld["rowspan"] == "8" and withheld["scope"] == "rowgroup"
    organisations = next(c for c in table3 if c["text"] == "法人或其他组织")
    assert organisations["colspan"] == "5" and organisations["scope"] == "colgroup"
    row_labels = [c["text"] for c in table3 if c.get("scope") == "row"]
    assert row_labels[0] == "一、本年新收政府信息公开申请数量"
    assert row_labels[-1] == "四、结转下年度继续办理"
    assert len(row_labels) == 25  # every numbered row has its own header cell
    numbers = [int(c["text"]) for c in table3 if c["tag"] == "td" and c["text"].strip().isdigit()]
    assert len(numbers) == 25 * 7
    expected = report.table3()
    assert numbers[:7] == expected["new"] and numbers[7:14] == expected["carried_over"]
    assert numbers[-7:] == expected["carry_forward"]
    # Every header cell has a scope; every data cell is a number.
    assert all(c.get("scope") for c in table3 if c["tag"] == "th")

    table2 = tables["表二 主动公开政府信息情况"]
    licensing = [c for c in table2 if c["tag"] == "td"][6]
    assert licensing["text"] == "321" and licensing["colspan"] == "3"
    assert any(c["text"] == "1.25" for c in table2)
    table4 = tables["表四 政府信息公开行政复议、行政诉讼情况"]
    assert [c["text"] for c in table4 if c["tag"] == "td"][:5] == ["1", "0", "0", "0", "1"]
    assert any(c["text"] == "行政诉讼" and c["colspan"] == "10" for c in table4)

    # Six fixed section titles, placeholders replaced, printable, no external assets.
    for title in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert f">{title}</h2>" in html
    assert "本年新收政府信息公开申请3件" in html and "{{" not in html
    assert "收取信息处理费200元" in html
    assert (
        "@media print" in open("disclosure/annual_reports/static/annual_reports/report.css").read()
    )
    # No external assets: nothing is loaded from another origin (the canonical and Open Graph
    # addresses name this page itself), and no script runs (JSON-LD metadata is data).
    assert not re.search(r'(?:src|href)="https?://(?!localhost/)', html)
    assert re.findall(r"<script[^>]*>", html) == ['<script type="application/ld+json">']


def test_public_page_draws_year_over_year_svg_charts(client, report):
    _tables, html = page_tables(client, report)
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert 'role="img"' in html and "历年政府信息公开申请情况（件）" in html
    assert "<title>2024年 结转下年度：1</title>" in html
    assert "<title>2025年 本年新收：3</title>" in html
    assert "<title>2025年 予以公开：2</title>" in html


def test_xlsx_export_follows_the_national_layout(client, report):
    response = client.get(report.xlsx_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["正文", "表二", "表三", "表四"]
    sheet = workbook["表三"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A5:C5" in merged  # 一、 spans the three label columns
    assert "A7:A28" in merged  # 三、本年度办理结果 spans the 22 outcome rows
    assert "E3:I3" in merged  # 法人或其他组织 over five columns
    labels = []
    for row in range(5, 30):
        labels.append(next(sheet.cell(row, c).value for c in (3, 2, 1) if sheet.cell(row, c).value))
    assert labels[0] == TABLE3_ROWS[0].label and labels[-1] == TABLE3_ROWS[-1].label
    table3 = report.table3()
    for offset, spec in enumerate(TABLE3_ROWS):
        values = [sheet.cell(5 + offset, 4 + c).value for c in range(len(TABLE3_COLUMNS))]
        assert values == table3[spec.code], spec.code
    assert workbook["表二"]["A15"].value == "行政事业性收费"
    assert workbook["表二"]["B15"].value == 1.25
    assert [workbook["表四"].cell(5, c).value for c in range(1, 6)] == [1, 0, 0, 0, 1]
    text = {row[0].value: row[1].value for row in workbook["正文"].iter_rows(min_row=2)}
    assert "新收政府信息公开申请3件" in text["一、总体情况"]


def test_json_export_and_api_field(client, report):
    data = client.get(report.json_url).json()
    assert data["year"] == 2025
    assert data["errors"] == []
    assert data["table3"]["rows"][0] == {
        "label": "一、本年新收政府信息公开申请数量",
        "values": report.table3()["new"],
    }
    assert data["table2"]["sections"][3]["rows"][0]["values"] == [1.25]


@pytest.mark.urls("annual_reports_api_urls")
def test_api_field_carries_the_tables(client, report):
    response = client.get(f"/api/v2/pages/{report.pk}/", {"fields": "year,tables"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["year"] == 2025
    assert body["tables"]["table3"] == client.get(report.json_url).json()["table3"]


def test_management_command_json_is_exactly_the_documented_shape(report):
    out = StringIO()
    call_command("annual_report", "2025", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == ["year", "table2", "table3", "table4", "errors"]
    assert data["year"] == 2025
    assert data["table3"]["columns"] == list(TABLE3_COLUMNS)
    assert [row["label"] for row in data["table3"]["rows"]] == [r.label for r in TABLE3_ROWS]
    assert all(list(row) == ["label", "values"] for row in data["table3"]["rows"])
    assert all(len(row["values"]) == 7 for row in data["table3"]["rows"])
    assert data["table3"]["rows"][0]["values"][TOTAL_COLUMN] == 3
    assert data["errors"] == []


def test_management_command_prints_tables_for_a_year_without_report(case_log):
    case_log.receive(date(2023, 5, 5))
    out = StringIO()
    call_command("annual_report", "2023", stdout=out)
    text = out.getvalue()
    assert "尚未创建报告" in text
    assert "一、本年新收政府信息公开申请数量" in text and "四、结转下年度继续办理" in text
    line = next(line for line in text.splitlines() if line.startswith("一、本年新收"))
    assert line.split()[-1] == "1"
    # Without a report there is no section 六: that is reported, nothing is saved.
    assert "须说明本年收取信息处理费" in text
    assert AnnualReportPage.objects.count() == 0


def test_reminder_due_dates():
    assert report_due(date(2026, 1, 10)).year == 2025
    assert report_due(date(2026, 1, 10)).days_left == 21
    assert report_due(date(2026, 2, 3)).overdue
    assert report_due(date(2026, 12, 20)).year == 2026  # inside the next 45-day window
    assert report_due(date(2026, 11, 1)).year == 2025
    assert should_remind(report_due(date(2026, 1, 10)), published=False)
    assert should_remind(report_due(date(2026, 1, 10)), published=True)
    assert not should_remind(report_due(date(2026, 6, 1)), published=True)
    assert should_remind(report_due(date(2026, 6, 1)), published=False)  # overdue
    assert not should_remind(report_due(date(2025, 11, 1)), published=True)


def test_reminder_panel_lists_the_report_due(rf, officer, make_report):
    request = rf.get("/admin/")
    request.user = officer
    html = AnnualReportReminderPanel(today=date(2026, 1, 20)).render_html({"request": request})
    assert "2025年度报告应于" in html and "2026年1月31日" in html
    assert "还剩 <strong>11</strong> 天" in html and "尚未创建" in html
    make_report(2025)
    html = AnnualReportReminderPanel(today=date(2026, 2, 2)).render_html({"request": request})
    assert "已逾期 2 天" in html and "草稿" in html
    # Overdue and unpublished: still shown months later; once published: gone.
    assert AnnualReportReminderPanel(today=date(2026, 6, 1)).render_html({"request": request})
    report = AnnualReportPage.objects.get(year=2025)
    report.save_revision().publish()
    assert AnnualReportReminderPanel(today=date(2026, 6, 1)).render_html({"request": request}) == ""


def test_admin_home_page_shows_the_reminder(client, officer):
    client.force_login(officer)
    html = client.get("/admin/").content.decode()
    due = report_due(date.today())
    if should_remind(due, published=False):
        assert "政府信息公开工作年度报告提醒" in html
    else:
        assert "政府信息公开工作年度报告提醒" not in html


def test_demo_reports_for_2024_and_2025(demo_site):
    """The bureau's own reports (its section is the default site): as before units existed."""
    bureau = Organisation.objects.get(name="伊金霍洛旗政务服务局")
    reports = {year: unit_report(bureau, year) for year in (2024, 2025)}
    assert set(
        AnnualReportPage.objects.filter(pk__in=unit_pages(bureau)).values_list("year", flat=True)
    ) == {2024, 2025}
    for report in reports.values():
        assert report.get_parent().title == "政府信息公开年报"
        assert report.publication_problems() == []
        assert report.live
    assert reports[2025].table3()["carried_over"] == reports[2024].table3()["carry_forward"]
    total = AnnualReportPage.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert AnnualReportPage.objects.count() == total


@pytest.mark.django_db
def test_search_indexes_the_figures_not_the_placeholders(client):
    from django.core.management import call_command

    from search.records import page_record

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    report = unit_report(Organisation.objects.get(name="伊金霍洛旗政务服务局"), 2025)
    assert "{{" in report.overview  # the editor writes placeholders
    record = page_record(report)
    text = record.body if isinstance(record.body, str) else " ".join(record.body)
    assert "{{" not in text
    assert "一、总体情况" in text


def test_year_over_year_charts_keep_to_the_reports_unit(column, make_report):
    """The banner's own report (outside every unit's section) charts the banner's earlier
    reports only; a unit's report charts that unit's (集约化). Years long before the demo's
    (the demo site may be loaded in this database, its home page a unit's section)."""
    town_home = Page.objects.get(depth=1).add_child(instance=HomePage(title="某镇", slug="town"))
    section = DisclosureColumnPage(title="某镇信息公开", slug="town-section")
    town_home.add_child(instance=section)
    section.save_revision().publish()
    Organisation.objects.create(name="某镇人民政府", section_root=town_home)
    make_report(2012, publish=True)
    banner_2013 = make_report(2013, publish=True)
    town_2011 = AnnualReportPage(
        title="某镇2011年报告", slug="town-2011", year=2011, live=False, other_text=FEES_TEXT
    )
    town_2011.refresh_computed_tables()
    section.add_child(instance=town_2011)
    town_2011.save_revision().publish()
    town_2013 = AnnualReportPage(title="某镇2013年报告", slug="town-2013", year=2013, live=False)
    town_2013.refresh_computed_tables()
    section.add_child(instance=town_2013)

    assert banner_2013.year_over_year_charts()[0].labels == ["2012年", "2013年"]
    assert town_2013.year_over_year_charts()[0].labels == ["2011年", "2013年"]
