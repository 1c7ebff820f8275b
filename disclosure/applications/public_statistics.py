"""依申请公开统计: the public figures of one year (or the current year to date).

Every count comes from disclosure/applications/statistics.py, the module the annual report's
Table 3 is computed from (disclosure/annual_reports/sources.py), so for a closed year the page
shows the report's figures and the statute's arithmetic (core/rules/annual_report.py) lives in
one place. Added here: the working days from receipt to closing of each case closed in the
year, as a median and a 90th percentile, and small-cell suppression.

No personal data: only counts and sums, never a case. A count from 1 to
APPLICATIONS_STATISTICS_SUPPRESS_BELOW − 1 is published as "<N" (a cell of one 科研机构 could
point at one applicant); 0 stays 0. Only the applicant-type cells of Table 3 are suppressed:
the totals and the headline counts describe the office's work, and the annual report
publishes them in full (条例 Art.50). No secondary suppression: where a row has a single
suppressed cell, its total minus the others gives it back (a known limit, README).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.charts import BarChart, Series
from core.rules.annual_report import TABLE3_COLUMNS, TABLE3_ROWS, TOTAL_COLUMN
from core.rules.working_days import CalendarYearMissing
from disclosure.annual_reports.tables import applications_by_year, outcome_groups
from disclosure.calendar import working_calendar

from . import conf, statistics
from .models import Application

FIRST_YEAR = 2008  # the first year of 政府信息公开 (the 2007 条例 took effect on 2008-05-01)


def suppressed(value: int, below: int | None = None) -> int | str:
    """`value`, or "<below" when it is a small count other than 0."""
    below = conf.statistics_suppress_below() if below is None else below
    return f"<{below}" if 0 < value < below else value


def percentile(values: list[int], share: float) -> int | None:
    """The nearest-rank percentile (share in 0..1) of `values`; None without values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def reply_working_days(year: int, calendar=None) -> list[int]:
    """Working days from receipt to closing of each case closed in `year` (cases whose year
    the working-day calendar lacks are left out)."""
    calendar = calendar or working_calendar()
    closed = Application.objects.filter(
        closed_on__year=year, received_on__isnull=False
    ).values_list("received_on", "closed_on")
    days = []
    for received_on, closed_on in closed:
        try:
            days.append(calendar.working_days_between(received_on, closed_on))
        except CalendarYearMissing:
            continue
    return days


@dataclass
class YearStatistics:
    year: int
    to_date: date | None  # the current year: figures up to this day
    table3: dict[str, list[int]]  # unsuppressed, as the annual report computes it
    on_time: int
    late: int
    not_timed: int
    median_days: int | None
    p90_days: int | None
    fees: Decimal
    fee_notices: int

    @property
    def received(self) -> int:
        return self.table3["new"][TOTAL_COLUMN]

    @property
    def carried_over(self) -> int:
        return self.table3["carried_over"][TOTAL_COLUMN]

    @property
    def closed(self) -> int:
        return self.table3["total"][TOTAL_COLUMN]

    @property
    def carry_forward(self) -> int:
        return self.table3["carry_forward"][TOTAL_COLUMN]

    def published_table3(self) -> list[tuple[object, list[int | str]]]:
        """(row, cells) per Table-3 row: applicant-type cells suppressed, 总计 in full."""
        return [
            (
                row,
                [suppressed(v) for v in self.table3[row.code][:TOTAL_COLUMN]]
                + [self.table3[row.code][TOTAL_COLUMN]],
            )
            for row in TABLE3_ROWS
        ]

    def summary(self) -> list[tuple[str, str, int | str | None]]:
        """(key, label, value) of the headline figures."""
        return [
            ("received", "本年新收申请（件）", self.received),
            ("carried_over", "上年结转（件）", self.carried_over),
            ("closed", "本年办结（件）", self.closed),
            ("on_time", "按期答复（件）", self.on_time),
            ("late", "逾期答复（件）", self.late),
            ("not_timed", "未计时办结（件）", self.not_timed),
            ("median_days", "答复用时中位数（工作日）", self.median_days),
            ("p90_days", "90%的申请在此工作日数内答复", self.p90_days),
            ("carry_forward", "结转下年（件）", self.carry_forward),
            ("fees", "收取信息处理费（元）", f"{self.fees:.2f}"),
            ("fee_notices", "发出收费通知（份）", self.fee_notices),
        ]

    def as_json(self) -> dict:
        return {
            "year": self.year,
            "to_date": self.to_date.isoformat() if self.to_date else None,
            "suppress_below": conf.statistics_suppress_below(),
            "summary": {key: value for key, _label, value in self.summary()},
            "table3_columns": list(TABLE3_COLUMNS),
            "table3": [
                {"code": row.code, "label": row.label, "cells": cells}
                for row, cells in self.published_table3()
            ],
        }


def year_statistics(year: int, today: date) -> YearStatistics:
    """The figures of `year`; the current year's are those up to `today`."""
    table3 = statistics.table3_for_year(year)
    timeliness = statistics.timeliness(year)
    days = reply_working_days(year)
    return YearStatistics(
        year=year,
        to_date=today if year == today.year else None,
        table3=table3,
        on_time=timeliness.on_time,
        late=timeliness.late,
        not_timed=timeliness.not_timed,
        median_days=percentile(days, 0.5),
        p90_days=percentile(days, 0.9),
        fees=statistics.fees_collected(year),
        fee_notices=statistics.fee_notices(year)["notices"],
    )


def published_years(today: date) -> list[int]:
    """The years with a received application, newest first, always with the current one."""
    years = {
        d.year
        for d in Application.objects.filter(received_on__isnull=False).dates("received_on", "year")
    }
    years.add(today.year)
    return sorted((y for y in years if FIRST_YEAR <= y <= today.year), reverse=True)


def charts(current: YearStatistics, earlier_tables3: list[tuple[int, dict]]) -> list[BarChart]:
    """This year's outcomes by group, and received/closed over the years (the annual
    report's chart data, disclosure/annual_reports/tables.py)."""
    groups = outcome_groups(current.table3)
    years = [*earlier_tables3, (current.year, current.table3)]
    return [
        BarChart(
            "chart-outcomes",
            f"{current.year}年申请办理结果（件）",
            [name for name, _ in groups],
            [Series("办结", [value for _, value in groups])],
        ),
        BarChart(
            "chart-years",
            "历年政府信息公开申请情况（件）",
            [f"{year}年" for year, _ in years],
            [Series(name, values) for name, values in applications_by_year([t for _, t in years])],
        ),
    ]
