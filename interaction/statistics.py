"""The channel's figures: monthly counts, the on-time rate, the median time to answer and the
satisfaction of answers, for the admin statistics page and the public summary.

- 收到: messages submitted in the month;
- 答复: messages answered in the month (by their answer date);
- 按时答复率: of those answered in the month, the share answered on or before their due date;
- 答复用时中位数: the median number of working days from submission to answer (the day of
  submission not counted, as for the deadline), of the messages answered in the month;
- 满意度: of the ratings given in the month, the share 满意 or 基本满意.

Loaded by the column page while the models package loads, so it imports the model module.
"""

from __future__ import annotations

import statistics as pystatistics
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from core.rules.working_days import CalendarYearMissing
from disclosure.calendar import working_calendar

from . import conf, workflow
from .models.messages import Message, Rating


@dataclass
class Figures:
    label: str
    received: int = 0
    answered: int = 0
    on_time: int = 0
    rejected: int = 0
    ratings: int = 0
    satisfied: int = 0
    days: list | None = None  # working days to answer, one per answered message

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def median_days(self) -> float | None:
        return pystatistics.median(self.days) if self.days else None

    @property
    def satisfaction(self) -> float | None:
        return self.satisfied / self.ratings if self.ratings else None


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _local_day(moment):
    return timezone.localtime(moment).date()


def monthly(first: date, months: int) -> list[Figures]:
    """Figures for `months` calendar months starting with the month of `first`, oldest first."""
    first = month_start(first)
    end = add_months(first, months)
    rows = {}
    for offset in range(months):
        start = add_months(first, offset)
        rows[(start.year, start.month)] = Figures(f"{start.year}年{start.month}月", days=[])
    calendar = working_calendar()

    def row_for(day):
        return rows.get((day.year, day.month)) if first <= day < end else None

    for message in Message.objects.only(
        "submitted_at", "closed_at", "status", "due_on", "kind"
    ).iterator():
        submitted = _local_day(message.submitted_at)
        row = row_for(submitted)
        if row:
            row.received += 1
        if message.closed_at is None:
            continue
        closed = _local_day(message.closed_at)
        row = row_for(closed)
        if row is None:
            continue
        if message.status == workflow.Status.REJECTED:
            row.rejected += 1
            continue
        row.answered += 1
        if message.due_on and workflow.answered_in_time(closed, message.due_on):
            row.on_time += 1
        try:
            row.days.append(calendar.working_days_between(submitted, closed))
        except CalendarYearMissing:
            pass  # left out of the median rather than guessed
    for rating in Rating.objects.only("at", "score").iterator():
        row = row_for(_local_day(rating.at))
        if row:
            row.ratings += 1
            row.satisfied += rating.score >= Rating.Score.FAIRLY_SATISFIED
    return list(rows.values())


def total(rows: list[Figures], label: str = "合计") -> Figures:
    result = Figures(label, days=[])
    for row in rows:
        for name in ("received", "answered", "on_time", "rejected", "ratings", "satisfied"):
            setattr(result, name, getattr(result, name) + getattr(row, name))
        result.days += row.days
    return result


def recent(months: int | None = None, today: date | None = None) -> tuple[list[Figures], Figures]:
    """The last `months` months up to this one (INTERACTION_STATISTICS_MONTHS by default)."""
    months = months or conf.statistics_months()
    today = today or timezone.localdate()
    rows = monthly(add_months(month_start(today), 1 - months), months)
    return rows, total(rows, f"近{months}个月合计")


def open_count() -> int:
    return Message.objects.filter(status__in=[s.value for s in workflow.OPEN_STATUSES]).count()


def public_summary() -> dict:
    """What the 互动交流 column shows about itself."""
    rows, overall = recent()
    return {"months": rows, "overall": overall, "open": open_count()}
