"""The statutory working-day (工作日) calendar.

A day is a working day when it is a make-up working day (调休上班), or else when it is a
Monday-Friday that is not a public holiday. The calendar only answers for the years it was
given: any question about another year raises CalendarYearMissing, never a guess, because
holiday arrangements are announced by the State Council year by year.

The class does no I/O. The Django side builds it from its calendar table;
``calendar_from_chinese_calendar`` builds it from the ``chinese-calendar`` package (the seed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


class CalendarYearMissing(LookupError):
    """A date needed for a computation falls in a year the calendar does not cover."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"缺少{year}年的工作日历（法定节假日和调休上班日），无法计算期限，"
            f"请先录入{year}年的日历数据"
        )


@dataclass(frozen=True, init=False)
class WorkingDayCalendar:
    """Explicit calendar data.

    years:            the years whose holiday arrangements are completely known
    holidays:         dates off even on a weekday (weekend dates inside a holiday are allowed
                      and change nothing)
    makeup_workdays:  dates worked even on a weekend (调休上班)
    """

    years: frozenset[int]
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]

    def __init__(
        self,
        years: Iterable[int],
        holidays: Iterable[date] = (),
        makeup_workdays: Iterable[date] = (),
    ):
        object.__setattr__(self, "years", frozenset(years))
        object.__setattr__(self, "holidays", frozenset(holidays))
        object.__setattr__(self, "makeup_workdays", frozenset(makeup_workdays))
        both = self.holidays & self.makeup_workdays
        if both:
            listed = "、".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"以下日期既是节假日又是调休上班日：{listed}")

    def __repr__(self) -> str:
        return (
            f"WorkingDayCalendar(years={sorted(self.years)}, "
            f"{len(self.holidays)} holidays, {len(self.makeup_workdays)} make-up workdays)"
        )

    def covers(self, year: int) -> bool:
        return year in self.years

    def is_working_day(self, day: date) -> bool:
        if day.year not in self.years:
            raise CalendarYearMissing(day.year)
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, n: int) -> date:
        """Return the end of a period of ``n`` working days starting on ``start``.

        ``start`` itself (the day of receipt) is not counted: the period ends on the n-th
        working day after ``start``. ``n == 0`` returns ``start``.
        """
        if n < 0:
            raise ValueError("工作日数不能为负数")
        day, counted = start, 0
        while counted < n:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Count working days d with start < d <= end (negative when end is before start).

        This is the inverse of add_working_days:
        ``working_days_between(s, add_working_days(s, n)) == n``.
        """
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def calendar_from_chinese_calendar(years: Iterable[int]) -> WorkingDayCalendar:
    """Build a calendar for ``years`` from the ``chinese-calendar`` package.

    Years the package has no data for are left out of coverage (the package signals them
    with NotImplementedError), so computations touching them raise CalendarYearMissing.
    """
    import chinese_calendar

    covered, holidays, makeup = set(), set(), set()
    for year in sorted(set(years)):
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            continue
        covered.add(year)
        day = date(year, 1, 1)
        while day.year == year:
            working = chinese_calendar.is_workday(day)
            if day.weekday() < 5 and not working:
                holidays.add(day)
            elif day.weekday() >= 5 and working:
                makeup.add(day)
            day += ONE_DAY
    return WorkingDayCalendar(covered, holidays, makeup)
