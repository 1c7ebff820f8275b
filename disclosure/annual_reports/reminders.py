"""Which annual report is due next, how many days are left, and whether to remind staff.

A department publishes last year's report by 31 January (条例 Art.49; the date is a setting,
see conf.py); a county-level government by 31 March (`government=True`). From
``reminder_days`` before that date the admin home page shows the report due, the days left
and its state; after the date it keeps showing it, as overdue, until the report is published.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from . import conf


@dataclass(frozen=True)
class DueReport:
    year: int  # the year the report covers
    due: datetime.date
    days_left: int  # negative once overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def due_date(year: int, government: bool = False) -> datetime.date:
    """The day the report covering `year` must be published by."""
    month, day = conf.government_due_month_day() if government else conf.due_month_day()
    return datetime.date(year + 1, month, day)


def report_due(today: datetime.date, government: bool = False) -> DueReport:
    """The report whose due date is the next one, or the last one while not yet in the
    next reminder window."""
    next_year_report = today.year  # covers this year, due early next year
    if (due_date(next_year_report, government) - today).days <= conf.reminder_days():
        year = next_year_report
    else:
        year = today.year - 1
    due = due_date(year, government)
    return DueReport(year, due, (due - today).days)


def should_remind(due: DueReport, published: bool) -> bool:
    if published:
        return 0 <= due.days_left <= conf.reminder_days()
    return due.days_left <= conf.reminder_days()
