"""搜索分析 and 推荐结果 in a real browser: a 内容监管 staff member opens 搜索分析 from the admin
menu, pins a page for a query that found nothing, and a citizen searching it then sees that
page first, marked 推荐, and follows it through the click counter. All by clicking (typing
only into search boxes and the form)."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from search.models import SearchPin, SearchQueryDaily

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUERY = "量子计算机"
TARGET = "伊金霍洛旗政务服务局2024年政府信息公开工作年度报告"
PASSWORD = "jianguan-pass-1"


@pytest.fixture
def supervisor(site_url, django_user_model):
    user = django_user_model.objects.create_user(username="jianguan", password=PASSWORD)
    user.groups.add(Group.objects.get(name="内容监管"))
    return user


def search_as_citizen(page, site_url, query):
    page.goto(site_url + "/search/")
    page.get_by_label("搜索内容").fill(query)
    page.get_by_label("搜索内容").press("Enter")
    page.wait_for_url("**/search/?q=*")


def test_staff_pin_a_zero_result_query_and_citizens_see_it_first(
    page, site_url, supervisor, staff_login
):
    search_as_citizen(page, site_url, QUERY)
    assert "没有找到相关内容" in page.content()
    assert not SearchQueryDaily.objects.get(query=QUERY, day=timezone.localdate()).had_results

    staff_login(page, site_url, "jianguan", PASSWORD)
    page.get_by_role("button", name="站内搜索").click()
    page.get_by_role("link", name="搜索分析").click()
    page.wait_for_url("**/admin/search-analytics/")
    row = page.locator("#zero-results tr").filter(has_text=QUERY)
    row.get_by_role("link", name="设为推荐结果").click()
    page.wait_for_url("**/admin/snippets/search/searchpin/add/?query=*")
    assert page.locator("#id_query").input_value() == QUERY
    page.get_by_role("button", name="选择一个页面").click()
    modal = page.locator(".modal-content")
    modal.locator("input[name=q]").fill(TARGET)  # one token for Wagtail's database search
    modal.get_by_role("link", name=TARGET).first.click()
    page.locator(".modal-content").wait_for(state="hidden")
    page.get_by_role("button", name="保存", exact=True).first.click()
    page.wait_for_url("**/admin/snippets/search/searchpin/")
    pin = SearchPin.objects.get()
    assert (pin.query, pin.page.title, pin.created_by) == (QUERY, TARGET, supervisor)

    page.context.clear_cookies()  # now a citizen
    search_as_citizen(page, site_url, QUERY)
    first = page.locator(".search-hit").first
    assert first.locator(".search-pinned").inner_text() == "推荐"
    assert TARGET in first.locator("h3 a").inner_text()
    assert page.locator(".search-pinned").count() == 1
    first.locator("h3 a").click()
    page.wait_for_url(lambda url: "/search/" not in url)
    assert TARGET in page.locator("h1").first.inner_text()
    row = SearchQueryDaily.objects.get(query=QUERY, day=timezone.localdate())
    assert row.had_results and row.clicks == 1


def test_results_page_fits_a_phone(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    search_as_citizen(page, site_url, "政府信息公开")
    assert page.locator(".search-hit").count() > 0
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] == 390, widths


def test_staff_find_an_unreadable_scan_and_recognise_it_again(
    page, site_url, supervisor, staff_login
):
    """无法检索的附件 from the admin menu: the scan OCR could not read, its reason, and
    重新识别 by one click."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from search.models import ExtractedText

    scan = get_document_model().objects.create(
        title="模糊的扫描件", file=ContentFile(b"not an image", name="blurred.png")
    )
    # Saving the document already tried to read it (search/signals.py): its row, as OCR left it.
    ExtractedText.objects.update_or_create(
        document_id=scan.pk,
        defaults={"text": "", "ocr": False, "ocr_error": "未识别出文字", "ocr_at": timezone.now()},
    )
    staff_login(page, site_url, "jianguan", PASSWORD)
    page.get_by_role("button", name="站内搜索").click()
    page.get_by_role("link", name="无法检索的附件").click()
    page.wait_for_url("**/admin/search-unreadable/")
    row = page.locator("#unreadable tr").filter(has_text="模糊的扫描件")
    expect(row).to_contain_text("未识别出文字")
    row.get_by_role("button", name="重新识别").click()
    expect(page.get_by_text("已重新识别“模糊的扫描件”")).to_be_visible()
