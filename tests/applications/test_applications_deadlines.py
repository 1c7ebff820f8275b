"""Deadlines of real cases on the working-day calendar table (seeded from chinese-calendar):
Spring Festival and National Day with their 调休 days, 补正 restarting the clock, paused
consultations, extensions, and a missing calendar year shown to staff, never guessed.

2025 arrangements (国办发明电〔2024〕12号): 春节 1/28-2/4 off, Sun 1/26 and Sat 2/8 worked;
国庆 10/1-10/8 off, Sun 9/28 and Sat 10/11 worked.
"""

from datetime import date

import pytest

from core.rules.deadlines import PausedInterval
from core.rules.working_days import CalendarYearMissing
from disclosure.applications import services
from disclosure.applications.clock import ClockFacts, correction_deadline, read_clock
from disclosure.applications.workflow import Action
from disclosure.calendar import working_calendar
from disclosure.models import CalendarYear


@pytest.fixture
def calendar(db):
    return working_calendar()


def test_calendar_table_knows_the_2025_make_up_days(calendar):
    assert calendar.is_working_day(date(2025, 1, 26))  # Sunday, worked
    assert not calendar.is_working_day(date(2025, 1, 28))  # 除夕 eve holiday, a Tuesday
    assert calendar.is_working_day(date(2025, 10, 11))  # Saturday, worked
    assert not calendar.is_working_day(date(2025, 10, 8))  # Wednesday, holiday


def test_reply_due_across_spring_festival(make_application, calendar):
    # Received Fri 1/17: 1/20-24 = 5, Sun 1/26 = 6, Mon 1/27 = 7, (1/28-2/4 off),
    # 2/5-2/7 = 10, Sat 2/8 = 11, 2/10-14 = 16, 2/17-20 = 20.
    application = make_application(received_on=date(2025, 1, 17))
    reading = application.read_clock(calendar, today=date(2025, 1, 17))
    assert reading.due == date(2025, 2, 20)
    assert reading.remaining == 20 and not reading.paused
    # On the Saturday make-up day the clock still runs: 2/8 counts.
    assert application.read_clock(calendar, today=date(2025, 2, 8)).remaining == 9


def test_correction_notice_due_across_spring_festival(calendar):
    # Received Fri 1/24: Sun 1/26 = 1, 1/27 = 2, 2/5 = 3, 2/6 = 4, 2/7 = 5, Sat 2/8 = 6, 2/10 = 7
    assert correction_deadline(calendar, date(2025, 1, 24)) == date(2025, 2, 10)


def test_reply_due_across_national_day_with_extension(make_application, head, calendar):
    # Received Fri 9/26: Sun 9/28 = 1, 9/29 = 2, 9/30 = 3, (10/1-10/8 off), 10/9 = 4,
    # 10/10 = 5, Sat 10/11 = 6, 10/13-17 = 11, 10/20-24 = 16, 10/27-30 = 20.
    application = make_application(received_on=date(2025, 9, 26))
    assert application.read_clock(calendar, today=date(2025, 9, 26)).due == date(2025, 10, 30)
    services.perform(
        application,
        Action.EXTEND,
        actor=head,
        reason="复杂",
        effective_on=date(2025, 10, 20),
        days=20,
    )
    # +20: 10/31 = 1, 11/3-7 = 6, 11/10-14 = 11, 11/17-21 = 16, 11/24-27 = 20.
    application.refresh_from_db()
    assert application.read_clock(calendar, today=date(2025, 10, 20)).due == date(2025, 11, 27)


def test_correction_restarts_the_clock(make_application, officer, calendar):
    application = make_application(received_on=date(2025, 3, 3))
    assert application.read_clock(calendar, today=date(2025, 3, 3)).due == date(2025, 3, 31)
    services.perform(
        application,
        Action.REQUEST_CORRECTION,
        actor=officer,
        reason="不明确",
        effective_on=date(2025, 3, 5),
        correction_deadline=date(2025, 3, 26),
    )
    services.perform(
        application,
        Action.RECEIVE_CORRECTION,
        actor=officer,
        reason="收到",
        effective_on=date(2025, 3, 14),
    )
    application.refresh_from_db()
    # 20 wd after Fri 3/14, 清明 4/4 off: 3/17-21 = 5, 3/24-28 = 10, 3/31-4/3 = 14,
    # 4/7-11 = 19, 4/14 = 20.
    assert application.read_clock(calendar, today=date(2025, 3, 14)).due == date(2025, 4, 14)


def test_consultation_pauses_the_clock(make_application, officer, calendar):
    application = make_application(received_on=date(2025, 3, 3))
    services.perform(
        application,
        Action.START_CONSULTATION,
        actor=officer,
        reason="第三方",
        effective_on=date(2025, 3, 10),
        kind="third_party",
        consultee="某公司",
    )
    application.refresh_from_db()
    consultation = application.consultations.get()
    # The consultee has 15 wd: 3/11-14 = 4, 3/17-21 = 9, 3/24-28 = 14, 3/31 = 15.
    assert consultation.reply_due_on == date(2025, 3, 31)
    paused = application.read_clock(calendar, today=date(2025, 3, 20))
    assert paused.paused
    # 5 working days (3/4-3/7, 3/10) were used before the pause: 15 remain while it lasts.
    assert paused.remaining == 15
    services.perform(
        application,
        Action.END_CONSULTATION,
        actor=officer,
        reason="收到意见",
        effective_on=date(2025, 3, 21),
        opinion="同意",
    )
    application.refresh_from_db()
    reading = application.read_clock(calendar, today=date(2025, 3, 21))
    # 3/11-3/21 (9 working days) are not counted: due 3/31 + 9 wd = 4/14 (清明 4/4 off).
    assert reading.due == date(2025, 4, 14)
    assert reading.remaining == 15 and not reading.paused


def test_clock_facts_are_plain_python():
    from core.rules.working_days import calendar_from_chinese_calendar

    calendar = calendar_from_chinese_calendar([2025])
    facts = ClockFacts(
        received_on=date(2025, 3, 3),
        paused=(PausedInterval.for_consultation(date(2025, 3, 10), date(2025, 3, 21)),),
    )
    assert read_clock(calendar, facts, date(2025, 3, 24)).due == date(2025, 4, 14)


def test_missing_calendar_year_is_an_error_never_a_guess(
    make_application, calendar, client, officer
):
    CalendarYear.objects.filter(year=2025).update(complete=False)
    calendar = working_calendar()
    application = make_application(received_on=date(2025, 12, 8))
    with pytest.raises(CalendarYearMissing, match="缺少2025年的工作日历"):
        application.read_clock(calendar, today=date(2025, 12, 8))
    client.force_login(officer)
    page = client.get("/admin/applications/?status=all").content.decode()
    assert "无法计算：缺少2025年的工作日历" in page
    detail = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "期限无法计算" in detail and "不会估算期限" in detail


def test_deadline_into_an_uncovered_year_is_an_error(make_application, calendar):
    # A case received in mid-December of the last covered year runs into the next one.
    CalendarYear.objects.filter(year=2026).update(complete=False)
    calendar = working_calendar()
    application = make_application(received_on=date(2025, 12, 15))
    with pytest.raises(CalendarYearMissing, match="缺少2026年"):
        application.read_clock(calendar, today=date(2025, 12, 15))
