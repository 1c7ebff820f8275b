"""The officers' side: registration with Art.31 dates, the queue with its filters and the
remaining working days, actions through the admin, permissions, reminders, statistics."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from disclosure.applications import services
from disclosure.applications.models import Application
from disclosure.applications.workflow import Action
from disclosure.calendar import working_calendar


def register_data(ids, **overrides):
    data = {
        "channel": "registered_post",
        "received_on": "2025-03-03",
        "receipt_note": "挂号信，3月3日签收",
        "applicant_type": "citizen",
        "citizen_name": "陈晓东",
        "id_type": "resident_id",
        "id_number": ids.resident_id("15060319951130051"),
        "phone": "0477-8612345",
        "information_title": "政务服务事项清单",
        "medium": "paper",
        "delivery": "post",
        "address": "伊金霍洛旗某路3号",
    }
    data.update(overrides)
    return data


def test_register_an_application_received_by_post(client, officer, ids):
    client.force_login(officer)
    response = client.post("/admin/applications/register/", register_data(ids))
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.channel == "registered_post" and application.status == "accepted"
    assert application.received_on == date(2025, 3, 3)
    assert application.receipt_note == "挂号信，3月3日签收" and application.created_by == officer
    html = response.content.decode()
    assert application.number in html and "只显示这一次" in html
    log = application.transitions.get()
    assert log.actor == officer and "邮寄" in log.reason


def test_register_refuses_bad_input(client, officer, ids):
    client.force_login(officer)
    tomorrow = timezone.localdate().toordinal() + 1
    data = register_data(
        ids, received_on=date.fromordinal(tomorrow).isoformat(), id_number="150603199511300510"
    )
    html = client.post("/admin/applications/register/", data).content.decode()
    assert "收到申请日期不能晚于今天" in html
    assert "居民身份证号码校验位不正确" in html or "校验位" in html
    assert 'value="政务服务事项清单"' in html  # nothing typed is lost
    assert Application.objects.count() == 0
    assert "online" not in [
        c
        for c, _ in client.get("/admin/applications/register/")
        .context["form"]
        .fields["channel"]
        .choices
    ]


def test_queue_filters_and_remaining_days(client, officer, other_officer, make_application):
    today = timezone.localdate()
    calendar = working_calendar()
    # One overdue (received 30 working days ago), one due soon, one not yet near.
    overdue = make_application(received_on=_working_days_before(calendar, today, 30))
    soon = make_application(received_on=_working_days_before(calendar, today, 18))
    fresh = make_application(received_on=today, assign=False)
    client.force_login(officer)
    rows = client.get("/admin/applications/").context["rows"]
    numbers = [row["application"].number for row in rows]
    assert numbers[0] == overdue.number  # most urgent first
    remaining = {row["application"].pk: row["reading"].remaining for row in rows}
    assert remaining[soon.pk] == 2 and remaining[overdue.pk] < 0
    assert remaining[fresh.pk] == 20
    overdue_only = client.get("/admin/applications/?due=overdue").context["rows"]
    assert [r["application"].pk for r in overdue_only] == [overdue.pk]
    soon_only = client.get("/admin/applications/?due=soon").context["rows"]
    assert [r["application"].pk for r in soon_only] == [soon.pk]
    unassigned = client.get("/admin/applications/?officer=none").context["rows"]
    assert [r["application"].pk for r in unassigned] == [fresh.pk]
    mine = client.get("/admin/applications/?officer=me").context["rows"]
    assert {r["application"].pk for r in mine} == {overdue.pk, soon.pk}
    page = client.get("/admin/applications/?due=overdue").content.decode()
    assert "已超期" in page
    client.force_login(other_officer)
    assert not client.get("/admin/applications/?officer=me").context["rows"].object_list


def _working_days_before(calendar, day, n):
    start = day
    while calendar.working_days_between(start, day) < n:
        start = date.fromordinal(start.toordinal() - 1)
    return start


def test_actions_through_the_admin(client, officer, head, make_application):
    application = make_application(received_on=date(2025, 3, 3))
    client.force_login(officer)
    detail = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "告知补正" in detail and "延期答复" not in detail  # officers cannot extend
    # Typed by URL, the form is not shown: the officer is told why, nothing is done.
    response = client.get(f"/admin/applications/{application.pk}/action/extend/", follow=True)
    assert "负责人批准" in response.content.decode()
    response = client.post(
        f"/admin/applications/{application.pk}/action/extend/",
        {
            "effective_on": "2025-03-20",
            "reason": "复杂",
            "days": "10",
            "step": "letter",
            "title": "延期答复告知书",
            "body": "正文",
        },
        follow=True,
    )
    assert "负责人批准" in response.content.decode()
    application.refresh_from_db()
    assert application.extension_days == 0
    client.force_login(head)
    assert "延期答复" in client.get(f"/admin/applications/{application.pk}/").content.decode()
    draft = client.post(
        f"/admin/applications/{application.pk}/action/extend/",
        {"effective_on": "2025-03-20", "reason": "需要调取档案", "days": "10", "step": "facts"},
    )
    body = draft.context["letter_form"].initial["body"]
    assert "延长10个工作日" in body and "2025年4月15日前答复" in body
    done = client.post(
        f"/admin/applications/{application.pk}/action/extend/",
        {
            "effective_on": "2025-03-20",
            "reason": "需要调取档案",
            "days": "10",
            "step": "letter",
            "title": "延期答复告知书",
            "body": body,
            "recipient": "王建国",
        },
    )
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.extension_days == 10 and application.extension_approved_by == head
    # An impossible action by URL is refused with a clear message.
    response = client.get(f"/admin/applications/{application.pk}/action/archive/", follow=True)
    assert "不能执行“归档”" in response.content.decode()
    assert client.get(f"/admin/applications/{application.pk}/action/nonsense/").status_code == 404


def test_confirm_online_application_in_the_admin(client, officer, make_application):
    application = make_application(channel="online", assign=False)
    client.force_login(officer)
    today = timezone.localdate().isoformat()
    response = client.post(
        f"/admin/applications/{application.pk}/action/confirm/",
        {"effective_on": today, "reason": "电话确认", "received_on": today, "step": "facts"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "accepted" and application.received_on.isoformat() == today


def test_staff_without_the_role_see_nothing(client, make_application):
    editor = get_user_model().objects.create_user("editor", password="x-unused-1234")
    editor.groups.add(Group.objects.get(name="编辑"))
    application = make_application()
    client.force_login(editor)
    # Wagtail turns a refused admin view into a redirect to the dashboard with a message.
    for response in [
        client.get("/admin/applications/"),
        client.get(f"/admin/applications/{application.pk}/"),
        client.post(f"/admin/applications/{application.pk}/personal-data/"),
    ]:
        assert response.status_code in (302, 403)
        assert application.number not in response.content.decode()
        if response.status_code == 302:
            assert response["Location"] == "/admin/"


def test_roles_have_their_permissions(officer, head):
    assert officer.has_perm("applications.change_application")
    assert not officer.has_perm("applications.approve_extension")
    assert not officer.has_perm("applications.view_personal_data")
    assert head.has_perm("applications.approve_extension")
    assert head.has_perm("applications.view_personal_data")


def test_deadline_reminders(make_application, officer, mailoutbox):
    from disclosure.applications.management.commands import send_deadline_reminders

    today = timezone.localdate()
    calendar = working_calendar()
    due_soon = make_application(received_on=_working_days_before(calendar, today, 18))
    make_application(received_on=today)  # 20 days left: no reminder
    call_command("send_deadline_reminders", stdout=open("/dev/null", "w"))
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [officer.email]
    assert due_soon.number in mailoutbox[0].body and "剩余2个工作日" in mailoutbox[0].body
    assert send_deadline_reminders.send() == 0  # once a day


def test_statistics_page(client, officer, make_application):
    application = make_application(received_on=date(2025, 3, 3))
    services.perform(
        application,
        Action.REPLY,
        actor=officer,
        reason="答复",
        effective_on=date(2025, 3, 10),
        resolution="withheld_6",
    )
    client.force_login(officer)
    response = client.get("/admin/applications/statistics/?year=2025")
    rows = dict((row.code, cells) for row, cells in response.context["rows"])
    assert rows["withheld_6"] == [1, 0, 0, 0, 0, 0, 1] and rows["new"][6] == 1
    assert "6.属于四类过程性信息" in response.content.decode()


@pytest.mark.parametrize("url", ["/applications/apply/", "/applications/status/"])
def test_public_pages_render(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # forms with a captcha and look-ups
