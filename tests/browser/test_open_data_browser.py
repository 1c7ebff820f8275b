"""开放数据 and 依申请公开统计 in a real browser at phone and desktop widths: from the home
page's footer to each page, a download of the catalogue, the statistics of a closed year."""

import pytest

from disclosure.open_data import export_open_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_open_data_and_statistics_from_the_home_page(page, site_url, axe, width):
    export_open_data()
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(site_url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="开放数据").click()
    page.wait_for_url("**/open-data/")
    assert page.get_by_role("heading", name="开放数据", level=1).is_visible()
    assert page.get_by_role("table", name="字段说明").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="catalogue.csv").click()
    assert download.value.suggested_filename == "catalogue.csv"
    assert no_horizontal_scroll(page)
    assert axe(page) == []

    page.goto(site_url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="依申请公开统计").click()
    page.wait_for_url("**/applications/statistics/")
    page.get_by_role("link", name="2025年").click()
    page.wait_for_url("**/applications/statistics/2025/")
    assert page.get_by_role("heading", name="2025年依申请公开统计", level=1).is_visible()
    assert page.get_by_role("table", name="按申请人类型（表三）").is_visible()
    assert page.locator("svg").count() >= 2
    assert no_horizontal_scroll(page)
    assert axe(page) == []
