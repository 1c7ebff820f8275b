"""The site shell in a real browser: home page, 长者模式, keyboard use, error reports, axe."""

import pytest

from portal.models import ErrorReport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_page_renders_and_is_accessible(page, site_url, axe):
    page.goto(site_url + "/")
    assert page.title().endswith("伊金霍洛旗政务服务局")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("footer").get_by_text("1506270001").is_visible()
    assert page.get_by_role("navigation", name="主导航").get_by_role("link", name="政府信息公开")
    assert axe(page) == []


def test_content_page_is_accessible(page, site_url, axe):
    page.goto(site_url + "/xxgk/statutory/finance/2021-performance-evaluation/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("伊金霍洛旗政务服务局")
    assert axe(page) == []


def test_elder_mode_switch_persists_across_pages(page, site_url, axe):
    page.goto(site_url + "/")
    normal_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_url(site_url + "/")
    assert "elder-mode" in page.locator("html").get_attribute("class")
    elder_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert elder_size >= normal_size * 1.3
    # Still on after navigating elsewhere, and the button now switches it off.
    page.goto(site_url + "/xxgk/")
    assert "elder-mode" in page.locator("html").get_attribute("class")
    assert axe(page) == []
    page.get_by_role("button", name="退出长者模式").click()
    page.wait_for_url(site_url + "/xxgk/")
    assert "elder-mode" not in (page.locator("html").get_attribute("class") or "")


def test_keyboard_reaches_the_search_box_and_searches(page, site_url):
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "跳到主要内容"  # the skip link comes first
    for _ in range(6):
        if page.evaluate("document.activeElement.id") == "site-search":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-search"
    # Focus is visible: the focused field draws an outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type("绩效评价")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("link", name="伊金霍洛旗政务服务局2021年度部门整体支出绩效评价报告")


def test_skip_link_moves_focus_to_main(page, site_url):
    page.goto(site_url + "/xxgk/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_error_report_form_in_the_browser(page, site_url, axe):
    page.goto(site_url + "/xxgk/guide/")
    page.get_by_role("link", name="我为政府网站找错").click()
    page.wait_for_url("**/report-error/**")
    assert axe(page) == []
    # Submitting empty shows clear messages and keeps nothing.
    page.get_by_role("button", name="提交").click()
    assert page.get_by_text("请填写问题描述。").is_visible()
    assert page.get_by_text("请选择问题类型。").is_visible()
    assert ErrorReport.objects.count() == 0
    assert axe(page) == []
    page.get_by_label("问题类型").select_option(label="错别字")
    page.get_by_label("问题描述").fill("指南第三段“依申请公开”写成了“依申请工开”。")
    page.get_by_label("联系方式").fill("13800000000")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/report-error/thanks/")
    assert page.get_by_role("heading", name="提交成功").is_visible()
    report = ErrorReport.objects.get()
    assert report.page_url.endswith("/xxgk/guide/")
    assert "依申请工开" in report.description
