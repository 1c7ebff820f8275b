"""信息处理费 (国办函〔2020〕109号) on real cases: both scales, one scale per application, the
notice pausing the clock, payment or lapse, and the amounts kept for the annual report."""

from datetime import date
from decimal import Decimal

import pytest

from disclosure.applications import services, statistics
from disclosure.applications.workflow import Action, TransitionNotAllowed
from disclosure.calendar import working_calendar


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_page_tiers(make_application, pages, fee):
    application = make_application()
    amount, facts = services.fee_amount(application, "by_pages", pages=pages)
    assert amount == Decimal(fee) and facts == {"pages": pages}


def test_count_tiers_per_applicant_per_calendar_month(make_application, ids):
    same = ids.resident_id("15062719850312001")
    cases = [make_application(received_on=date(2025, 3, 3), id_number=same) for _ in range(12)]
    make_application(received_on=date(2025, 2, 28), id_number=same)  # last month: not counted
    make_application(received_on=date(2025, 3, 3), id_number=ids.resident_id("15062719900101002"))
    amounts = [services.fee_amount(case, "by_count")[0] for case in cases]
    assert amounts[:10] == [Decimal(0)] * 10
    assert amounts[10:] == [Decimal(100), Decimal(100)]  # the 11th and 12th this month
    assert services.filed_earlier_in_month(cases[11]) == 11


def test_fee_notice_payment_and_statistics(make_application, officer):
    application = make_application(received_on=date(2025, 3, 3))
    with pytest.raises(TransitionNotAllowed, match="无需收费"):
        services.perform(
            application,
            Action.SEND_FEE_NOTICE,
            actor=officer,
            reason="收费",
            effective_on=date(2025, 3, 10),
            scale="by_pages",
            pages=30,
        )
    with pytest.raises(TransitionNotAllowed, match="需要提供页数"):
        services.perform(
            application,
            Action.SEND_FEE_NOTICE,
            actor=officer,
            reason="收费",
            effective_on=date(2025, 3, 10),
            scale="by_pages",
        )
    services.perform(
        application,
        Action.SEND_FEE_NOTICE,
        actor=officer,
        reason="超过免费页数",
        effective_on=date(2025, 3, 10),
        scale="by_pages",
        pages=150,
    )
    application.refresh_from_db()
    assert application.status == "awaiting_payment"
    assert application.fee_amount == Decimal("1700")
    assert application.fee_due_on == working_calendar().add_working_days(date(2025, 3, 10), 20)
    reading = application.read_clock(working_calendar(), today=date(2025, 3, 20))
    assert reading.paused and reading.remaining == 15  # 3/4-3/7 and 3/10 were used
    services.perform(
        application,
        Action.RECORD_PAYMENT,
        actor=officer,
        reason="已缴",
        effective_on=date(2025, 3, 17),
    )
    application.refresh_from_db()
    reading = application.read_clock(working_calendar(), today=date(2025, 3, 17))
    assert not reading.paused and reading.remaining == 15
    assert statistics.fees_collected(2025) == Decimal("1700")
    assert statistics.fees_collected(2024) == Decimal("0")
    assert statistics.fee_notices(2025) == {"notices": 1, "paid": 1, "lapsed": 0}


def test_unpaid_fee_is_treated_as_withdrawn(make_application, officer):
    application = make_application(received_on=date(2025, 3, 3))
    services.perform(
        application,
        Action.SEND_FEE_NOTICE,
        actor=officer,
        reason="收费",
        effective_on=date(2025, 3, 10),
        scale="by_pages",
        pages=40,
    )
    application.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match="尚未届满"):
        services.perform(
            application,
            Action.PAYMENT_LAPSED,
            actor=officer,
            reason="逾期",
            effective_on=application.fee_due_on,
        )
    services.perform(
        application,
        Action.PAYMENT_LAPSED,
        actor=officer,
        reason="逾期未缴",
        effective_on=date(2025, 4, 10),
    )
    application.refresh_from_db()
    assert (application.status, application.resolution) == ("closed", "other_2")
    assert statistics.fees_collected(2025) == Decimal("0")


def test_fee_calculator_page(client, officer):
    client.force_login(officer)
    page = client.get("/admin/applications/fees/", {"scale": "by_pages", "pages": "150"})
    assert page.context["result"] == Decimal("1700")
    page = client.get("/admin/applications/fees/", {"scale": "by_count", "filed_earlier": "35"})
    assert page.context["result"] == Decimal("200")  # the 36th application in the month
    page = client.get("/admin/applications/fees/", {"scale": "by_pages"})
    assert "按量计收时请填写页数。" in page.content.decode()
