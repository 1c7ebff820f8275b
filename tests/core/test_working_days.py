from datetime import date, timedelta

import chinese_calendar
import pytest

from core.rules.working_days import (
    CalendarYearMissing,
    WorkingDayCalendar,
    calendar_from_chinese_calendar,
)

# State Council holiday notice for 2025 (国办发明电〔2024〕12号):
#   春节 1月28日至2月4日放假调休，共8天；1月26日（周日）、2月8日（周六）上班。
#   国庆节、中秋节 10月1日至8日放假调休，共8天；9月28日（周日）、10月11日（周六）上班。
MAKEUP_2025 = [date(2025, 1, 26), date(2025, 2, 8), date(2025, 9, 28), date(2025, 10, 11)]
SPRING_FESTIVAL_2025 = [date(2025, 1, 28) + timedelta(days=i) for i in range(8)]
NATIONAL_DAY_2025 = [date(2025, 10, 1) + timedelta(days=i) for i in range(8)]


@pytest.fixture(scope="module")
def calendar():
    return calendar_from_chinese_calendar([2024, 2025, 2026])


def test_makeup_days_are_weekends_and_working_days_in_both_sources(calendar):
    assert [d.weekday() for d in MAKEUP_2025] == [6, 5, 6, 5]  # Sun, Sat, Sun, Sat
    for day in MAKEUP_2025:
        assert chinese_calendar.is_workday(day)
        assert calendar.is_working_day(day)
        assert day in calendar.makeup_workdays


def test_holiday_weeks_are_off_in_both_sources(calendar):
    for day in SPRING_FESTIVAL_2025 + NATIONAL_DAY_2025:
        assert not chinese_calendar.is_workday(day)
        assert not calendar.is_working_day(day)


def test_ordinary_days(calendar):
    assert calendar.is_working_day(date(2025, 3, 3))  # Monday
    assert not calendar.is_working_day(date(2025, 3, 1))  # Saturday


def test_whole_covered_years_agree_with_chinese_calendar(calendar):
    day = date(2024, 1, 1)
    while day.year <= 2026:
        assert calendar.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_spring_festival_2025_period(calendar):
    # Received Fri 2025-01-24 (not counted). Working days after it:
    # 1/26 Sun(调休)=1, 1/27=2, [1/28-2/4 off], 2/5=3, 2/6=4, 2/7=5, 2/8 Sat(调休)=6, 2/10 Mon=7
    assert calendar.add_working_days(date(2025, 1, 24), 1) == date(2025, 1, 26)
    assert calendar.add_working_days(date(2025, 1, 24), 3) == date(2025, 2, 5)
    assert calendar.add_working_days(date(2025, 1, 24), 6) == date(2025, 2, 8)
    assert calendar.add_working_days(date(2025, 1, 24), 7) == date(2025, 2, 10)


def test_national_day_2025_period(calendar):
    # Received Fri 2025-09-26. 9/28 Sun(调休)=1, 9/29=2, 9/30=3, [10/1-10/8 off], 10/9=4,
    # 10/10=5, 10/11 Sat(调休)=6, 10/13-17=7..11, 10/20-24=12..16, 10/27-30=17..20
    assert calendar.add_working_days(date(2025, 9, 26), 6) == date(2025, 10, 11)
    assert calendar.add_working_days(date(2025, 9, 26), 20) == date(2025, 10, 30)


def test_receipt_day_is_not_counted_and_zero_days_is_the_start(calendar):
    assert calendar.add_working_days(date(2025, 3, 3), 1) == date(2025, 3, 4)
    assert calendar.add_working_days(date(2025, 3, 3), 0) == date(2025, 3, 3)
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2025, 3, 3), -1)


def test_working_days_between(calendar):
    # 2025-09-26 .. 2025-10-11: 9/28, 9/29, 9/30, 10/9, 10/10, 10/11 -> 6
    assert calendar.working_days_between(date(2025, 9, 26), date(2025, 10, 11)) == 6
    assert calendar.working_days_between(date(2025, 10, 11), date(2025, 9, 26)) == -6
    assert calendar.working_days_between(date(2025, 3, 3), date(2025, 3, 3)) == 0
    start = date(2025, 1, 20)
    for n in range(40):
        assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


def test_explicit_data_rules():
    cal = WorkingDayCalendar(
        years={2030},
        holidays={date(2030, 1, 1)},  # a Tuesday
        makeup_workdays={date(2030, 1, 5)},  # a Saturday
    )
    assert not cal.is_working_day(date(2030, 1, 1))
    assert cal.is_working_day(date(2030, 1, 2))
    assert cal.is_working_day(date(2030, 1, 5))
    assert not cal.is_working_day(date(2030, 1, 6))


def test_a_date_cannot_be_both_holiday_and_makeup_day():
    with pytest.raises(ValueError):
        WorkingDayCalendar({2030}, {date(2030, 1, 5)}, {date(2030, 1, 5)})


def test_missing_year_is_an_error_naming_the_year():
    cal = WorkingDayCalendar({2025})
    with pytest.raises(CalendarYearMissing) as info:
        cal.add_working_days(date(2025, 12, 29), 5)  # needs January 2026
    assert info.value.year == 2026
    assert "2026年" in str(info.value)
    with pytest.raises(CalendarYearMissing):
        cal.is_working_day(date(2024, 12, 31))


def test_years_chinese_calendar_lacks_are_not_covered():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2099, 1, 1))
    cal = calendar_from_chinese_calendar([2025, 2099])
    assert cal.covers(2025) and not cal.covers(2099)
    with pytest.raises(CalendarYearMissing) as info:
        cal.is_working_day(date(2099, 6, 1))
    assert info.value.year == 2099
