"""The handlers' screens: the queue with deadlines and overdue marks, a message's page with
the writer's details masked, the actions by form (reply drafts, publication with what was
removed), 设为常见问题, the statistics, and who may do what."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from interaction import services
from interaction.models import FaqPage, Message, PersonalDataAccess, QuestionPage
from interaction.workflow import Action

pytestmark = pytest.mark.django_db


def make_overdue(message):
    """Submitted long enough ago that its period has run out."""
    Message.objects.filter(pk=message.pk).update(
        submitted_at=timezone.now() - timedelta(days=30),
        period_start=timezone.localdate() - timedelta(days=30),
        due_on=timezone.localdate() - timedelta(days=14),
    )


def test_the_queue_lists_open_messages_by_deadline_and_marks_the_overdue(
    client, handler, new_message
):
    late, _ = new_message(title="早已超期的留言")
    make_overdue(late)
    recent, _ = new_message(title="刚提交的留言")
    client.force_login(handler)
    html = client.get("/admin/interaction/").content.decode()
    assert html.index("早已超期的留言") < html.index("刚提交的留言")
    assert re.search(r'class="overdue-mark">已超期\d+个工作日<', html)
    overdue_only = client.get("/admin/interaction/?due=overdue").content.decode()
    assert "早已超期的留言" in overdue_only and "刚提交的留言" not in overdue_only
    # Bad filter values are ignored, never an error.
    assert client.get("/admin/interaction/?status=x&kind=y&department=z&p=abc").status_code == 200


def test_the_message_page_masks_the_writer_until_the_handler_asks(
    client, handler, other_handler, new_message
):
    message, _ = new_message()
    services.perform(message, Action.ACCEPT, actor=handler, officer=handler)
    client.force_login(other_handler)
    html = client.get(f"/admin/interaction/{message.pk}/").content.decode()
    assert "李**" in html and "139****0011" in html and "13904770011" not in html
    assert "查看完整的留言人信息" not in html
    refused = client.post(f"/admin/interaction/{message.pk}/personal-data/")
    assert refused.status_code == 302 and not PersonalDataAccess.objects.exists()
    client.force_login(handler)
    full = client.post(f"/admin/interaction/{message.pk}/personal-data/").content.decode()
    assert "13904770011" in full and "lihuimin@example.com" in full
    assert PersonalDataAccess.objects.get().user == handler


def test_a_handler_drafts_then_sends_an_answer_through_the_forms(client, handler, new_message):
    message, _ = new_message()
    client.force_login(handler)
    response = client.post(
        f"/admin/interaction/{message.pk}/action/accept/", {"officer": handler.pk}
    )
    assert response.status_code == 302
    url = f"/admin/interaction/{message.pk}/action/reply/"
    client.post(url, {"text": "您好！周六上午开放。", "save_draft": "1"})
    message.refresh_from_db()
    assert message.status == "in_progress" and message.reply_draft == "您好！周六上午开放。"
    # The draft is there when the form is opened again.
    assert "您好！周六上午开放。</textarea>" in client.get(url).content.decode()
    client.post(url, {"text": "您好！周六上午9:00—12:00开放社保窗口。"})
    message.refresh_from_db()
    assert message.status == "answered" and message.reply.startswith("您好！周六上午9:00")
    # An action the state does not allow is refused with its reason.
    again = client.get(url, follow=True).content.decode()
    assert "不能执行“答复”" in again


def test_an_empty_reason_or_answer_is_reported_on_the_form(client, handler, new_message):
    message, _ = new_message()
    client.force_login(handler)
    response = client.post(f"/admin/interaction/{message.pk}/action/reject/", {"note": ""})
    assert response.status_code == 200 and "请填写不予受理的理由。" in response.content.decode()
    response = client.post(f"/admin/interaction/{message.pk}/action/transfer/", {"days": "abc"})
    html = response.content.decode()
    assert "请选择承办部门。" in html and "请输入整数个工作日" in html
    message.refresh_from_db()
    assert message.status == "pending"
    assert client.get(f"/admin/interaction/{message.pk}/action/nonsense/").status_code == 404


def test_the_publish_form_starts_without_personal_data_and_says_what_was_removed(
    client, column, head, handler, new_message
):
    message, _ = new_message(content="我是李慧敏，电话13904770011，请问周六能否办理社保业务？")
    services.perform(message, Action.ACCEPT, actor=handler, officer=handler)
    services.perform(message, Action.REPLY, actor=handler, text="李慧敏您好，周六上午开放。")
    client.force_login(head)
    url = f"/admin/interaction/{message.pk}/action/publish/"
    form = client.get(url).content.decode()
    assert "姓名 2 处" in form and "联系电话 1 处" in form
    assert "13904770011" not in form.split("<form")[1] and "139****0011" in form
    response = client.post(
        url,
        {
            "title": "周六能否办理社保业务",
            "question": "请问周六能否办理社保业务？",
            "answer": "您好，周六上午开放。",
        },
    )
    assert response.status_code == 302
    page = QuestionPage.objects.get()
    assert page.live and page.title == "周六能否办理社保业务"
    # 设为常见问题: one click, then on to the new entry's editor.
    detail = client.get(f"/admin/interaction/{message.pk}/").content.decode()
    assert "设为常见问题" in detail
    promoted = client.post(f"/admin/interaction/{message.pk}/promote/")
    faq = FaqPage.objects.get()
    assert promoted["Location"] == f"/admin/pages/{faq.pk}/edit/" and faq.live


def test_handlers_may_not_publish_or_promote(client, column, handler, new_message):
    message, _ = new_message()
    services.perform(message, Action.ACCEPT, actor=handler, officer=handler)
    services.perform(message, Action.REPLY, actor=handler, text="周六上午开放。")
    client.force_login(handler)
    detail = client.get(f"/admin/interaction/{message.pk}/").content.decode()
    assert "公开留言和答复" not in detail
    response = client.post(
        f"/admin/interaction/{message.pk}/action/publish/",
        {"title": "周六", "question": "周六？", "answer": "开放。"},
    )
    assert "公开或撤回留言和答复需要“公开留言和答复”权限" in response.content.decode()
    assert not QuestionPage.objects.exists()
    assert client.post(f"/admin/interaction/{message.pk}/promote/").status_code == 302
    assert not FaqPage.objects.exists()


def test_the_statistics_screen_counts_the_year(client, head, handler, new_message):
    message, _ = new_message()
    services.perform(message, Action.ACCEPT, actor=handler)
    services.perform(message, Action.REPLY, actor=handler, text="周六上午开放。")
    services.rate(message, 3, client_hash="a")
    services.rate(message, 1, client_hash="b")
    client.force_login(head)
    html = client.get("/admin/interaction/statistics/").content.decode()
    month = timezone.localdate().month
    year = timezone.localdate().year
    row = re.search(rf"<th scope=\"row\">{year}年{month}月</th>(.*?)</tr>", html).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells == ["1", "1", "0", "100%", "0", "2", "50%"]
    assert client.get("/admin/interaction/statistics/?year=abc").status_code == 200
