"""互动交流 in a real browser, as a citizen uses it on a phone (390 px) and on a desktop
(1280 px): from the home page to the column, write a message, look at the suggested answers
first, send it, read the receipt, look the status up; once the bureau has answered and
published it, read the answer and its public page. Only the home page is typed; everything else
is reached by clicking what a person sees. axe-core finds no serious or critical problem."""

import re

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model

from interaction import services
from interaction.models import Message
from interaction.workflow import Action
from search import service as search_service

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def database_search(settings):
    """The suggestions come from the search service's database backend (no Elasticsearch in
    browser tests); set before the demo is seeded so the demo's pages are what it searches."""
    settings.ELASTICSEARCH_URL = ""
    search_service.reset_elasticsearch_state()
    yield
    search_service.reset_elasticsearch_state()


def answer_captcha(page):
    key = page.locator("input[name=captcha_0]").get_attribute("value")
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)


def open_column(page, site_url):
    page.goto(site_url + "/")
    menu = page.locator(".nav-menu > summary")
    if menu.is_visible():  # on a phone the menu is folded: tap 栏目导航 first
        menu.click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="互动交流").click()
    page.wait_for_url("**/hudong/")
    assert page.get_by_role("heading", level=1).inner_text() == "互动交流"


def answer_and_publish(message):
    """What the bureau does in the admin (test_interaction_admin_browser.py clicks it)."""
    users = get_user_model().objects
    handler = users.get(username="demo_interaction_handler")
    head = users.get(username="demo_interaction_head")
    services.perform(message, Action.ACCEPT, actor=handler)
    services.perform(
        message,
        Action.REPLY,
        actor=handler,
        text="您好！政务服务中心每周六上午9:00—12:00开放社保窗口，可以办理社保卡补办。",
    )
    services.perform(
        message,
        Action.PUBLISH,
        actor=head,
        title="周六能否补办社保卡",
        question="我工作日上班，想问周六上午能不能在政务服务中心补办社保卡？",
        answer="政务服务中心每周六上午9:00—12:00开放社保窗口，可以办理社保卡补办。",
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citizen_asks_sees_suggestions_submits_and_reads_the_published_answer(
    database_search, page, site_url, axe, width
):
    page.set_viewport_size(WIDTHS[width])
    open_column(page, site_url)
    assert axe(page) == []
    page.get_by_role("link", name="我要留言").first.click()
    page.wait_for_url("**/interaction/ask/")
    assert page.get_by_role("heading", level=1).inner_text() == "我要留言"
    assert axe(page) == []

    page.get_by_label("咨询", exact=True).check()
    page.get_by_label("主题").select_option(label="政务服务事项办理")
    page.get_by_label("受理部门").select_option(label="伊金霍洛旗政务服务局")
    page.get_by_label("标题").fill("政务服务中心周六办公时间")
    page.get_by_label("留言内容").fill("我工作日上班，想问周六上午能不能在政务服务中心补办社保卡？")
    page.get_by_label("联系电话").fill("13904770088")

    # The step button: the form comes back with suggestions and everything typed kept.
    page.get_by_role("button", name="查找相关答复").click()
    suggested = page.get_by_role("region", name="相关答复")
    suggested.wait_for()
    assert suggested.get_by_role("link", name="政务服务中心的办公时间是什么？").is_visible()
    assert page.get_by_label("标题").input_value() == "政务服务中心周六办公时间"
    assert page.get_by_label("联系电话").input_value() == "13904770088"
    assert page.get_by_label("咨询", exact=True).is_checked()
    assert axe(page) == []

    page.get_by_label("同意在网站公开我的留言和答复").check()
    answer_captcha(page)
    page.get_by_role("button", name="提交留言").click()
    page.wait_for_url("**/interaction/receipt/")
    assert axe(page) == []
    number = page.locator("#receipt-number").inner_text()
    code = page.locator("#receipt-code").inner_text()
    message = Message.objects.get(number=number)
    assert message.status == "pending" and message.phone == "13904770088"
    assert "13904770088" not in page.content()

    page.get_by_role("link", name="查询留言办理情况").click()
    page.wait_for_url("**/interaction/status/")
    assert axe(page) == []
    page.get_by_label("留言编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/interaction/status/{number}/")
    assert page.locator("#current-status").inner_text() == "待审核"
    assert axe(page) == []

    answer_and_publish(message)

    # Later, from the home page again: look it up and read the answer.
    open_column(page, site_url)
    page.get_by_role("link", name="查询留言办理情况").first.click()
    page.wait_for_url("**/interaction/status/")
    page.get_by_label("留言编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/interaction/status/{number}/")
    assert page.locator("#current-status").inner_text() == "已答复"
    assert "可以办理社保卡补办" in page.locator("#answer-text").inner_text()
    assert axe(page) == []
    page.get_by_role("link", name="查看公开的答复").click()
    page.wait_for_url(re.compile(r".*/hudong/.+"))
    assert page.get_by_role("heading", level=1).inner_text() == "周六能否补办社保卡"
    assert "每周六上午9:00—12:00开放社保窗口" in page.content()
    assert "13904770088" not in page.content()
    assert axe(page) == []

    # And the column lists it among the published answers.
    open_column(page, site_url)
    page.get_by_role("link", name="周六能否补办社保卡").click()
    assert page.get_by_role("heading", level=1).inner_text() == "周六能否补办社保卡"
    # Nothing overflows the screen sideways at either width.
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
