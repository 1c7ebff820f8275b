"""The reply clock of one application, in plain Python on top of core.rules.deadlines.

The statutory arithmetic (working days, the day of receipt not counted, 补正 restarting the
period, paused consultation time, the extension) lives in core.rules.deadlines; this
module only gathers an application's facts and answers the questions the officers ask:
when is the reply due, how many working days are left, is the clock standing still.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from core.rules.deadlines import (
    PausedInterval,
    correction_notice_due,
    remaining_working_days,
    reply_due_date,
)
from core.rules.working_days import WorkingDayCalendar


@dataclass(frozen=True)
class ClockFacts:
    received_on: date | None  # Art.31 receipt date; None while awaiting confirmation
    corrected_on: date | None = None  # receipt of the corrected application (Art.30)
    paused: tuple[PausedInterval, ...] = field(default_factory=tuple)  # finished pauses
    paused_since: date | None = None  # a pause still running (consultation, fee notice)
    extension_days: int = 0


@dataclass(frozen=True)
class ClockReading:
    due: date  # last day to reply; while paused: the due date if the clock had resumed today
    remaining: int  # working days left (negative when overdue); frozen while paused
    paused: bool


def read_clock(calendar: WorkingDayCalendar, facts: ClockFacts, today: date) -> ClockReading:
    """Due date and remaining working days as of ``today``.

    While a pause runs, the remaining days are those that were left when it began: the clock
    stands still. Raises CalendarYearMissing when a needed year has no calendar data.
    """
    if facts.received_on is None:
        raise ValueError("申请尚未确认收到日期，期限尚未起算")
    closed_pauses = tuple(facts.paused)

    def due_with(pauses):
        return reply_due_date(
            calendar,
            facts.received_on,
            corrected_on=facts.corrected_on,
            paused=pauses,
            extension_days=facts.extension_days,
        )

    if facts.paused_since is None:
        due = due_with(closed_pauses)
        return ClockReading(due, remaining_working_days(calendar, today, due), paused=False)
    due_at_pause = due_with(closed_pauses)
    remaining = remaining_working_days(calendar, facts.paused_since, due_at_pause)
    running = PausedInterval(
        facts.paused_since + timedelta(days=1), max(today, facts.paused_since + timedelta(days=1))
    )
    return ClockReading(due_with(closed_pauses + (running,)), remaining, paused=True)


def correction_deadline(calendar: WorkingDayCalendar, received_on: date) -> date:
    """Last day to send the one-off 补正 notice (Art.30)."""
    return correction_notice_due(calendar, received_on)
