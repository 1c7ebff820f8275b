"""Build the working-day calendar from the database, and seed it from `chinese-calendar`."""

from datetime import date, timedelta

import chinese_calendar
from django.db import transaction

from core.rules.working_days import WorkingDayCalendar
from disclosure.models import CalendarYear, SpecialDay

# chinese-calendar names holidays in English ("Spring Festival"); staff read 春节.
CHINESE_NAMES = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}


def working_calendar():
    """The calendar of every complete year in the database (a few hundred rows at most)."""
    years = CalendarYear.objects.filter(complete=True).values_list("year", flat=True)
    days = SpecialDay.objects.filter(date__year__in=list(years))
    holidays = [d.date for d in days if d.kind == SpecialDay.Kind.HOLIDAY]
    workdays = [d.date for d in days if d.kind == SpecialDay.Kind.MAKEUP_WORKDAY]
    return WorkingDayCalendar(years=years, holidays=holidays, makeup_workdays=workdays)


def package_covers(year):
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
        chinese_calendar.is_workday(date(year, 12, 31))
    except NotImplementedError:
        return False
    return True


@transaction.atomic
def seed_year_from_package(year):
    """Copy one year's holidays and 调休 days from `chinese-calendar`; False if it lacks the year.

    Only weekday holidays and weekend working days are stored: weekends are implicit.
    Years staff already entered are left alone.
    """
    if not package_covers(year):
        return False
    existing = CalendarYear.objects.filter(year=year).first()
    if existing and existing.source == CalendarYear.Source.STAFF:
        return False
    day = date(year, 1, 1)
    while day.year == year:
        on_holiday, holiday = chinese_calendar.get_holiday_detail(day)
        working = chinese_calendar.is_workday(day)
        name = CHINESE_NAMES.get(holiday, "")
        if day.weekday() < 5 and not working:
            SpecialDay.objects.update_or_create(
                date=day, defaults={"kind": SpecialDay.Kind.HOLIDAY, "name": name}
            )
        elif day.weekday() >= 5 and working:
            SpecialDay.objects.update_or_create(
                date=day, defaults={"kind": SpecialDay.Kind.MAKEUP_WORKDAY, "name": name}
            )
        day += timedelta(days=1)
    CalendarYear.objects.update_or_create(
        year=year,
        defaults={"complete": True, "source": CalendarYear.Source.PACKAGE},
    )
    return True
