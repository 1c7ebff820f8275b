"""Per-year figures of 依申请公开 for the annual report (国办公开办函〔2021〕30号).

``table3_for_year(year)`` returns Table 3 as core.rules.annual_report expects it:
``dict[row_code, list[7 ints]]`` in TABLE3_COLUMNS order (自然人, 商业企业, 科研机构,
社会公益组织, 法律服务机构, 其他, 总计). How each row is counted:

- 一 new: applications received (Art.31 receipt date) in the year;
- 二 carried_over: received before the year and not closed before it;
- （一）…（六）3: applications closed in the year, by their one reply type (resolution);
- （七）total: the sum of those rows;
- 四 carry_forward: received by the end of the year and not closed by then.

So 一 + 二 = （七） + 四 holds by construction (rule 1), and this year's 二 equals last year's
四 (rule 5). Online submissions never confirmed (未受理) have no receipt date and count nowhere.
``fees_collected(year)`` is the 信息处理费 paid in the year (report section 六).

Each takes an optional `unit` (集约化): only the applications addressed to that unit are
counted; without it, every application is (the banner-wide figures, or an installation
without units).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from core.rules.annual_report import (
    RESULT_ROW_CODES,
    TABLE3_COLUMNS,
    TOTAL_COLUMN,
    empty_table3,
    with_totals,
)
from core.rules.working_days import CalendarYearMissing
from disclosure.calendar import working_calendar

from . import clock, workflow
from .models import Application


def _count_into(table, row, applications):
    for application in applications:
        table[row][application.table3_column()] += 1


def _applications(unit=None):
    applications = Application.objects.all()
    return applications if unit is None else applications.filter(unit=unit)


def table3_for_year(year: int, unit=None) -> dict[str, list[int]]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    received = (
        _applications(unit)
        .filter(received_on__isnull=False)
        .only("applicant_type", "organisation_kind", "resolution", "received_on", "closed_on")
    )
    table = empty_table3()
    _count_into(table, "new", received.filter(received_on__range=(start, end)))
    _count_into(
        table,
        "carried_over",
        received.filter(received_on__lt=start).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=start)
        ),
    )
    closed = received.filter(closed_on__range=(start, end)).exclude(resolution="")
    for application in closed:
        if application.resolution in RESULT_ROW_CODES:
            table[application.resolution][application.table3_column()] += 1
    _count_into(
        table,
        "carry_forward",
        received.filter(received_on__lte=end).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=end)
        ),
    )
    return with_totals(table)


def fees_collected(year: int, unit=None) -> Decimal:
    """信息处理费 actually paid in the year, in yuan."""
    total = _applications(unit).filter(fee_paid_on__year=year).aggregate(s=Sum("fee_amount"))["s"]
    return total or Decimal("0")


def fee_notices(year: int, unit=None) -> dict[str, int]:
    """How many fee notices went out in the year, and how many were paid or lapsed."""
    notices = _applications(unit).filter(fee_notice_on__year=year)
    return {
        "notices": notices.count(),
        "paid": notices.filter(fee_paid_on__isnull=False).count(),
        "lapsed": notices.filter(resolution="other_2").count(),
    }


@dataclass
class Timeliness:
    """办理时效 of the cases closed in a year, and of the cases open now (issue 13).

    - on_time / late: replied (or otherwise closed by the office) on or before / after the
      reply's due date; a case with a decision recorded after its due date (the office
      head's written reason) counts as late whatever the reply date;
    - not_timed: closed while no clock ran: 待补正 (Art.30, the period had not restarted),
      征求意见中 or 待缴费 (paused): neither on time nor late;
    - correction_notice_late: 补正 notices sent after the 7 working days of Art.30;
    - awaiting_correction: open cases waiting for a correction now (no due date).
    """

    on_time: int = 0
    late: int = 0
    late_decisions: int = 0
    not_timed: int = 0
    not_computed: int = 0  # the calendar lacks a year
    correction_notice_late: int = 0
    awaiting_correction: int = 0


NOT_TIMED_FROM = {
    workflow.Status.AWAITING_CORRECTION,
    workflow.Status.CONSULTING,
    workflow.Status.AWAITING_PAYMENT,
}


def timeliness(year: int, calendar=None, unit=None) -> Timeliness:
    calendar = calendar or working_calendar()
    result = Timeliness()
    closed = (
        _applications(unit)
        .filter(closed_on__year=year, received_on__isnull=False)
        .prefetch_related("consultations", "transitions")
        .order_by("pk")
    )
    for application in closed:
        transitions = list(application.transitions.all())
        closing = [t for t in transitions if t.to_status == workflow.Status.CLOSED]
        if closing and closing[-1].from_status in NOT_TIMED_FROM:
            result.not_timed += 1
            continue
        late_decision = any(t.late_reason for t in transitions)
        try:
            due = clock.read_clock(calendar, application.clock_facts(), application.closed_on).due
        except CalendarYearMissing:
            result.not_computed += 1
            continue
        if late_decision or application.closed_on > due:
            result.late += 1
            result.late_decisions += int(late_decision)
        else:
            result.on_time += 1
    result.correction_notice_late = (
        _applications(unit)
        .filter(correction_requested_on__year=year, correction_notice_late=True)
        .count()
    )
    result.awaiting_correction = (
        _applications(unit).filter(status=workflow.Status.AWAITING_CORRECTION).count()
    )
    return result


__all__ = [
    "TABLE3_COLUMNS",
    "TOTAL_COLUMN",
    "fee_notices",
    "fees_collected",
    "table3_for_year",
    "timeliness",
]
