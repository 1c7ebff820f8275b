"""The officers' pages without traps (issue 22): 答复 offered while 办理中 with the reply type's
label on the confirmation, 告知补正 refusing a past deadline, 返回修改 keeping the input,
逾期未补正 offered only after the deadline, 确认受理 (not 确认确认受理), officers by name, and
a 100,000-character search that answers normally (issue 11)."""

from datetime import date, timedelta

from django.utils import timezone

from disclosure.applications import services
from disclosure.applications.workflow import Action


def detail(client, application):
    return client.get(f"/admin/applications/{application.pk}/").content.decode()


def test_reply_is_offered_and_confirmed_with_its_label(client, officer, make_application):
    application = make_application()
    client.force_login(officer)
    assert f"/admin/applications/{application.pk}/action/reply/" in detail(client, application)
    today = timezone.localdate().isoformat()
    draft = client.post(
        f"/admin/applications/{application.pk}/action/reply/",
        {"effective_on": today, "reason": "依法答复", "outcomes": ["withheld_4"], "step": "facts"},
    )
    facts = draft.content.decode().split('id="action-facts"')[1].split("</dl>")[0]
    assert "4.第三方不同意公开" in facts or "第三方" in facts
    assert "withheld_4" not in facts
    assert "确认答复并发送告知书" in draft.content.decode()


def test_edit_keeps_everything_typed(client, officer, make_application):
    application = make_application()
    client.force_login(officer)
    today = timezone.localdate()
    data = {
        "effective_on": today.isoformat(),
        "reason": "申请内容不明确",
        "correction_deadline": (today + timedelta(days=14)).isoformat(),
        "what_to_correct": "请写明文件的年份",
    }
    draft = client.post(
        f"/admin/applications/{application.pk}/action/request_correction/",
        {**data, "step": "facts"},
    )
    assert "letter_form" in draft.context and draft.context["letter_form"] is not None
    back = client.post(
        f"/admin/applications/{application.pk}/action/request_correction/",
        {**data, "step": "edit", "title": "补正申请告知书", "body": "x"},
    ).content.decode()
    assert "请写明文件的年份" in back and "申请内容不明确" in back
    assert data["correction_deadline"] in back and "生成告知书" in back


def test_a_past_correction_deadline_is_refused_before_any_letter(client, officer, make_application):
    application = make_application()
    client.force_login(officer)
    today = timezone.localdate()
    for deadline, message in [
        (today - timedelta(days=10), "补正期限不能早于今天"),
        (today, "补正期限应晚于告知补正的日期"),
    ]:
        response = client.post(
            f"/admin/applications/{application.pk}/action/request_correction/",
            {
                "effective_on": today.isoformat(),
                "reason": "不明确",
                "correction_deadline": deadline.isoformat(),
                "what_to_correct": "年份",
                "step": "facts",
            },
        )
        assert message in response.content.decode()
        assert response.context["letter_form"] is None  # no letter drafted


def test_correction_lapsed_is_offered_only_after_the_deadline(client, officer, make_application):
    today = timezone.localdate()
    application = make_application(received_on=today - timedelta(days=7))
    services.perform(
        application,
        Action.REQUEST_CORRECTION,
        actor=officer,
        reason="不明确",
        effective_on=today,
        correction_deadline=today + timedelta(days=10),
    )
    client.force_login(officer)
    assert "/action/correction_lapsed/" not in detail(client, application)
    response = client.get(
        f"/admin/applications/{application.pk}/action/correction_lapsed/", follow=True
    )
    assert "尚未届满" in response.content.decode()


def test_confirm_button_and_officer_names(client, officer, make_application):
    officer.first_name, officer.last_name = "建华", "张"
    officer.save()
    application = make_application(channel="online", assign=False)
    client.force_login(officer)
    form = client.get(f"/admin/applications/{application.pk}/action/confirm/").content.decode()
    assert ">确认受理<" in form and "确认确认受理" not in form
    assign = client.get(f"/admin/applications/{application.pk}/action/assign/").content.decode()
    assert "张建华（officer_a）" in assign


def test_a_huge_query_on_the_queue_answers_normally(client, officer, make_application):
    application = make_application(information_title="2024年部门预算")
    client.force_login(officer)
    response = client.get("/admin/applications/", {"q": "预" * 100_000})
    assert response.status_code == 200
    assert 'id="query-cut"' in response.content.decode()
    found = client.get("/admin/applications/", {"q": "部门预算" + "x" * 200_000})
    assert found.status_code == 200
    normal = client.get("/admin/applications/", {"q": "部门预算"}).content.decode()
    assert application.number in normal
    assert date.today()  # the page renders with today's clock readings


def test_date_fields_are_filled_with_an_iso_date_the_browser_can_show(client, officer):
    """A browser's <input type="date"> drops any value that is not YYYY-MM-DD; the zh-hans
    default format (2026/12/01) left 收到申请日期 and 办理日期 empty."""
    client.force_login(officer)
    page = client.get("/admin/applications/register/").content.decode()
    today = timezone.localdate().isoformat()
    assert f'type="date" name="received_on" value="{today}"' in page
