"""年报发布情况 (the supervising bureau's screen, 集约化): every unit's report of a year, whether
it was published by its due date and passes the rules, and the banner-wide Table 3 summary,
on screen and as XLSX."""

from io import BytesIO

from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from core.permissions import permission_required
from core.rules.annual_report import TABLE3_COLUMNS, TABLE3_ROWS
from portal.downloads import attachment_response

from .overview import banner_summary, publication_rows
from .reminders import report_due

OVERVIEW_PERMISSION = "annual_reports.view_report_overview"


def _year(request):
    default = report_due(timezone.localdate()).year
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        year = default
    return min(max(year, 2008), timezone.localdate().year)


@permission_required(OVERVIEW_PERMISSION)
def overview(request):
    year = _year(request)
    summary = banner_summary(year)
    context = {
        "page_title": f"{year}年度各单位政府信息公开工作年度报告发布情况",
        "header_icon": "table",
        "year": year,
        "years": range(timezone.localdate().year, 2018, -1),
        "rows": publication_rows(year),
        "summary": summary,
        "summary_rows": [(row, summary.total[row.code]) for row in TABLE3_ROWS],
        "columns": TABLE3_COLUMNS,
    }
    return render(request, "annual_reports/admin/overview.html", context)


@permission_required(OVERVIEW_PERMISSION)
def overview_xlsx(request):
    year = _year(request)
    workbook = Workbook()
    bold = Font(bold=True)
    sheet = workbook.active
    sheet.title = "发布情况"
    sheet.append(["单位", "应发布日期", "状态", "首次发布日期", "结论", "规则核对"])
    for row in publication_rows(year):
        checked = f"{len(row.problems)}项未通过" if row.report else ""
        sheet.append(
            [
                row.unit.name,
                row.due.isoformat(),
                row.state,
                row.published_on.isoformat() if row.published_on else "",
                row.verdict,
                "通过" if row.passes_rules else checked,
            ]
        )
    summary = banner_summary(year)
    table = workbook.create_sheet("全旗汇总表三")
    table.append([f"{year}年度全旗收到和处理政府信息公开申请情况（各单位表三合计）"])
    table.append(["项目", *TABLE3_COLUMNS])
    for row in TABLE3_ROWS:
        table.append([row.label, *summary.total[row.code]])
    units = workbook.create_sheet("各单位表三总计")
    units.append(["单位", "数据来源", *[row.label for row in TABLE3_ROWS]])
    for unit_row in summary.rows:
        units.append(
            [unit_row.unit.name, unit_row.source]
            + [unit_row.table3[row.code][-1] for row in TABLE3_ROWS]
        )
    for worksheet in workbook.worksheets:
        for cell in worksheet[1] + worksheet[2 if worksheet is table else 1]:
            cell.font = bold
        worksheet.column_dimensions["A"].width = 36
    buffer = BytesIO()
    workbook.save(buffer)
    return attachment_response(buffer.getvalue(), f"{year}年度各单位年度报告发布情况.xlsx")


urlpatterns = [
    path("", overview, name="overview"),
    path("overview.xlsx", overview_xlsx, name="overview_xlsx"),
]
