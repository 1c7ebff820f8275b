"""Seed the working-day calendar from `chinese-calendar` for every year it covers from 2019.

Later years are entered by staff (后台 → 工作日历) or with `manage.py seed_calendar` once a
newer `chinese-calendar` release covers them.
"""

from datetime import date, timedelta

from django.db import migrations

FIRST_YEAR = 2019  # the revised 条例 took effect on 2019-05-15


def seed(apps, schema_editor):
    import chinese_calendar

    CHINESE_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}
    CalendarYear = apps.get_model("disclosure", "CalendarYear")
    SpecialDay = apps.get_model("disclosure", "SpecialDay")
    year = FIRST_YEAR
    while True:
        try:
            chinese_calendar.is_workday(date(year, 12, 31))
        except NotImplementedError:
            break
        day = date(year, 1, 1)
        while day.year == year:
            working = chinese_calendar.is_workday(day)
            _, holiday = chinese_calendar.get_holiday_detail(day)
            name = CHINESE_NAMES.get(holiday, "")
            if day.weekday() < 5 and not working:
                SpecialDay.objects.get_or_create(date=day, defaults={"kind": "holiday", "name": name})
            elif day.weekday() >= 5 and working:
                SpecialDay.objects.get_or_create(date=day, defaults={"kind": "workday", "name": name})
            day += timedelta(days=1)
        CalendarYear.objects.get_or_create(
            year=year, defaults={"complete": True, "source": "chinese-calendar"}
        )
        year += 1


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_working_day_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
