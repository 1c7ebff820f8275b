"""Policy lifecycle in a real browser at phone and desktop widths: the 有效期内 filter of the
catalogue, a document's timeline and stable addresses, and /id/<索引号> landing on it."""

import pytest

from disclosure.models import PolicyDocumentPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_timeline_filter_and_stable_address(page, site_url, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    document = (
        PolicyDocumentPage.objects.live().filter(index_number__isnull=False).order_by("pk").first()
    )
    column = document.get_parent()

    # The catalogue filtered to the documents in force on the document's 成文日期.
    day = document.written_date.isoformat()
    page.goto(column.full_url)
    page.get_by_label("有效期内（日期）").fill(day)
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(f"**in_force_on={day}*")
    assert page.get_by_role("link", name=document.title).first.is_visible()
    assert no_horizontal_scroll(page)
    assert axe(page) == []

    # A date that does not exist: said on the form, the list still shown.
    page.get_by_label("有效期内（日期）").fill("2024-02-30")
    page.get_by_role("button", name="筛选").click()
    assert "已忽略" in page.get_by_role("alert").inner_text()

    # The stable address lands on the document, which shows its timeline.
    page.goto(f"{site_url}/id/{document.index_number}")
    assert page.url == document.full_url
    timeline = page.get_by_role("region", name="文件时间线")
    assert "成文" in timeline.inner_text() and "发布" in timeline.inner_text()
    assert f"/id/{document.index_number}" in timeline.inner_text()
    assert no_horizontal_scroll(page)
    assert axe(page) == []
