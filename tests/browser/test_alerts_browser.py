"""A citizen subscribes to alerts about one policy document from its page and confirms from
the mail, in a real browser at phone and desktop widths, each page checked with axe-core."""

import re

import pytest

from disclosure.models import PolicyDocumentPage, Subscription

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1280])
def test_subscribe_from_a_document_page_and_confirm(page, site_url, axe, width, mailoutbox):
    page.set_viewport_size({"width": width, "height": 900})
    document = PolicyDocumentPage.objects.live().filter(disclosure_attribute="proactive").first()
    page.goto(document.full_url)  # several Sites (集约化): Wagtail writes full URLs
    entry = page.locator(".alert-subscribe")
    assert entry.get_by_role("link", name="RSS").first.is_visible()
    entry.get_by_role("link", name="邮件订阅").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="订阅更新提醒").is_visible()
    assert axe(page) == [] and fits(page, width)

    page.get_by_role("button", name="订阅").click()  # empty: a clear message, nothing lost
    page.wait_for_load_state()
    assert page.get_by_text("请填写电子邮箱。").is_visible()
    page.get_by_label("电子邮箱").fill("reader@example.com")
    page.get_by_role("button", name="订阅").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="请查收确认邮件").is_visible()
    assert axe(page) == [] and fits(page, width)

    link = re.search(r"https?://\S+/alerts/confirm/\S+/", mailoutbox[-1].body).group(0)
    page.goto(site_url + re.sub(r"^https?://[^/]+", "", link))
    page.get_by_role("button", name="确认订阅").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="订阅成功").is_visible()
    assert axe(page) == [] and fits(page, width)
    assert Subscription.objects.get().is_active
