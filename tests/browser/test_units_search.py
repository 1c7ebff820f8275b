"""A citizen searches within one unit (the default from a unit's site) and widens the search to
every unit, in a real browser, at phone and desktop widths."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EDUCATION_DOCUMENT = "伊金霍洛旗教育体育局关于印发《2025年义务教育招生入学工作实施方案》的通知"


@pytest.mark.parametrize("width", [390, 1280])
def test_citizen_searches_one_unit_then_every_unit(page, site_url, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "/")
    # The bureau's site is a unit: its search box searches the bureau by default.
    assert page.locator("#site-search-scope option:checked").inner_text() == "本单位"
    page.locator("#site-search").fill("招生入学")
    # The header's search box (the home page has a search block of its own).
    page.locator(".site-header").get_by_role("button", name="搜索", exact=True).click()
    page.wait_for_url("**/search/?**")
    assert "unit=" in page.url
    assert page.get_by_role("link", name=EDUCATION_DOCUMENT).count() == 0
    widen = page.get_by_role("link", name="在全部单位中搜索")
    assert widen.is_visible()
    assert axe(page) == []

    widen.click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name=EDUCATION_DOCUMENT).first.is_visible()
    assert page.locator(".search-widen").count() == 0
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
