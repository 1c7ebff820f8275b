from datetime import date

import pytest

from core.rules.deadlines import (
    CORRECTION_NOTICE_DAYS,
    MAX_EXTENSION_DAYS,
    REPLY_DAYS,
    THIRD_PARTY_DAYS,
    PausedInterval,
    correction_notice_due,
    remaining_working_days,
    reply_due_date,
    third_party_reply_due,
)
from core.rules.working_days import CalendarYearMissing, calendar_from_chinese_calendar

# 2025 arrangements used below (国办发明电〔2024〕12号): 清明 4/4-4/6 off (no make-up day);
# 劳动节 5/1-5/5 off, Sunday 4/27 worked; 春节 1/28-2/4 off, 1/26 and 2/8 worked;
# 国庆 10/1-10/8 off, 9/28 and 10/11 worked. March 2025 has no holiday.


@pytest.fixture(scope="module")
def calendar():
    return calendar_from_chinese_calendar([2025])


def test_statutory_constants():
    assert (CORRECTION_NOTICE_DAYS, REPLY_DAYS, MAX_EXTENSION_DAYS, THIRD_PARTY_DAYS) == (
        7,
        20,
        20,
        15,
    )


def test_correction_notice_across_spring_festival(calendar):
    # Received Fri 1/24: 1/26(Sun, worked)=1, 1/27=2, 2/5=3, 2/6=4, 2/7=5, 2/8(Sat)=6, 2/10=7
    assert correction_notice_due(calendar, date(2025, 1, 24)) == date(2025, 2, 10)


def test_plain_reply_period(calendar):
    # Received Mon 3/3: 3/4-3/7 = 4, 3/10-14 = 9, 3/17-21 = 14, 3/24-28 = 19, Mon 3/31 = 20
    assert reply_due_date(calendar, date(2025, 3, 3)) == date(2025, 3, 31)


def test_reply_period_across_national_day(calendar):
    # Received Fri 9/26: 9/28=1, 9/29=2, 9/30=3, 10/9=4, 10/10=5, 10/11=6, 10/13-17=7..11,
    # 10/20-24=12..16, 10/27-30=17..20
    assert reply_due_date(calendar, date(2025, 9, 26)) == date(2025, 10, 30)


def test_received_on_a_weekend_counts_like_the_friday_before(calendar):
    assert reply_due_date(calendar, date(2025, 3, 1)) == reply_due_date(calendar, date(2025, 2, 28))


def test_maximum_extension(calendar):
    # From 3/31 another 20: 4/1-4/3 = 3, (4/4 off), 4/7-11 = 8, 4/14-18 = 13, 4/21-25 = 18,
    # Sun 4/27 (worked) = 19, Mon 4/28 = 20
    due = reply_due_date(calendar, date(2025, 3, 3), extension_days=20)
    assert due == date(2025, 4, 28)


@pytest.mark.parametrize("days", [21, -1])
def test_extension_out_of_range(calendar, days):
    with pytest.raises(ValueError) as info:
        reply_due_date(calendar, date(2025, 3, 3), extension_days=days)
    assert "20" in str(info.value)


def test_extension_must_be_an_int(calendar):
    with pytest.raises(TypeError):
        reply_due_date(calendar, date(2025, 3, 3), extension_days=True)


def test_corrected_application_restarts_the_clock(calendar):
    # Corrected application received Mon 3/10: 20 wd after it are 3/11-14 (4), 3/17-21 (9),
    # 3/24-28 (14), 3/31-4/3 (18), 4/7 (19), 4/8 (20)
    due = reply_due_date(calendar, date(2025, 3, 3), corrected_on=date(2025, 3, 10))
    assert due == date(2025, 4, 8)
    with pytest.raises(ValueError):
        reply_due_date(calendar, date(2025, 3, 10), corrected_on=date(2025, 3, 3))


def test_consultation_pause(calendar):
    # Letter sent Mon 3/10 (still counted), answer received Fri 3/14: 3/11-3/14 are paused,
    # 4 working days, so the 3/31 due date moves 4 wd: 4/1, 4/2, 4/3, (4/4 off) 4/7
    pause = PausedInterval.for_consultation(date(2025, 3, 10), date(2025, 3, 14))
    assert pause == PausedInterval(date(2025, 3, 11), date(2025, 3, 14))
    assert reply_due_date(calendar, date(2025, 3, 3), paused=[pause]) == date(2025, 4, 7)


def test_overlapping_pauses_count_each_day_once(calendar):
    # Union 3/11-3/18 = 3/11, 3/12, 3/13, 3/14, 3/17, 3/18: 6 wd -> 4/1, 4/2, 4/3, 4/7, 4/8, 4/9
    pauses = [
        PausedInterval(date(2025, 3, 11), date(2025, 3, 14)),
        PausedInterval(date(2025, 3, 13), date(2025, 3, 18)),
    ]
    assert reply_due_date(calendar, date(2025, 3, 3), paused=pauses) == date(2025, 4, 9)


def test_pauses_on_non_working_days_or_before_receipt_change_nothing(calendar):
    pauses = [
        PausedInterval(date(2025, 3, 8), date(2025, 3, 9)),  # a weekend
        PausedInterval(date(2025, 2, 10), date(2025, 3, 3)),
    ]  # up to the receipt day
    assert reply_due_date(calendar, date(2025, 3, 3), paused=pauses) == date(2025, 3, 31)


def test_pause_with_extension_and_correction_together(calendar):
    # Clock starts after 3/10 (due 4/8 without pause); pause 3/17-3/21 (5 wd) -> 4/15;
    # + 3 wd extension -> 4/16, 4/17, 4/18
    due = reply_due_date(
        calendar,
        date(2025, 3, 3),
        corrected_on=date(2025, 3, 10),
        paused=[PausedInterval(date(2025, 3, 17), date(2025, 3, 21))],
        extension_days=3,
    )
    assert due == date(2025, 4, 18)


def test_invalid_pauses():
    with pytest.raises(ValueError):
        PausedInterval(date(2025, 3, 14), date(2025, 3, 10))
    with pytest.raises(ValueError):
        PausedInterval.for_consultation(date(2025, 3, 14), date(2025, 3, 14))


def test_third_party_period(calendar):
    # 15 wd after Fri 9/26: 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13-17 (11), 10/20-23 (15)
    assert third_party_reply_due(calendar, date(2025, 9, 26)) == date(2025, 10, 23)


def test_remaining_working_days(calendar):
    due = date(2025, 3, 31)  # a Monday
    assert remaining_working_days(calendar, date(2025, 3, 3), due) == 20
    assert remaining_working_days(calendar, date(2025, 3, 28), due) == 1  # Friday before
    assert remaining_working_days(calendar, date(2025, 3, 29), due) == 1  # Saturday before
    assert remaining_working_days(calendar, due, due) == 0
    assert remaining_working_days(calendar, date(2025, 4, 1), due) == -1
    assert remaining_working_days(calendar, date(2025, 4, 7), due) == -4  # 4/1, 4/2, 4/3, 4/7
    # due on a Friday, today the Saturday after: already overdue
    assert remaining_working_days(calendar, date(2025, 3, 29), date(2025, 3, 28)) == -1


def test_deadline_in_an_uncovered_year_is_an_error(calendar):
    with pytest.raises(CalendarYearMissing) as info:
        reply_due_date(calendar, date(2025, 12, 15))
    assert info.value.year == 2026
