"""The channel's figures: by month, on time, the median working days, satisfaction; the
public summary on the column page."""

from datetime import date, datetime

import pytest
from django.utils import timezone
from interaction_helpers import message_fields

from disclosure.calendar import working_calendar
from interaction import services, statistics
from interaction.workflow import Action

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def submit(bureau, topic, title, day, kind="consultation"):
    message, _ = services.submit(
        message_fields(bureau, topic, title=title, kind=kind), submitted_at=at(day)
    )
    return message


def answer(message, handler, day):
    services.perform(message, Action.ACCEPT, actor=handler, at=at(day, 11))
    services.perform(message, Action.REPLY, actor=handler, text="已答复。", at=at(day, 15))


def test_monthly_counts_on_time_rate_median_and_satisfaction(bureau, topic, handler):
    calendar = working_calendar()
    march = date(2026, 3, 2)  # a Monday
    quick = submit(bureau, topic, "三月咨询一", march)
    answer(quick, handler, calendar.add_working_days(march, 2))
    slow = submit(bureau, topic, "三月咨询二", march)
    answer(slow, handler, calendar.add_working_days(march, 7))  # past its 5 working days
    carried = submit(bureau, topic, "三月底的建议", date(2026, 3, 31), kind="suggestion")
    answer(carried, handler, date(2026, 4, 2))
    refused = submit(bureau, topic, "不予受理的留言", date(2026, 4, 1))
    services.perform(
        refused,
        Action.REJECT,
        actor=handler,
        note="不属于本机关职责。",
        at=at(date(2026, 4, 1), 16),
    )
    services.rate(quick, 3, client_hash="a", at=at(date(2026, 3, 20)))
    services.rate(slow, 1, client_hash="b", at=at(date(2026, 3, 21)))
    services.rate(carried, 2, client_hash="c", at=at(date(2026, 4, 3)))

    march_row, april_row = statistics.monthly(date(2026, 3, 15), 2)
    assert march_row.label == "2026年3月" and april_row.label == "2026年4月"
    assert (march_row.received, march_row.answered, march_row.on_time) == (3, 2, 1)
    assert march_row.on_time_rate == 0.5 and march_row.median_days == 4.5
    assert (march_row.ratings, march_row.satisfied, march_row.satisfaction) == (2, 1, 0.5)
    assert (april_row.received, april_row.answered, april_row.rejected) == (1, 1, 1)
    assert april_row.median_days == 2 and april_row.on_time_rate == 1
    overall = statistics.total([march_row, april_row])
    assert (overall.received, overall.answered, overall.on_time) == (4, 3, 2)
    assert overall.median_days == 2 and overall.satisfaction == pytest.approx(2 / 3)


def test_empty_months_have_no_rates_rather_than_zero(db):
    (row,) = statistics.monthly(date(2026, 1, 1), 1)
    assert row.received == 0 and row.on_time_rate is None and row.median_days is None
    assert row.satisfaction is None


def test_the_column_page_shows_the_public_summary(client, column, bureau, topic, handler):
    message = submit(bureau, topic, "本月的咨询", timezone.localdate())
    answer(message, handler, timezone.localdate())
    services.rate(message, 3, client_hash="a")
    html = client.get("/hudong/").content.decode()
    figures = html[html.index('id="summary-figures"') :]
    assert "<dt>收到留言</dt><dd>1 条</dd>" in figures
    assert "<dt>已答复</dt><dd>1 条</dd>" in figures
    assert "<dt>按时答复率</dt><dd>100%</dd>" in figures
    assert "<dt>满意度</dt><dd>100%（1 次评价）</dd>" in figures
