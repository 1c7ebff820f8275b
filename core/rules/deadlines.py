"""Statutory deadlines of 依申请公开 (政府信息公开条例 Art.30-34), in working days.

Counting convention (as in WorkingDayCalendar.add_working_days): the day an event happens
(receipt of the application, receipt of the corrected application, ...) is not counted; a
period of N working days ends at the end of the N-th working day after it. An application
received on a weekend or holiday therefore has the same due date as one received on the
previous working day: only working days after receipt count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .working_days import WorkingDayCalendar

CORRECTION_NOTICE_DAYS = 7  # Art.30: one single 补正 notice within 7 wd of receipt
CORRECTION_NOTICE_WARN_DAY = 5  # officers are warned from the 5th working day after receipt
REPLY_DAYS = 20  # Art.33 ¶1: reply within 20 wd of receipt
MAX_EXTENSION_DAYS = 20  # Art.33 ¶1: extension approved by the office head, at most 20 wd
THIRD_PARTY_DAYS = 15  # Art.32 (third party) and Art.34 (other agencies): 15 wd to answer
# 国办函〔2020〕109号《政府信息公开信息处理费管理办法》第七条: the applicant pays within 20 wd
# of receiving the 收费通知; the time from sending the notice to the payment is not counted in
# the reply period.
FEE_PAYMENT_DAYS = 20


@dataclass(frozen=True)
class PausedInterval:
    """Dates on which the reply clock stands still (Art.33 ¶2: time spent consulting third
    parties or other agencies is not counted).

    ``first_day`` and ``last_day`` are both included. Every working day d with
    first_day <= d <= last_day is skipped when counting the reply period; nothing else
    changes. Intervals may overlap (a day is skipped once) and may lie partly before the
    clock starts (those days were not counted anyway).

    For a consultation use ``PausedInterval.for_consultation(sent_on, answered_on)``, which
    mirrors the receipt rule: the day the request is sent still counts (the agency worked on
    the application that day), and the clock stands still from the next day up to and
    including the day the answer arrives — or the day the consultee's 15 wd run out when no
    answer comes. The clock resumes the day after.
    """

    first_day: date
    last_day: date

    def __post_init__(self):
        if self.last_day < self.first_day:
            raise ValueError(
                f"暂停期间的结束日期{self.last_day.isoformat()}"
                f"早于开始日期{self.first_day.isoformat()}"
            )

    @classmethod
    def for_consultation(
        cls, sent_on: date, answered_on: date, consultee_due: date | None = None
    ) -> PausedInterval:
        """The pause of a consultation sent on ``sent_on`` and answered on ``answered_on``.

        The pause is never open-ended: when the consultee's 15 wd (``consultee_due``) run out
        first, the clock resumes the day after ``consultee_due`` whenever the answer comes.
        """
        last_day = answered_on if consultee_due is None else min(answered_on, consultee_due)
        if last_day <= sent_on:
            raise ValueError("征求意见的答复日期应晚于发出日期")
        return cls(sent_on + timedelta(days=1), last_day)

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


def correction_notice_due(calendar: WorkingDayCalendar, received_on: date) -> date:
    """Last day to send the one-off 补正 notice (Art.30): 7 wd after receipt."""
    return calendar.add_working_days(received_on, CORRECTION_NOTICE_DAYS)


@dataclass(frozen=True)
class CorrectionNoticeWindow:
    """Where a case stands with its one-off 补正 notice (Art.30) on a given day."""

    due: date  # last day to send the notice: 7 wd after receipt
    elapsed: int  # working days since receipt, not counting the day of receipt
    today: date

    @property
    def closed(self) -> bool:
        """The 7 wd are over: a notice sent now is late (补正告知超期)."""
        return self.today > self.due

    @property
    def warn(self) -> bool:
        """From the 5th working day after receipt up to the last day: send it now or never."""
        return self.elapsed >= CORRECTION_NOTICE_WARN_DAY and not self.closed


def correction_notice_window(
    calendar: WorkingDayCalendar, received_on: date, today: date
) -> CorrectionNoticeWindow:
    elapsed = calendar.working_days_between(received_on, today) if today > received_on else 0
    return CorrectionNoticeWindow(correction_notice_due(calendar, received_on), elapsed, today)


def correction_notice_late(calendar: WorkingDayCalendar, received_on: date, sent_on: date) -> bool:
    """Whether a 补正 notice sent on ``sent_on`` came after the 7 wd of Art.30."""
    return sent_on > correction_notice_due(calendar, received_on)


def fee_payment_due(
    calendar: WorkingDayCalendar, notice_received_on: date, days: int = FEE_PAYMENT_DAYS
) -> date:
    """Last day to pay a 信息处理费: ``days`` wd counted from the day after the applicant
    received the notice (109号 第七条; for a notice delivered online, the day it was sent)."""
    return calendar.add_working_days(notice_received_on, days)


def third_party_reply_due(calendar: WorkingDayCalendar, consultee_received_on: date) -> date:
    """Last day for a third party or another agency to answer (Art.32, Art.34): 15 wd after
    it received the consultation request."""
    return calendar.add_working_days(consultee_received_on, THIRD_PARTY_DAYS)


def reply_due_date(
    calendar: WorkingDayCalendar,
    received_on: date,
    *,
    corrected_on: date | None = None,
    paused: Iterable[PausedInterval] = (),
    extension_days: int = 0,
) -> date:
    """Last day to reply to an application (Art.33).

    The clock starts after ``received_on`` (Art.31), or, when the applicant was asked to
    correct the application, after ``corrected_on``, the day the corrected application was
    received: the period restarts in full (Art.30). It runs for 20 working days plus
    ``extension_days`` (0-20, Art.33 ¶1), skipping working days inside any ``paused``
    interval (Art.33 ¶2, see PausedInterval). The result is always a working day.
    """
    if isinstance(extension_days, bool) or not isinstance(extension_days, int):
        raise TypeError("延期天数应为整数个工作日")
    if not 0 <= extension_days <= MAX_EXTENSION_DAYS:
        raise ValueError(
            f"延长答复期限最长不得超过{MAX_EXTENSION_DAYS}个工作日，当前为{extension_days}个"
        )
    start = received_on
    if corrected_on is not None:
        if corrected_on < received_on:
            raise ValueError("收到补正申请的日期不能早于收到原申请的日期")
        start = corrected_on
    paused = tuple(paused)
    needed, counted, day = REPLY_DAYS + extension_days, 0, start
    while counted < needed:
        day += timedelta(days=1)
        if calendar.is_working_day(day) and not any(day in p for p in paused):
            counted += 1
    return day


def remaining_working_days(calendar: WorkingDayCalendar, today: date, due: date) -> int:
    """Working days left until ``due``, not counting ``today``.

    0 on the due date itself (reply still in time), 1 on the working day before, negative
    once ``today`` is after ``due``: minus the working days elapsed since ``due``, but at
    least -1, so a weekend right after the due date already reads as overdue.
    """
    if today > due:
        return -max(1, calendar.working_days_between(due, today))
    return calendar.working_days_between(today, due)
