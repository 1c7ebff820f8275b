"""The working-day calendar table: seeded by migration, editable, and explicit about gaps."""

from datetime import date

import chinese_calendar
import pytest

from core.rules.working_days import CalendarYearMissing
from disclosure.calendar import working_calendar
from disclosure.models import CalendarYear, SpecialDay


@pytest.mark.django_db
def test_migration_seeds_the_years_the_package_covers():
    calendar = working_calendar()
    assert calendar.covers(2019) and calendar.covers(2025)
    # Every day of 2025 agrees with the package, 调休 days included.
    day = date(2025, 1, 1)
    while day.year == 2025:
        assert calendar.is_working_day(day) == chinese_calendar.is_workday(day), day
        day = date.fromordinal(day.toordinal() + 1)
    assert SpecialDay.objects.get(date=date(2025, 1, 26)).kind == SpecialDay.Kind.MAKEUP_WORKDAY
    assert SpecialDay.objects.get(date=date(2025, 1, 29)).name == "春节"


@pytest.mark.django_db
def test_a_year_without_data_is_an_explicit_error():
    calendar = working_calendar()
    with pytest.raises(CalendarYearMissing) as error:
        calendar.add_working_days(date(2030, 12, 20), 20)
    assert "2031" in str(error.value) or "2030" in str(error.value)


@pytest.mark.django_db
def test_staff_entered_year_counts_only_once_marked_complete():
    CalendarYear.objects.create(year=2031, complete=False, source=CalendarYear.Source.STAFF)
    SpecialDay.objects.create(date=date(2031, 1, 1), kind=SpecialDay.Kind.HOLIDAY, name="元旦")
    assert not working_calendar().covers(2031)
    CalendarYear.objects.filter(year=2031).update(complete=True)
    calendar = working_calendar()
    assert calendar.covers(2031)
    assert not calendar.is_working_day(date(2031, 1, 1))  # a Wednesday, but 元旦
    assert calendar.is_working_day(date(2031, 1, 2))
