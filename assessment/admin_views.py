"""The assessor's screens: the ranking of a period (with every unit's trend over the periods),
a unit's scorecard with its evidence, the ranking as XLSX and the printable 通报."""

from io import BytesIO

from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from core.permissions import permission_required
from disclosure.units import assessed_units
from portal.downloads import attachment_response

from .models import AssessmentPeriod
from .scorecards import assessed_indicators, ranking, scorecard

VIEW_PERMISSION = "assessment.view_assessment"


def _period(request):
    """The period asked for (?period=<id>), else the latest that has begun, else the latest."""
    periods = AssessmentPeriod.objects.all()
    chosen = request.GET.get("period", "")
    if chosen.isdigit():
        period = periods.filter(pk=int(chosen)).first()
        if period is not None:
            return period
    return periods.filter(start__lte=timezone.localdate()).first() or periods.first()


def _trends(periods):
    """{unit id: [(period, total)]} over every period, oldest first."""
    trends = {}
    for period in reversed(list(periods)):
        for row in ranking(period):
            trends.setdefault(row.card.unit.pk, []).append((period, row.card.total, row.rank))
    return trends


def _empty(request):
    context = {"page_title": "考核评价", "header_icon": "tasks"}
    return render(request, "assessment/admin/no_period.html", context)


@permission_required(VIEW_PERMISSION)
def ranking_view(request):
    period = _period(request)
    if period is None:
        return _empty(request)
    periods = AssessmentPeriod.objects.all()
    rows = ranking(period)
    trends = _trends(periods)
    context = {
        "page_title": f"{period.name}政府信息公开工作考核评价排名",
        "header_icon": "tasks",
        "period": period,
        "periods": periods,
        "indicators": assessed_indicators(),
        "rows": [(row, trends.get(row.card.unit.pk, [])) for row in rows],
    }
    return render(request, "assessment/admin/ranking.html", context)


@permission_required(VIEW_PERMISSION)
def scorecard_view(request, unit_pk):
    period = _period(request)
    if period is None:
        return _empty(request)
    unit = get_object_or_404(assessed_units(), pk=unit_pk)
    card = scorecard(unit, period)
    context = {
        "page_title": f"{unit.name}{period.name}考核评分表",
        "header_icon": "tasks",
        "period": period,
        "periods": AssessmentPeriod.objects.all(),
        "card": card,
    }
    return render(request, "assessment/admin/scorecard.html", context)


@permission_required(VIEW_PERMISSION)
def ranking_xlsx(request):
    period = _period(request)
    if period is None:
        return _empty(request)
    rows = ranking(period)
    indicators = list(assessed_indicators())
    workbook = Workbook()
    bold = Font(bold=True)
    sheet = workbook.active
    sheet.title = "排名"
    headings = [f"{i.name}（{i.weight:g}分）" for i in indicators]
    sheet.append(["名次", "单位", *headings, "总分", "单项否决"])
    for row in rows:
        points = [row.card.result(i.code).points for i in indicators]
        veto = "是" if row.card.vetoed else ""
        sheet.append([row.rank, row.card.unit.name, *points, row.card.total, veto])
    details = workbook.create_sheet("扣分依据")
    details.append(["单位", "指标", "对象", "情况", "后台地址"])
    for row in rows:
        for result in row.card.results:
            for item in result.against:
                link = request.build_absolute_uri(item.admin_url) if item.admin_url else ""
                unit = row.card.unit.name
                details.append([unit, result.indicator.name, item.label, item.detail, link])
    for worksheet in workbook.worksheets:
        for cell in worksheet[1]:
            cell.font = bold
        worksheet.column_dimensions["B"].width = 36
    buffer = BytesIO()
    workbook.save(buffer)
    return attachment_response(buffer.getvalue(), f"{period.name}政府信息公开工作考核评价.xlsx")


@permission_required(VIEW_PERMISSION)
def notice_view(request):
    """The printable 通报: the ranking and each unit's main problems."""
    period = _period(request)
    if period is None:
        return _empty(request)
    context = {
        "period": period,
        "rows": ranking(period),
        "indicators": assessed_indicators(),
        "today": timezone.localdate(),
    }
    return render(request, "assessment/admin/notice.html", context)


urlpatterns = [
    path("", ranking_view, name="ranking"),
    path("ranking.xlsx", ranking_xlsx, name="ranking_xlsx"),
    path("notice/", notice_view, name="notice"),
    path("units/<int:unit_pk>/", scorecard_view, name="scorecard"),
]
