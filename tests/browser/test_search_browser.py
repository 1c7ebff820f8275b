"""Public search in a real browser: results, facet links, suggestions, accessibility.

The live server answers from the database backend (the demo's default); the page is the
same template whichever backend answers (tests/search covers both backends)."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_search_page_with_results_is_accessible(page, site_url, axe):
    page.goto(site_url + "/search/?q=政府信息公开")
    assert page.get_by_role("heading", level=1).inner_text() == "站内搜索"
    status = page.locator(".search-count")
    assert "共找到" in status.inner_text()
    assert page.locator(".search-hit mark").first.inner_text() == "政府信息公开"
    assert page.get_by_role("complementary", name="筛选结果").is_visible()
    assert axe(page) == []


def test_facet_links_filter_without_javascript(page, site_url):
    page.route("**/*.js", lambda route: route.abort())  # the page must not need scripts
    page.goto(site_url + "/search/?q=政府信息公开")
    total = page.locator(".search-count strong").inner_text()
    year_link = page.locator("#facet-year ~ ul a").first
    label = year_link.inner_text()
    year_link.click()
    page.wait_for_url("**/search/?q=*&year=*")
    assert page.locator(".search-active-filters").get_by_text(label).is_visible()
    assert int(page.locator(".search-count strong").inner_text()) <= int(total)
    # The selected value links back to the unfiltered results.
    selected = page.locator('#facet-year ~ ul a[aria-current="true"]')
    assert selected.inner_text().startswith(label)
    selected.click()
    page.wait_for_url(lambda url: "year=" not in url)
    assert page.locator(".search-count strong").inner_text() == total


def test_empty_and_no_result_pages_are_accessible(page, site_url, axe):
    page.goto(site_url + "/search/")
    assert page.get_by_label("搜索内容").is_visible()
    assert axe(page) == []
    page.goto(site_url + "/search/?q=量子计算机")
    assert "没有找到相关内容" in page.content()
    assert axe(page) == []


def test_title_suggestions_while_typing(page, site_url):
    page.goto(site_url + "/search/")
    page.get_by_label("搜索内容").type("政府信息")
    # Polled with a locator (a string for wait_for_function would need eval, which the
    # page's Content-Security-Policy refuses).
    page.locator("#search-suggestions option").first.wait_for(state="attached", timeout=5000)
    options = page.eval_on_selector_all(
        "#search-suggestions option", "nodes => nodes.map(n => n.value)"
    )
    assert any(option.startswith("政府信息公开") for option in options)
