"""订阅提醒 end to end: subscribe (double opt-in), the address stored encrypted, the alerts a
publication sends (one per address), one-click unsubscribe (RFC 8058), retries, the admin
counts, the topic/publisher/document feeds, and clear Chinese answers to bad input."""

import re
from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from core.mail import RETRY_AFTER
from disclosure import tasks
from disclosure.models import (
    AlertMail,
    DocumentRelation,
    PolicyInterpretationPage,
    Subscription,
)

pytestmark = pytest.mark.django_db

ADDRESS = "Reader@Example.com"
SUBSCRIBE = "/disclosure/alerts/subscribe/"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP 服务器拒绝连接")


FAILING = "test_alerts.FailingBackend"


@pytest.fixture
def document(make_document):
    return make_document(title="关于简化企业开办手续的通知")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the transaction to commit (the mails are queued on commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def link_in(body, kind):
    return re.search(rf"https?://\S+/disclosure/alerts/{kind}/\S+/", body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def subscribe_confirmed(client, commit, mailoutbox, scope, target, address=ADDRESS):
    with commit():
        response = client.post(SUBSCRIBE, {"email": address, "scope": scope, "target": target})
    assert response.status_code == 200
    confirm = path_of(link_in(mailoutbox[-1].body, "confirm"))
    assert client.post(confirm).status_code == 200
    mailoutbox.clear()


def test_double_opt_in_with_the_address_stored_encrypted(client, document, commit, mailoutbox):
    page = client.get(SUBSCRIBE, {"scope": "document", "target": document.pk})
    assert page.status_code == 200 and "关于简化企业开办手续的通知" in page.content.decode()

    with commit():
        response = client.post(
            SUBSCRIBE, {"email": ADDRESS, "scope": "document", "target": document.pk}
        )
    assert "请查收确认邮件" in response.content.decode()
    subscription = Subscription.objects.get()
    assert not subscription.is_active  # nothing is sent until the owner confirms
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT email FROM {Subscription._meta.db_table}")
        stored = cursor.fetchone()[0]
    assert "example" not in stored.lower() and stored.startswith("sm4gcm$")
    assert Subscription.objects.get().email == "reader@example.com"

    [mail] = mailoutbox
    assert mail.to == ["reader@example.com"] and "请确认订阅" in mail.subject
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.extra_headers["List-Unsubscribe"].startswith("<http")

    confirm = path_of(link_in(mail.body, "confirm"))
    assert (
        "确认订阅" in client.get(confirm).content.decode()
    )  # a GET (link preview) confirms nothing
    assert not Subscription.objects.get().is_active
    assert "订阅成功" in client.post(confirm).content.decode()
    assert Subscription.objects.get().is_active


def test_subscribing_again_says_the_same_and_mails_at_most_once_in_a_while(
    client, document, commit, mailoutbox
):
    data = {"email": ADDRESS, "scope": "document", "target": document.pk}
    with commit():
        first = client.post(SUBSCRIBE, data).content.decode()
        second = client.post(SUBSCRIBE, {**data, "email": "reader@example.COM "}).content.decode()
    assert "请查收确认邮件" in first and "请查收确认邮件" in second
    assert Subscription.objects.count() == 1 and len(mailoutbox) == 1


def test_a_republication_with_a_note_alerts_the_document_subscribers(
    client, document, commit, mailoutbox
):
    subscribe_confirmed(client, commit, mailoutbox, "document", document.pk)
    document.change_note = "申请材料由5项减为3项。"
    with commit():
        document.save_revision().publish()
    [mail] = mailoutbox
    assert "关于简化企业开办手续的通知" in mail.subject and "已更新" in mail.subject
    assert "申请材料由5项减为3项。" in mail.body
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # A typo fix alerts nobody.
    mailoutbox.clear()
    document.change_note, document.minor_change = "", True
    with commit():
        document.save_revision().publish()
    assert mailoutbox == []


def test_new_documents_amendments_and_interpretations_alert_once_per_address(
    client, document, commit, mailoutbox, make_document, policy_column, column_root, bureau
):
    subscribe_confirmed(client, commit, mailoutbox, "column", policy_column.pk)
    subscribe_confirmed(client, commit, mailoutbox, "topic", document.topic_id)
    subscribe_confirmed(client, commit, mailoutbox, "document", document.pk, "b@example.com")
    with commit():
        newer = make_document(title="关于修改企业开办手续的通知", publish=False)
        DocumentRelation.objects.create(page=newer, target=document, kind="amends")
        newer.save_revision().publish()
    by_address = {tuple(mail.to): mail for mail in mailoutbox}
    assert len(mailoutbox) == 2  # column and topic subscriber: one mail, not two
    assert "关于修改企业开办手续的通知" in by_address[("reader@example.com",)].subject
    assert "已被新文件修改" in by_address[("b@example.com",)].subject

    mailoutbox.clear()
    interpretation = PolicyInterpretationPage(
        title="《关于简化企业开办手续的通知》解读",
        slug="jiedu",
        publisher=bureau,
        policy_document=document,
        main_content="<p>主要内容。</p>",
        live=False,
    )
    column_root.add_child(instance=interpretation)
    with commit():
        interpretation.save_revision().publish()
    assert [mail.to for mail in mailoutbox] == [["b@example.com"]]
    assert "发布了政策解读" in mailoutbox[0].subject


def test_one_click_unsubscribe_without_a_form(client, document, commit, mailoutbox):
    subscribe_confirmed(client, commit, mailoutbox, "document", document.pk)
    document.change_note = "第一次修改。"
    with commit():
        document.save_revision().publish()
    url = mailoutbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    assert url in mailoutbox[0].body

    mail_client = Client(enforce_csrf_checks=True)  # a mail client posts without a CSRF token
    response = mail_client.post(
        path_of(url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200 and "已退订" in response.content.decode()
    assert not Subscription.objects.get().is_active

    mailoutbox.clear()
    document.change_note = "第二次修改。"
    with commit():
        document.save_revision().publish()
    assert mailoutbox == []


def test_bad_input_gets_a_chinese_message_never_a_server_error(client, document, commit):
    bad_email = client.post(
        SUBSCRIBE, {"email": "不是邮箱", "scope": "document", "target": document.pk}
    )
    assert bad_email.status_code == 400
    assert "请输入有效的电子邮箱地址" in bad_email.content.decode()
    no_target = client.get(SUBSCRIBE, {"scope": "document", "target": "99999999999999999999"})
    assert (
        no_target.status_code == 404 and "没有找到要订阅的栏目或文件" in no_target.content.decode()
    )
    no_scope = client.post(SUBSCRIBE, {"email": ADDRESS, "scope": "x", "target": document.pk})
    assert no_scope.status_code == 404
    forged = client.post("/disclosure/alerts/unsubscribe/1:forged/")
    assert forged.status_code == 400 and "链接无效或已过期" in forged.content.decode()
    assert client.get("/disclosure/alerts/confirm/abc/").status_code == 400
    assert not Subscription.objects.exists()


@override_settings(DISCLOSURE_ALERTS_SUBSCRIBE_PER_HOUR=2)
def test_subscribing_is_rate_limited_per_client(client, document, commit):
    answers = []
    with commit():
        for number in range(3):
            data = {"email": f"r{number}@example.com", "scope": "document", "target": document.pk}
            answers.append(client.post(SUBSCRIBE, data))
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert "每小时最多 2 次" in answers[2].content.decode()
    assert Subscription.objects.count() == 2


def test_a_failed_mail_is_retried_and_counted_for_editors(
    client, admin_client, document, commit, mailoutbox
):
    with override_settings(EMAIL_BACKEND=FAILING), commit():
        client.post(SUBSCRIBE, {"email": ADDRESS, "scope": "document", "target": document.pk})
    mail = AlertMail.objects.get()
    assert mail.sent_at is None and mail.attempts == 1 and "拒绝连接" in mail.last_error

    html = admin_client.get("/admin/disclosure-reports/alerts/").content.decode()
    assert "订阅提醒统计" in html and "拒绝连接" in html and "example.com" not in html

    later = timezone.now() + RETRY_AFTER + timedelta(seconds=1)
    assert tasks.retry_alert_mails(now=later) == 1
    mail.refresh_from_db()
    assert mail.sent_at is not None and mail.attempts == 2 and len(mailoutbox) == 1
    assert tasks.retry_alert_mails(now=later) == 0


def test_the_admin_counts(admin_client, client, document, commit, mailoutbox, policy_column):
    subscribe_confirmed(client, commit, mailoutbox, "document", document.pk)
    with commit():
        client.post(
            SUBSCRIBE, {"email": "p@example.com", "scope": "column", "target": policy_column.pk}
        )
    response = admin_client.get("/admin/disclosure-reports/alerts/")
    rows = re.findall(
        r"<tr><th scope=\"row\">(.*?)</th><td>(\d+)</td><td>(\d+)</td>", response.content.decode()
    )
    assert ("栏目", "0", "1") in rows and ("文件", "1", "0") in rows and ("合计", "1", "1") in rows
    sent = re.search(r"<tbody><tr><td>(\d+)</td>", response.content.decode()).group(1)
    assert sent == "2"  # two confirmation mails


def test_the_feeds_of_a_document_a_topic_and_a_publisher(
    client, document, make_document, bureau, commit
):
    document.change_note = "申请材料由5项减为3项。"
    document.save_revision().publish()
    newer = make_document(title="关于废止企业开办旧规定的通知", publish=False)
    DocumentRelation.objects.create(page=newer, target=document, kind="repeals")
    newer.save_revision().publish()

    feed = client.get(f"/disclosure/documents/{document.pk}/rss.xml").content.decode()
    assert "申请材料由5项减为3项。" in feed and "已被废止：关于废止企业开办旧规定的通知" in feed
    atom = client.get(f"/disclosure/documents/{document.pk}/atom.xml")
    assert atom.status_code == 200 and "<entry>" in atom.content.decode()
    topic = client.get(f"/disclosure/topics/{document.topic_id}/rss.xml").content.decode()
    assert "关于简化企业开办手续的通知" in topic
    publisher = client.get(f"/disclosure/publishers/{bureau.pk}/atom.xml").content.decode()
    assert "关于废止企业开办旧规定的通知" in publisher
    assert client.get("/disclosure/documents/99999999/rss.xml").status_code == 404


def test_the_document_and_column_pages_offer_the_subscriptions(client, document, policy_column):
    html = client.get(document.url).content.decode()
    assert "订阅更新提醒" in html
    assert f"{SUBSCRIBE}?scope=document&amp;target={document.pk}" in html
    assert f"/disclosure/documents/{document.pk}/rss.xml" in html
    assert f"?scope=topic&amp;target={document.topic_id}" in html
    column = client.get(policy_column.url).content.decode()
    assert f"?scope=column&amp;target={policy_column.pk}" in column
