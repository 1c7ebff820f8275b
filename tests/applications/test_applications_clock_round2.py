"""Issue 13: what the statute says when 补正, consultations, fees and extensions meet the
deadline; on the state machine and on the pages (queue, status page and its JSON, reminders,
statistics; Table 3 unaffected), with dates around holidays and 调休.

2025 (国办发明电〔2024〕12号): 国庆/中秋 10/1-10/8 off, Sun 9/28 and Sat 10/11 worked;
清明 4/4 off; 劳动节 5/1-5/5 off, Sun 4/27 worked.
"""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.rules.annual_report import check_rules, empty_table4
from disclosure.applications import services, statistics
from disclosure.applications.clock import NO_DUE_WHILE_CORRECTION
from disclosure.applications.management.commands import send_deadline_reminders
from disclosure.applications.models import Application, Transition
from disclosure.applications.workflow import Action, Status, TransitionNotAllowed
from disclosure.calendar import working_calendar


@pytest.fixture
def calendar(db):
    return working_calendar()


def do(application, action, actor, on, **params):
    services.perform(application, action, actor=actor, reason="办理", effective_on=on, **params)
    application.refresh_from_db()
    return application


def ask_correction(application, officer, on, deadline):
    return do(application, Action.REQUEST_CORRECTION, officer, on, correction_deadline=deadline)


# --- 1. no clock while 待补正 -----------------------------------------------------------------


def test_no_due_date_while_awaiting_correction(make_application, officer, calendar, client):
    application = make_application(received_on=date(2025, 9, 26))
    ask_correction(application, officer, date(2025, 9, 29), date(2025, 10, 20))
    reading = application.read_clock(calendar, today=date(2025, 11, 20))  # long after 10/30
    assert reading.due is None and reading.remaining is None and not reading.overdue
    assert reading.why_no_due == NO_DUE_WHILE_CORRECTION
    # The queue and the officer's reminders do not call it overdue.
    client.force_login(officer)
    queue = client.get("/admin/applications/").content.decode()
    assert NO_DUE_WHILE_CORRECTION in queue
    assert application.number not in client.get("/admin/applications/?due=overdue").content.decode()
    due, _ = send_deadline_reminders.collect(today=date(2025, 11, 20))
    assert application.pk not in [r.application.pk for rs in due.values() for r in rs]
    # The applicant's status page (HTML and JSON) says why there is no due date.
    client.logout()
    client.post(
        "/applications/status/", {"number": application.number, "code": application.lookup_code}
    )
    page = client.get(f"/applications/status/{application.number}/").content.decode()
    assert NO_DUE_WHILE_CORRECTION in page
    data = client.get(f"/applications/status/{application.number}.json").json()
    assert data["due_on"] is None and data["no_due_reason"] == NO_DUE_WHILE_CORRECTION
    # The corrected application restarts the 20 wd: received Thu 10/9 -> 10/10, Sat 10/11,
    # 10/13-17 (7), 10/20-24 (12), 10/27-31 (17), 11/3-5 (20).
    do(application, Action.RECEIVE_CORRECTION, officer, date(2025, 10, 9))
    assert application.read_clock(calendar, today=date(2025, 10, 9)).due == date(2025, 11, 5)


def test_closed_while_awaiting_correction_is_neither_on_time_nor_late(make_application, officer):
    late_lapse = make_application(received_on=date(2025, 3, 3))
    ask_correction(late_lapse, officer, date(2025, 3, 4), date(2025, 3, 20))
    do(late_lapse, Action.CORRECTION_LAPSED, officer, date(2025, 6, 30))  # long after 3/31
    on_time = make_application(received_on=date(2025, 3, 3))
    do(on_time, Action.REPLY, officer, date(2025, 3, 31), resolution="granted")  # the due day
    late = make_application(received_on=date(2025, 3, 3))
    do(late, Action.REPLY, officer, date(2025, 4, 1), resolution="granted")
    result = statistics.timeliness(2025)
    assert (result.on_time, result.late, result.not_timed) == (1, 1, 1)


# --- 2. decisions after the due date --------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "params"),
    [
        (Action.EXTEND, {"days": 10}),
        (Action.SEND_FEE_NOTICE, {"scale": "by_pages", "pages": 150}),
        (Action.START_CONSULTATION, {"kind": "third_party", "consultee": "某公司"}),
    ],
)
def test_decisions_after_the_due_date_are_refused(make_application, head, officer, action, params):
    application = make_application(received_on=date(2025, 9, 26))  # due Thu 10/30 (国庆)
    do(application, action, head, date(2025, 10, 30), **params)  # on the due day: in time
    application = make_application(received_on=date(2025, 9, 26))
    with pytest.raises(TransitionNotAllowed, match="答复期限为2025年10月30日，已经届满"):
        do(application, action, head, date(2025, 10, 31), **params)
    # An officer cannot record it late even with a reason; the office head can.
    with pytest.raises(PermissionDenied, match="负责人"):
        do(application, action, officer, date(2025, 10, 31), late_reason="漏登", **params)
    do(
        application,
        action,
        head,
        date(2025, 10, 31),
        late_reason="10月28日已口头决定，漏登",
        **params,
    )
    entry = Transition.objects.filter(application=application, action=action).get()
    assert entry.late_reason == "10月28日已口头决定，漏登"


def test_a_late_decision_counts_late_and_shows_in_the_log(make_application, head, client):
    application = make_application(received_on=date(2025, 9, 26))
    do(application, Action.EXTEND, head, date(2025, 10, 31), days=10, late_reason="补记")
    # Replied within the extended period, but counted late (the decision came too late).
    do(application, Action.REPLY, head, date(2025, 11, 5), resolution="granted")
    result = statistics.timeliness(2025)
    assert (result.late, result.late_decisions, result.on_time) == (1, 1, 0)
    client.force_login(head)
    page = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "逾期补记（负责人书面理由）：" in page and "补记" in page
    stats = client.get("/admin/applications/statistics/?year=2025").content.decode()
    assert 'id="t-late">1件' in stats and "补记延期、收费或征求意见决定的1件" in stats


def test_officers_are_not_offered_late_decisions(make_application, officer, head):
    application = make_application(received_on=date(2025, 9, 26))  # long overdue today
    offered = services.available_actions(application, officer)
    assert Action.START_CONSULTATION not in offered and Action.SEND_FEE_NOTICE not in offered
    assert Action.REPLY in offered
    assert Action.START_CONSULTATION in services.available_actions(application, head)


# --- 3. the 7 wd 补正 notice -----------------------------------------------------------------


def test_correction_notice_window_around_national_day(make_application, officer, calendar, client):
    from core.rules.deadlines import correction_notice_window

    received = date(2025, 9, 26)  # 9/28=1, 9/29=2, 9/30=3, 10/9=4, 10/10=5, 10/11=6, 10/13=7
    assert not correction_notice_window(calendar, received, date(2025, 10, 9)).warn
    window = correction_notice_window(calendar, received, date(2025, 10, 10))
    assert window.warn and window.due == date(2025, 10, 13) and window.elapsed == 5
    assert correction_notice_window(calendar, received, date(2025, 10, 13)).warn
    assert correction_notice_window(calendar, received, date(2025, 10, 14)).closed
    in_time = make_application(received_on=received)
    ask_correction(in_time, officer, date(2025, 10, 13), date(2025, 10, 27))
    late = make_application(received_on=received)
    ask_correction(late, officer, date(2025, 10, 14), date(2025, 10, 28))
    assert (in_time.correction_notice_late, late.correction_notice_late) == (False, True)
    client.force_login(officer)
    listed = client.get("/admin/applications/?status=all&due=correction_late").content.decode()
    assert late.number in listed and in_time.number not in listed
    assert statistics.timeliness(2025).correction_notice_late == 1
    page = client.get(f"/admin/applications/{late.pk}/").content.decode()
    assert "补正告知超期" in page


def working_days_before(calendar, day, n):
    start = day
    while calendar.working_days_between(start, day) < n:
        start -= timedelta(days=1)
    return start


def test_the_queue_warns_from_day_five(make_application, calendar, client, officer):
    today = timezone.localdate()
    day5 = make_application(received_on=working_days_before(calendar, today, 5))
    day3 = make_application(received_on=working_days_before(calendar, today, 3))
    client.force_login(officer)
    listed = client.get("/admin/applications/?due=correction_soon").content.decode()
    assert day5.number in listed and day3.number not in listed
    page = client.get(f"/admin/applications/{day5.pk}/").content.decode()
    assert "如需补正请尽快一次性告知" in page


# --- 4. consultations ----------------------------------------------------------------------


def test_consultee_clock_runs_from_its_receipt_and_the_pause_ends_by_itself(
    make_application, officer, calendar, mailoutbox
):
    application = make_application(received_on=date(2025, 9, 15))  # Mon
    do(
        application,
        Action.START_CONSULTATION,
        officer,
        date(2025, 9, 22),
        kind="third_party",
        consultee="某公司",
        consultee_received_on=date(2025, 9, 24),  # by registered post
    )
    consultation = application.consultations.get()
    # 15 wd from Wed 9/24: 9/25-26 (2), Sun 9/28 (3), 9/29-30 (5), 10/9-10 (7), Sat 10/11 (8),
    # 10/13-17 (13), 10/20-21 (15).
    assert consultation.reply_due_on == date(2025, 10, 21)
    # Before 9/22 five wd were used (9/16-9/19, 9/22): 15 remain, frozen while paused.
    paused = application.read_clock(calendar, today=date(2025, 10, 20))
    assert paused.paused and paused.remaining == 15
    # No answer by 10/21: from 10/22 the clock runs again by itself, the pause is not open-ended.
    resumed = application.read_clock(calendar, today=date(2025, 10, 23))
    assert not resumed.paused and resumed.pause_lapsed
    # 5 wd used before the pause (9/16-19, 9/22); paused 9/23..10/21; the 15 left run from
    # 10/22: 10/22-24 (3), 10/27-31 (8), 11/3-7 (13), 11/10-11 (15).
    assert resumed.due == date(2025, 11, 11)
    # The officer is alerted the day after the lapse, once.
    send_deadline_reminders.send(today=date(2025, 10, 22))
    alerts = [m for m in mailoutbox if "征求意见期满未答复" in m.subject]
    assert len(alerts) == 1 and application.number in alerts[0].subject
    send_deadline_reminders.send(today=date(2025, 10, 23))
    assert len([m for m in mailoutbox if "征求意见期满未答复" in m.subject]) == 1
    # An answer arriving later does not stretch the pause.
    do(application, Action.END_CONSULTATION, officer, date(2025, 10, 24), opinion="逾期未答复")
    assert application.read_clock(calendar, today=date(2025, 10, 24)).due == date(2025, 11, 11)


def test_paused_cases_appear_in_reminders_with_the_consultees_due_date(make_application, officer):
    application = make_application(received_on=date(2025, 9, 15))
    do(
        application,
        Action.START_CONSULTATION,
        officer,
        date(2025, 9, 22),
        kind="third_party",
        consultee="某公司",
    )  # same-day electronic delivery: 15 wd from 9/22 (Sun 9/28, Sat 10/11 worked) -> 10/17
    assert application.consultations.get().reply_due_on == date(2025, 10, 17)
    due, _ = send_deadline_reminders.collect(today=date(2025, 10, 14))
    lines = [r.line for rs in due.values() for r in rs]
    assert any("征求意见中（征求对象答复期限 2025-10-17）" in line for line in lines)


def test_consultee_receipt_recorded_later(make_application, officer):
    application = make_application(received_on=date(2025, 9, 15))
    do(
        application,
        Action.START_CONSULTATION,
        officer,
        date(2025, 9, 22),
        kind="third_party",
        consultee="某公司",
    )
    do(
        application,
        Action.RECORD_CONSULTEE_RECEIPT,
        officer,
        date(2025, 9, 25),
        received_on=date(2025, 9, 24),
    )
    assert application.consultations.get().reply_due_on == date(2025, 10, 21)


# --- 5. fees -------------------------------------------------------------------------------


def test_fee_deadline_runs_from_the_day_after_receipt(make_application, officer, calendar):
    application = make_application(received_on=date(2025, 9, 15))
    do(
        application,
        Action.SEND_FEE_NOTICE,
        officer,
        date(2025, 9, 22),
        scale="by_pages",
        pages=150,
        notice_received_on=date(2025, 9, 24),
    )
    assert application.fee_notice_received_on == date(2025, 9, 24)
    # 20 wd from 9/25: 9/25-26 (2), 9/28 (3), 9/29-30 (5), 10/9-11 (8), 10/13-17 (13),
    # 10/20-24 (18), 10/27-28 (20).
    assert application.fee_due_on == date(2025, 10, 28)
    online = make_application(received_on=date(2025, 9, 15))
    do(online, Action.SEND_FEE_NOTICE, officer, date(2025, 9, 22), scale="by_pages", pages=150)
    assert online.fee_notice_received_on == date(2025, 9, 22)  # delivered online: same day
    # 109号 第七条: from the day after sending to payment the reply clock stands still.
    do(application, Action.RECORD_PAYMENT, officer, date(2025, 10, 10))
    # 5 wd used before (9/16-19, 9/22); paused 9/23..10/10; the 15 left run from Sat 10/11
    # (a 调休 working day): 10/11 (1), 10/13-17 (6), 10/20-24 (11), 10/27-30 (15).
    assert application.read_clock(calendar, today=date(2025, 10, 10)).due == date(2025, 10, 30)
    # 逾期未缴费 only after the deadline.
    with pytest.raises(TransitionNotAllowed, match="缴费期限（2025年10月24日）尚未届满"):
        do(online, Action.PAYMENT_LAPSED, officer, date(2025, 10, 20))


# --- JSON status view ----------------------------------------------------------------------


def test_status_json_after_the_same_check(make_application, officer, client):
    application = make_application(received_on=date(2025, 3, 3))
    do(
        application,
        Action.REPLY,
        officer,
        date(2025, 3, 20),
        resolution="granted",
        letter=services.LetterDraft("reply", "政府信息公开申请答复书", "正文"),
    )
    url = f"/applications/status/{application.number}.json"
    assert client.get(url).status_code == 403  # no look-up in this session
    wrong = client.post(
        "/applications/status/",
        {"number": application.number, "code": "AAAA-AAAA-AAAA"},
        HTTP_ACCEPT="application/json",
    )
    assert wrong.status_code == 400 and "查询码不正确" in wrong.json()["error"]
    right = client.post(
        "/applications/status/",
        {"number": application.number, "code": application.lookup_code},
        HTTP_ACCEPT="application/json",
    )
    data = right.json()
    assert right.status_code == 200 and right["Content-Type"] == "application/json"
    assert data["status"] == "closed" and data["status_label"] == "已办结"
    assert data["resolution_label"] == "（一）予以公开" and data["closed_on"] == "2025-03-20"
    assert [letter["title"] for letter in data["letters"]] == ["政府信息公开申请答复书"]
    assert data["letters"][0]["sent_on"] == timezone.localdate().isoformat()  # sent now
    assert data["applicant"] == "王**"
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("王建国", application.phone, application.id_number, application.email):
        assert secret not in text  # nothing beyond what the HTML page shows
    same = client.get(f"/applications/status/{application.number}/", HTTP_ACCEPT="application/json")
    assert same.json() == client.get(url).json() == data
    assert (
        "no-store" in client.get(url)["Cache-Control"]
        or "max-age=0" in client.get(url)["Cache-Control"]
    )


# --- Table 3 unaffected --------------------------------------------------------------------


def test_table3_is_unaffected_by_the_clock(make_application, officer):
    waiting = make_application(received_on=date(2025, 3, 3))
    ask_correction(waiting, officer, date(2025, 3, 4), date(2025, 3, 20))
    replied = make_application(received_on=date(2025, 3, 3))
    do(replied, Action.REPLY, officer, date(2025, 4, 10), resolution="granted")  # late
    table = statistics.table3_for_year(2025)
    assert table["new"][-1] == 2
    assert table["granted"][-1] == 1  # late or not, counted by its reply type
    assert table["carry_forward"][-1] == 1  # 待补正 is still open at the end of the year
    assert waiting.status == Status.AWAITING_CORRECTION
    assert Application.objects.count() == 2
    assert check_rules(table, empty_table4()) == []  # 一 + 二 = （七） + 四 and the others
