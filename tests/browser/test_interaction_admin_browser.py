"""互动交流 handling in the Wagtail admin, in a real browser: the 负责人 opens the queue from the
menu, accepts a demo message, answers it and publishes it (personal data removed), all by
clicking; the published answer is on the public site."""

import pytest
from django.contrib.auth.models import Group

from interaction.models import Message

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "老年人办事能否上门服务"


@pytest.fixture
def head(site_url, django_user_model):
    user = django_user_model.objects.create_user(
        username="hudong_head", password="head-pass-1", first_name="负责人"
    )
    user.groups.add(Group.objects.get(name="互动交流负责人"))
    return user


def log_in(page, site_url, username, password):
    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(site_url + "/admin/")


def test_the_head_accepts_answers_and_publishes_a_message_by_clicking(page, site_url, head, axe):
    message = Message.objects.get(title=TITLE)
    assert message.status == "pending"
    log_in(page, site_url, "hudong_head", "head-pass-1")
    page.get_by_role("button", name="互动交流").click()
    page.get_by_role("link", name="留言办理").click()
    page.wait_for_url("**/admin/interaction/")
    row = page.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("link", name=message.number).click()
    page.wait_for_url(f"**/admin/interaction/{message.pk}/")
    assert page.locator("#message-status").inner_text() == "待审核"

    page.get_by_role("link", name="受理", exact=True).click()
    page.get_by_role("button", name="确认受理").click()
    page.wait_for_url(f"**/admin/interaction/{message.pk}/")
    assert page.locator("#message-status").inner_text() == "办理中"

    page.get_by_role("link", name="答复", exact=True).click()
    page.get_by_label("答复内容").fill(
        "您好！行动不便的老年人可拨打本局帮办代办电话预约，工作人员将上门办理养老资格认证。"
    )
    page.get_by_role("button", name="发送答复").click()
    page.wait_for_url(f"**/admin/interaction/{message.pk}/")
    assert page.locator("#message-status").inner_text() == "已答复"

    page.get_by_role("link", name="公开留言和答复").click()
    assert page.get_by_label("公开的答复内容").input_value().startswith("您好！行动不便的老年人")
    page.get_by_label("公开的标题").fill("行动不便的老年人能否上门办理养老资格认证")
    page.get_by_role("button", name="确认公开留言和答复").click()
    page.wait_for_url(f"**/admin/interaction/{message.pk}/")
    assert axe(page) == []

    page.get_by_role("link", name="行动不便的老年人能否上门办理养老资格认证").click()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "行动不便的老年人能否上门办理养老资格认证"
    )
    assert "工作人员将上门办理养老资格认证" in page.content()
    assert "elder-care@example.com" not in page.content()
    message.refresh_from_db()
    assert message.status == "answered" and message.public_page.live
