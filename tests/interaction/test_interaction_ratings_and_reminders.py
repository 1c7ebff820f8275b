"""满意度 on published answers (anyone, once per client) and after a look-up (the writer);
the daily reminders to handlers, by command and by background task."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from interaction import reminders, services
from interaction.models import Message, Rating
from interaction.workflow import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(column, head, handler, new_message):
    message, code = new_message()
    services.perform(message, Action.ACCEPT, actor=handler, officer=handler)
    services.perform(message, Action.REPLY, actor=handler, text="周六上午开放社保窗口。")
    services.perform(
        message,
        Action.PUBLISH,
        actor=head,
        title="周六能否办社保",
        question="周六开门吗？",
        answer="开放。",
    )
    message.refresh_from_db()
    return message, code


def test_anyone_rates_a_published_answer_once(client, published):
    message, _ = published
    page_url = message.public_page.url
    html = client.get(page_url).content.decode()
    assert "您对这条答复满意吗？" in html and 'id="answer-department">伊金霍洛旗政务服务局<' in html
    response = client.post(f"/interaction/rate/{message.number}/", {"score": "3", "next": page_url})
    assert response.status_code == 302 and response["Location"] == page_url
    after = client.get(page_url).content.decode()
    assert "您已评价过这条答复" in after and "已有 1 人评价" in after
    client.post(f"/interaction/rate/{message.number}/", {"score": "1", "next": page_url})
    assert list(Rating.objects.values_list("score", "by_writer")) == [(3, False)]
    other = Client(REMOTE_ADDR="192.0.2.9")
    other.post(f"/interaction/rate/{message.number}/", {"score": "1"})
    assert Rating.objects.count() == 2
    assert "满意和基本满意占 50%" in client.get(page_url).content.decode()


def test_bad_ratings_and_foreign_next_targets_are_refused(client, published):
    message, _ = published
    response = client.post(
        f"/interaction/rate/{message.number}/", {"score": "9", "next": "https://evil.example/"}
    )
    assert response["Location"] == message.public_page.url
    assert not Rating.objects.exists()
    assert client.post("/interaction/rate/HD1999-00001/", {"score": "3"}).status_code == 404
    assert client.get(f"/interaction/rate/{message.number}/").status_code == 405


def test_an_unpublished_answer_is_rated_only_by_its_writer_after_a_look_up(
    client, handler, new_message
):
    message, code = new_message(consent_to_publish=False)
    services.perform(message, Action.ACCEPT, actor=handler)
    services.perform(message, Action.REPLY, actor=handler, text="周六上午开放。")
    assert client.post(f"/interaction/rate/{message.number}/", {"score": "3"})["Location"] == (
        "/interaction/status/"
    )
    assert not Rating.objects.exists()
    client.post("/interaction/status/", {"number": message.number, "code": code})
    detail = client.get(f"/interaction/status/{message.number}/").content.decode()
    assert 'id="answer-text"><p>周六上午开放。</p>' in detail and "您对这条答复满意吗？" in detail
    client.post(f"/interaction/rate/{message.number}/", {"score": "2"})
    assert list(Rating.objects.values_list("score", "by_writer")) == [(2, True)]


def test_handlers_are_reminded_of_messages_due_soon_or_overdue_once_a_day(
    handler, other_handler, new_message
):
    late, _ = new_message(title="已超期的留言")
    services.perform(late, Action.ACCEPT, actor=handler, officer=handler)
    Message.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=10))
    fresh, _ = new_message(title="刚受理的建议", kind="suggestion")
    services.perform(fresh, Action.ACCEPT, actor=handler, officer=other_handler)
    unassigned, _ = new_message(title="未分配的留言")
    Message.objects.filter(pk=unassigned.pk).update(
        due_on=timezone.localdate() - timedelta(days=10)
    )

    assert reminders.send() == 1
    (email,) = mail.outbox
    assert email.to == ["handler_a@example.com"]
    assert "已超期的留言" in email.body and "已超期" in email.body
    assert "刚受理的建议" not in email.body and "未分配的留言" not in email.body
    assert reminders.send() == 0  # once a day


def test_the_command_runs_inline_or_hands_the_work_to_the_task_backend(handler, new_message):
    late, _ = new_message(title="已超期的留言")
    services.perform(late, Action.ACCEPT, actor=handler, officer=handler)
    Message.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    out = []

    class Output:
        def write(self, text):
            out.append(text)

    call_command("send_interaction_reminders", "--no-wait", stdout=Output())
    # The test settings run tasks inline, so the task has done the work already.
    assert "已提交后台任务" in "".join(out) and len(mail.outbox) == 1
    Message.objects.filter(pk=late.pk).update(last_reminder_on=None)
    call_command("send_interaction_reminders", stdout=Output())
    assert "已发送提醒邮件 1 封" in "".join(out) and len(mail.outbox) == 2
