"""The public side: the message form (types, required contact, CSRF, captcha, rate limit,
nothing lost on errors), "查找相关答复" before sending, the one-time receipt, the look-up,
and writers' personal data encrypted at rest."""

import re

import pytest
from django.db import connection
from django.test import Client
from interaction_helpers import captcha_answer, publish

from interaction import services
from interaction.models import FaqPage, LookupAttempt, Message, MessageEvent

pytestmark = pytest.mark.django_db


def form_data(client, organisation, message_topic, **overrides):
    """A valid submission: the form is fetched first, its captcha answered from the store."""
    key, answer = captcha_answer(client.get("/interaction/ask/").content.decode())
    data = {
        "kind": "consultation",
        "topic": message_topic.pk,
        "department": organisation.pk,
        "title": "社保卡补办要多久",
        "content": "上周在政务服务中心申请补办社保卡，想问多久可以取到。",
        "name": "",
        "phone": "13904770031",
        "email": "",
        "captcha_0": key,
        "captcha_1": answer,
    }
    data.update(overrides)
    return data


def test_a_consultation_without_a_name_is_accepted_with_a_receipt_shown_once(
    client, column, bureau, topic
):
    response = client.post("/interaction/ask/", form_data(client, bureau, topic))
    assert response.status_code == 302 and response["Location"] == "/interaction/receipt/"
    receipt = client.get("/interaction/receipt/").content.decode()
    message = Message.objects.get()
    assert message.number in receipt and re.fullmatch(r"HD\d{4}-\d{5}", message.number)
    code = re.search(r'id="receipt-code" class="code">([A-Z2-9-]+)<', receipt).group(1)
    assert message.check_lookup_code(code) and code not in message.lookup_code_hash
    assert message.status == "pending" and message.name == ""
    assert message.due_on is not None and message.period_days == 5
    assert [e.action for e in MessageEvent.objects.filter(message=message)] == ["submit"]
    # Shown once: the 查询码 is nowhere to be read again.
    assert client.get("/interaction/receipt/").status_code == 410


def test_suggestions_and_complaints_need_a_name_and_every_message_a_contact(
    client, column, bureau, topic
):
    data = form_data(client, bureau, topic, kind="complaint", phone="", email="")
    response = client.post("/interaction/ask/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "投诉请填写姓名，便于核实情况。" in html
    assert "请至少填写联系电话或电子邮箱中的一项，以便答复您。" in html
    # Nothing typed is lost.
    assert "社保卡补办要多久" in html and "上周在政务服务中心申请补办社保卡" in html
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"title": "社保"}, "标题至少需要4个字。"),
        ({"content": "太慢了"}, "留言内容至少需要10个字"),
        ({"phone": "call me"}, "请输入有效的电话号码"),
        ({"email": "not-an-address"}, "请输入有效的电子邮箱地址"),
        ({"kind": "praise"}, "请选择留言类型：咨询、建议或投诉。"),
        ({"department": "999999"}, "请从列表中选择受理部门。"),
        ({"topic": "abc"}, "请从列表中选择主题。"),
        ({"captcha_1": "wrong"}, "验证码不正确或已过期"),
    ],
)
def test_bad_input_gets_a_clear_chinese_message(client, column, bureau, topic, overrides, error):
    response = client.post("/interaction/ask/", form_data(client, bureau, topic, **overrides))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert Message.objects.count() == 0


def test_the_form_refuses_a_post_without_its_csrf_token(column, bureau, topic):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/interaction/ask/", form_data(strict, bureau, topic))
    assert response.status_code == 403 and Message.objects.count() == 0


def test_submissions_are_limited_per_client(client, column, bureau, topic, settings):
    settings.INTERACTION_SUBMISSIONS_PER_HOUR = 2
    for title in ("第一条留言标题", "第二条留言标题"):
        assert (
            client.post(
                "/interaction/ask/", form_data(client, bureau, topic, title=title)
            ).status_code
            == 302
        )
    response = client.post(
        "/interaction/ask/", form_data(client, bureau, topic, title="第三条留言标题")
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "每小时最多 2 条" in html and "第三条留言标题" in html
    assert Message.objects.count() == 2
    # Another client is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post("/interaction/ask/", form_data(other, bureau, topic)).status_code == 302


def test_the_limit_follows_the_client_behind_a_trusted_proxy(
    client, column, bureau, topic, settings
):
    settings.INTERACTION_SUBMISSIONS_PER_HOUR = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    first = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert first.post("/interaction/ask/", form_data(first, bureau, topic)).status_code == 302
    assert first.post("/interaction/ask/", form_data(first, bureau, topic)).status_code == 429
    assert second.post("/interaction/ask/", form_data(second, bureau, topic)).status_code == 302


def test_personal_data_is_encrypted_at_rest(client, column, bureau, topic):
    data = form_data(client, bureau, topic, name="李慧敏", email="li@example.com")
    client.post("/interaction/ask/", data)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, email, title FROM interaction_message")
        name, phone, email, title = cursor.fetchone()
    for stored in (name, phone, email):
        assert stored.startswith("sm4gcm$")
    assert "13904770031" not in phone and "李慧敏" not in name
    assert title == "社保卡补办要多久"
    message = Message.objects.get()
    assert (message.name, message.phone, message.email) == (
        "李慧敏",
        "13904770031",
        "li@example.com",
    )


def test_find_answers_shows_matching_faq_and_keeps_everything_typed(
    client, column, faq_index, bureau, topic, indexed
):
    faq = FaqPage(
        title="社保卡补办多久可以领取？",
        slug="social-card",
        answer="<p>社保卡补办一般在申请后10个工作日内制卡完成，可到政务服务中心领取。</p>",
    )
    with indexed():
        faq_index.add_child(instance=faq)
        publish(faq)
    data = form_data(client, bureau, topic, find_answers="1", captcha_1="")
    response = client.post("/interaction/ask/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="suggested-answers"' in html and faq.url in html
    assert "社保卡补办多久可以领取" in re.sub(r"</?mark>", "", html)
    # Nothing was sent, nothing was lost, and no error is shown for the empty captcha.
    assert Message.objects.count() == 0
    assert 'value="社保卡补办要多久"' in html and "上周在政务服务中心申请补办社保卡" in html
    assert 'value="13904770031"' in html and "form-errors" not in html


def test_find_answers_says_so_when_nothing_matches(client, column, bureau, topic):
    data = form_data(client, bureau, topic, title="无人问过的奇特问题", find_answers="1")
    html = client.post("/interaction/ask/", data).content.decode()
    assert "没有找到与您的问题相关的答复" in html


def test_a_paused_channel_takes_no_messages(client, column, bureau, topic):
    data = form_data(client, bureau, topic)
    column.accepting_messages = False
    publish(column)
    assert client.get("/interaction/ask/").status_code == 503
    response = client.post("/interaction/ask/", data)
    assert response.status_code == 503 and "留言功能暂停" in response.content.decode()
    assert Message.objects.count() == 0


def test_status_look_up_with_number_and_code(client, column, new_message):
    message, code = new_message()
    response = client.post(
        "/interaction/status/", {"number": message.number.lower(), "code": code.lower()}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'id="current-status">待审核<' in page and message.title in page
    assert LookupAttempt.objects.filter(succeeded=True).count() == 1


def test_a_wrong_code_and_an_unknown_number_look_the_same_and_cost_the_same(
    client, column, new_message, monkeypatch
):
    message, _code = new_message()
    checks = []
    original = services.check_password

    def counting(raw, encoded):
        checks.append(encoded)
        return original(raw, encoded)

    monkeypatch.setattr(services, "check_password", counting)
    monkeypatch.setattr("interaction.models.messages.check_password", counting)
    wrong = client.post(
        "/interaction/status/", {"number": message.number, "code": "AAAA-BBBB-CCCC"}
    )
    unknown = client.post(
        "/interaction/status/", {"number": "HD2000-99999", "code": "AAAA-BBBB-CCCC"}
    )
    assert wrong.status_code == unknown.status_code == 400
    error = "留言编号或查询码不正确，请核对后重新输入。"
    assert error in wrong.content.decode() and error in unknown.content.decode()
    # One password check each: an unknown number is not answered faster.
    assert len(checks) == 2
    assert client.get(f"/interaction/status/{message.number}/").status_code == 302


def test_failed_look_ups_are_limited(client, column, new_message, settings):
    settings.INTERACTION_FAILED_LOOKUPS_PER_HOUR = 3
    message, code = new_message()
    for _ in range(3):
        client.post("/interaction/status/", {"number": message.number, "code": "WRONG"})
    response = client.post("/interaction/status/", {"number": message.number, "code": code})
    assert response.status_code == 429 and "查询失败次数过多" in response.content.decode()


def test_the_column_links_the_three_doors_and_the_home_page_links_the_column(client, column):
    column.show_in_menus = True
    publish(column)
    home = client.get("/").content.decode()
    assert 'href="/hudong/"' in home
    page = client.get("/hudong/").content.decode()
    for link in ("/interaction/ask/", "/interaction/status/", "/hudong/faq/"):
        assert f'href="{link}"' in page
