"""The reply clock of one application, in plain Python on top of core.rules.deadlines.

The statutory arithmetic (working days, the day of receipt not counted, 补正 restarting the
period, paused consultation time, the extension) lives in core.rules.deadlines; this
module only gathers an application's facts and answers the questions the officers ask:
when is the reply due, how many working days are left, is the clock standing still.

Three states have no running clock:

- 待补正 (Art.30): the 20 working days start again when the corrected application arrives,
  so there is no due date at all while the office waits for it (and no reminder, and the
  case counts neither as on time nor as late);
- 征求意见中 (Art.32-34): the clock stands still until the answer arrives, but never longer
  than the consultee's 15 working days: after those the clock runs again by itself;
- 待缴费 (109号 第七条): the clock stands still from the day after the notice was sent until
  the fee is paid.
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

NO_DUE_WHILE_CORRECTION = "待申请人补正（答复期限自收到补正之日起重新计算）"


@dataclass(frozen=True)
class ClockFacts:
    received_on: date | None  # Art.31 receipt date; None while awaiting confirmation
    corrected_on: date | None = None  # receipt of the corrected application (Art.30)
    paused: tuple[PausedInterval, ...] = field(default_factory=tuple)  # finished pauses
    paused_since: date | None = None  # a pause still running (consultation, fee notice)
    paused_until: date | None = None  # its last possible day (the consultee's due date)
    extension_days: int = 0
    awaiting_correction: bool = False  # 待补正: no clock until the correction arrives


@dataclass(frozen=True)
class ClockReading:
    # Last day to reply; while paused: the due date if the clock resumed today; None while
    # the office waits for a correction (see ``why_no_due``).
    due: date | None
    remaining: int | None  # working days left (negative when overdue); frozen while paused
    paused: bool
    awaiting_correction: bool = False
    pause_lapsed: bool = False  # a consultation's 15 wd ran out: the clock runs again

    @property
    def overdue(self) -> bool:
        return self.remaining is not None and self.remaining < 0

    @property
    def why_no_due(self) -> str:
        return NO_DUE_WHILE_CORRECTION if self.awaiting_correction else ""


def read_clock(calendar: WorkingDayCalendar, facts: ClockFacts, today: date) -> ClockReading:
    """Due date and remaining working days as of ``today``.

    While a pause runs, the remaining days are those that were left when it began: the clock
    stands still. Raises CalendarYearMissing when a needed year has no calendar data.
    """
    if facts.received_on is None:
        raise ValueError("申请尚未确认收到日期，期限尚未起算")
    if facts.awaiting_correction:
        return ClockReading(None, None, paused=False, awaiting_correction=True)
    closed_pauses = tuple(facts.paused)
    running_since, lapsed = facts.paused_since, False
    if running_since is not None and facts.paused_until is not None:
        if today > facts.paused_until:
            # The consultee's 15 wd are over: that pause ended on its last day.
            if facts.paused_until > running_since:
                closed_pauses += (
                    PausedInterval(running_since + timedelta(days=1), facts.paused_until),
                )
            running_since, lapsed = None, True

    def due_with(pauses):
        return reply_due_date(
            calendar,
            facts.received_on,
            corrected_on=facts.corrected_on,
            paused=pauses,
            extension_days=facts.extension_days,
        )

    if running_since is None:
        due = due_with(closed_pauses)
        remaining = remaining_working_days(calendar, today, due)
        return ClockReading(due, remaining, paused=False, pause_lapsed=lapsed)
    due_at_pause = due_with(closed_pauses)
    remaining = remaining_working_days(calendar, running_since, due_at_pause)
    running = PausedInterval(
        running_since + timedelta(days=1), max(today, running_since + timedelta(days=1))
    )
    return ClockReading(due_with(closed_pauses + (running,)), remaining, paused=True)


def correction_deadline(calendar: WorkingDayCalendar, received_on: date) -> date:
    """Last day to send the one-off 补正 notice (Art.30)."""
    return correction_notice_due(calendar, received_on)
