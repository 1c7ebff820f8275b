"""蒙古文版 for editors (docs/MONGOLIAN.md) in Chromium, by clicking only after the login page:
a 签发 finds a Chinese page through the admin search, asks wagtail-localize to 翻译 it into
蒙古文, types the Mongolian title in the side-by-side editor and publishes it; the citizen's
Chinese page then links the Mongolian one through the language switcher."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from staff import PASSWORD, log_in_as

from portal.models import ContentPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MONGOLIAN_TITLE = "ᠪᠠᠢᠭᠤᠯᠤᠯᠭ᠎ᠠ ᠶᠢᠨ ᠲᠣᠪᠴᠢ"


@pytest.fixture
def signer(site_url):
    user = get_user_model().objects.create_user("qianfa-mn", password=PASSWORD, first_name="巴特")
    user.groups.add(Group.objects.get(name="编辑"), Group.objects.get(name="签发"))
    return user


def test_a_signer_translates_a_page_into_mongolian_and_publishes_it(page, site_url, signer):
    original = ContentPage.objects.live().get(locale__language_code="zh-hans", title="机构概况")
    assert not original.get_translations().exists()
    log_in_as(page, site_url, "qianfa-mn", PASSWORD)

    # The page through the admin's search, then 翻译此页 in its header's actions.
    search = page.get_by_role("search").get_by_role("textbox")
    search.first.fill("机构概况")
    search.first.press("Enter")
    page.get_by_role("link", name="机构概况", exact=True).first.click()
    page.wait_for_url(f"**/admin/pages/{original.pk}/edit/")
    page.get_by_role("button", name="操作").first.click()
    page.get_by_role("link", name="翻译此页").click()
    page.wait_for_url("**/localize/**")
    page.get_by_label("蒙古文").check()
    page.get_by_role("button", name="提交").click()

    # The side-by-side editor of the Mongolian version: each Chinese text with its 翻译.
    expect(page.get_by_text("页面 '机构概况' 的翻译成功提交到 蒙古文")).to_be_visible()
    translation = original.get_translations().get()
    assert translation.locale.language_code == "mn-mong"
    page.get_by_role("button", name="翻译", exact=True).first.click()
    page.get_by_role("main").get_by_role("textbox").first.fill(MONGOLIAN_TITLE)
    page.get_by_role("button", name="保存", exact=True).first.click()
    expect(page.get_by_text(MONGOLIAN_TITLE).first).to_be_visible()
    # The admin shows the script in the site's Mongolian font, not as empty boxes.
    faces = page.evaluate(
        """async () => (await document.fonts.load('16px "Noto Sans Mongolian Subset"', 'ᠮ'))
            .map((face) => face.status)"""
    )
    assert faces == ["loaded"]
    page.get_by_role("button", name="发布在蒙古文").click()
    expect(page.get_by_text(f"在 蒙古文 中发布未翻译的 '{MONGOLIAN_TITLE}'")).to_be_visible()
    translation.refresh_from_db()
    assert translation.live and translation.title == MONGOLIAN_TITLE
    # Policy metadata is shared, the Mongolian page is the same document (docs/MONGOLIAN.md).
    assert translation.translation_key == original.translation_key

    # A citizen on the Chinese page switches to the Mongolian one.
    citizen = page.context.browser.new_context(locale="zh-CN").new_page()
    citizen.goto(site_url + "/")
    citizen.get_by_role("link", name="机构概况", exact=True).first.click()
    citizen.wait_for_url("**/about/")
    switcher = citizen.get_by_role("navigation", name="语言 / ᠬᠡᠯᠡ")
    switcher.get_by_role("link", name="ᠮᠣᠩᠭᠣᠯ").click()
    citizen.wait_for_url("**/mn-mong/about/")
    expect(citizen.get_by_role("heading", level=1)).to_have_text(MONGOLIAN_TITLE)
    assert citizen.evaluate("document.documentElement.lang") == "mn-Mong"
    citizen.context.close()
