"""Timeliness of disclosure, in working days (工作日).

- 条例 Art.26: information is published within 20 working days of being formed (成文日期).
- 政策解读 follows its document within N working days (a local rule, 3 by default;
  国办发〔2016〕80号 asks for 同步 publication).

Both take a WorkingDayCalendar and raise CalendarYearMissing when a date falls outside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .working_days import WorkingDayCalendar


@dataclass(frozen=True)
class Delay:
    due: date  # the last day allowed
    late_by: int  # working days after `due` (0 when on time)

    @property
    def is_late(self) -> bool:
        return self.late_by > 0


def publication_delay(
    calendar: WorkingDayCalendar, written: date, published: date, due_working_days: int = 20
) -> Delay:
    """How late a publication was, counted from its 成文日期."""
    due = calendar.add_working_days(written, due_working_days)
    late_by = calendar.working_days_between(due, published) if published > due else 0
    return Delay(due=due, late_by=late_by)


def interpretation_delay(
    calendar: WorkingDayCalendar, published: date, today: date, due_working_days: int = 3
) -> Delay:
    """How overdue a still-missing interpretation is today, counted from the document's 发布日期."""
    due = calendar.add_working_days(published, due_working_days)
    late_by = calendar.working_days_between(due, today) if today > due else 0
    return Delay(due=due, late_by=late_by)
