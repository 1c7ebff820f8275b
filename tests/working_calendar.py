"""Next year's working calendar as test data, for the test database and each browser test's.

A case received in December has its deadline in the next year, whose holiday notice (国务院
办公厅) the calendar package may not carry yet: the system then refuses to count
(disclosure/models/calendar.py, as it must), and every test that starts a case "today" would
fail from mid-December until the notice reaches the package. The tests enter that year as
staff would, weekends only. Test data: the demo itself never invents a calendar. Tests of the
missing-year error use years of their own (2030, 2099) or delete this one.
"""

from django.utils import timezone


def enter_next_year_weekends_only():
    from disclosure.models import CalendarYear

    CalendarYear.objects.get_or_create(
        year=timezone.localdate().year + 1,
        defaults={"complete": True, "notice": "测试数据：仅周末休息"},
    )
