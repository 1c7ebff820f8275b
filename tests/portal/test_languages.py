"""The Mongolian locale (docs/MONGOLIAN.md): Chinese URLs unchanged, Mongolian under
/mn-mong/, the language switcher's counterpart links, hreflang and lang attributes."""

import json

import pytest
from wagtail.models import Locale, Site

from portal import languages
from portal.demo import home as home_demo
from portal.demo import site as site_demo
from portal.models import ContentPage, NavigationSettings, SiteIdentity


@pytest.fixture
def home(db):
    site_demo.load()
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def guide(home):
    page = home.add_child(instance=ContentPage(title="政府信息公开指南", slug="guide"))
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_the_mongolian_locale_exists_beside_the_default():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"zh-hans", "mn-mong"}


@pytest.mark.django_db
def test_chinese_urls_are_unchanged_and_mongolian_is_prefixed(client, home, guide, translate):
    assert guide.url == "/guide/"
    response = client.get("/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans"' in html and "lang-mongolian" not in html
    # Untranslated: the switcher links the Mongolian home (or nothing live: its prefix).
    assert 'hreflang="mn-Mong"' in html
    assert 'rel="alternate"' not in html

    mn_guide = translate(guide)
    assert mn_guide.url == "/mn-mong/guide/"
    response = client.get("/mn-mong/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="mn-Mong" class=" lang-mongolian">' in html
    assert "css/mongolian.css" in html
    assert 'href="/guide/" hreflang="zh-Hans"' in html
    assert '<link rel="alternate" hreflang="zh-Hans" href="http://localhost/guide/">' in html
    assert (
        '<link rel="alternate" hreflang="mn-Mong" href="http://localhost/mn-mong/guide/">' in html
    )
    assert "本页为机器翻译" in html
    # The Chinese page now links its translation and lists both alternates.
    html = client.get("/guide/").content.decode()
    assert 'href="/mn-mong/guide/" hreflang="mn-Mong"' in html
    assert 'hreflang="mn-Mong" href="http://localhost/mn-mong/guide/"' in html
    # The search form on Mongolian pages searches Mongolian by default.
    assert client.get("/search/").status_code == 200


@pytest.mark.django_db
def test_counterpart_falls_back_to_the_nearest_translated_ancestor(home, guide, translate):
    child = guide.add_child(instance=ContentPage(title="申请流程", slug="steps"))
    child.save_revision().publish()
    assert languages.counterpart(child, "mn-mong") is None
    mn_home = translate(home)
    assert languages.counterpart(child, "mn-mong").pk == mn_home.pk
    mn_guide = translate(guide)
    assert languages.counterpart(child, "mn-mong").pk == mn_guide.pk
    assert languages.counterpart(mn_guide, "zh-hans").pk == guide.pk
    assert languages.alternates(child) == []


@pytest.mark.django_db
def test_reviewed_translations_carry_no_notice(client, home, guide, translate):
    mn_guide = translate(guide)
    mn_guide.translation_status = "reviewed"
    mn_guide.save_revision().publish()
    assert "本页为机器翻译" not in client.get("/mn-mong/guide/").content.decode()
    # Synchronising again from the original keeps the translation's own status.
    translate(guide)
    mn_guide.refresh_from_db()
    assert mn_guide.translation_status == "reviewed"


@pytest.mark.django_db
def test_withdrawing_the_original_withdraws_its_translations(client, home, guide, translate):
    mn_guide = translate(guide)
    assert client.get("/mn-mong/guide/").status_code == 200
    guide.unpublish()
    mn_guide.refresh_from_db()
    assert not mn_guide.live
    assert client.get("/mn-mong/guide/").status_code == 404
    assert client.get("/guide/").status_code == 404


@pytest.mark.django_db
def test_withdrawing_a_translation_leaves_the_original_live(client, home, guide, translate):
    mn_guide = translate(guide)
    mn_guide.unpublish()
    guide.refresh_from_db()
    assert guide.live
    assert client.get("/guide/").status_code == 200


@pytest.mark.django_db
def test_mongolian_pages_carry_mongolian_chrome_and_navigation(client, home, guide, translate):
    """The header, navigation and 47号 footer labels in Mongolian beside the Chinese; a
    navigation link goes to its Mongolian section when there is one, else stays Chinese."""
    news = home.add_child(instance=ContentPage(title="工作动态", slug="news"))
    news.save_revision().publish()
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    nav.main_navigation = [
        ("link", {"page": guide, "title": ""}),
        ("link", {"page": news, "title": "动态"}),
    ]
    nav.save()
    mn_guide = translate(guide)
    mn_guide.title = "ᠨᠡᠭᠡᠭᠡᠬᠦ ᠵᠢᠭᠠᠪᠤᠷᠢ"
    mn_guide.save_revision().publish()

    html = client.get("/mn-mong/guide/").content.decode()
    labels = languages.MONGOLIAN_LABELS
    assert f'<a href="/mn-mong/guide/" aria-current="page">{mn_guide.title}</a>' in html
    assert '<a href="/news/" lang="zh-Hans">动态</a>' in html  # untranslated: Chinese
    assert f'<a href="/mn-mong/"><span lang="mn-Mong">{labels["home"]}</span></a>' in html
    for key, chinese in [
        ("site_name", ""),
        ("search", "搜索"),
        ("sponsor", "主办单位"),
        ("site_id_code", "网站标识码"),
        ("error_report", "我为政府网站找错"),
    ]:
        assert f'<span lang="mn-Mong">{labels[key]}</span> {chinese}' in html, key

    chinese = client.get("/guide/").content.decode()
    assert '<span lang="mn-Mong">' not in chinese
    assert '<a href="/guide/" aria-current="page">政府信息公开指南</a>' in chinese
    assert "<dt>主办单位</dt>" in chinese


@pytest.mark.django_db
def test_the_home_page_can_be_translated_with_wagtail_localize(home, translate):
    """An editor's 翻译 on the demo home page: wagtail-localize reads every text of its
    StreamField, optional texts left out included (a link to a page has no 链接地址: it was
    None, and wagtail-localize raised TypeError on it)."""
    assert home_demo.load() > 0
    home.refresh_from_db()
    mn_home = translate(home)
    assert mn_home.locale.language_code == "mn-mong"
    assert mn_home.translation_key == home.translation_key


@pytest.mark.django_db
def test_banner_editors_signers_and_administrators_may_ask_for_translations():
    from django.contrib.auth.models import Group

    def may_translate(name):
        return (
            Group.objects.get(name=name)
            .permissions.filter(
                codename="submit_translation", content_type__app_label="wagtail_localize"
            )
            .exists()
        )

    assert all(may_translate(name) for name in ("编辑", "签发", "管理员"))
    assert not may_translate("审核") and not may_translate("内容监管")


@pytest.mark.django_db
def test_the_mongolian_homes_links_open_the_mongolian_pages(client, home, guide, translate):
    """A home page link chosen before its page was translated opens the translation once one
    is live; the Chinese home keeps the Chinese page."""
    home.body = [
        {
            "type": "links",
            "value": {
                "title": "政府信息公开",
                "style": "tiles",
                "links": [
                    {"type": "item", "id": "a1", "value": {"title": "公开指南", "page": guide.pk}},
                    {
                        "type": "item",
                        "id": "a2",
                        "value": {"title": "政务服务网", "url": "https://zwfw.nmg.gov.cn/"},
                    },
                ],
            },
        }
    ]
    home.save_revision().publish()
    translate(home)
    html = client.get("/mn-mong/").content.decode()
    assert '<a href="/guide/"><span class="link-title">公开指南</span>' in html
    translate(guide)
    html = client.get("/mn-mong/").content.decode()
    assert '<a href="/mn-mong/guide/"><span class="link-title">公开指南</span>' in html
    assert '<a href="https://zwfw.nmg.gov.cn/"><span class="link-title">政务服务网</span>' in html
    chinese = client.get("/").content.decode()
    assert '<a href="/guide/"><span class="link-title">公开指南</span>' in chinese


MONGOLIAN_SITE_NAME = "ᠶᠢᠵᠢᠨ ᠬᠣᠷᠣᠭ᠎ᠠ ᠬᠣᠰᠢᠭᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠣᠯᠠᠨ ᠨᠡᠢᠲᠡ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ"
MONGOLIAN_GUIDE_LINK = "ᠨᠡᠭᠡᠭᠡᠬᠦ ᠵᠢᠭᠠᠪᠤᠷᠢ"
MONGOLIAN_NEWS_LINK = "ᠠᠵᠢᠯ ᠤᠨ ᠮᠡᠳᠡᠭᠡ"


def navigation_of(guide, news, guide_mongolian="", news_mongolian=""):
    """The main navigation: the guide (translated below) and 工作动态 (left Chinese), with the
    editor's 蒙古文标题 when given."""
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    nav.main_navigation = [
        ("link", {"page": guide, "title": "", "mongolian_title": guide_mongolian}),
        ("link", {"page": news, "title": "动态", "mongolian_title": news_mongolian}),
    ]
    nav.save()


@pytest.fixture
def news(home):
    page = home.add_child(instance=ContentPage(title="工作动态", slug="news"))
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_the_editors_mongolian_navigation_titles_show_on_mongolian_pages(
    client, home, guide, news, translate
):
    """蒙古文标题 (设置 → 主导航) comes before the Mongolian page's title; a link to a page
    with no translation reads in Mongolian and says it goes to Chinese (hreflang)."""
    navigation_of(guide, news, MONGOLIAN_GUIDE_LINK, MONGOLIAN_NEWS_LINK)
    translate(guide)

    html = client.get("/mn-mong/guide/").content.decode()
    assert html.startswith('<!DOCTYPE html>\n<html lang="mn-Mong"')
    # No lang of their own: the links read in the page's mn-Mong.
    assert f'<a href="/mn-mong/guide/" aria-current="page">{MONGOLIAN_GUIDE_LINK}</a>' in html
    assert f'<a href="/news/" hreflang="zh-Hans">{MONGOLIAN_NEWS_LINK}</a>' in html
    assert ">动态<" not in html

    chinese = client.get("/guide/").content.decode()
    assert '<a href="/guide/" aria-current="page">政府信息公开指南</a>' in chinese
    assert '<a href="/news/">动态</a>' in chinese
    assert MONGOLIAN_GUIDE_LINK not in chinese and MONGOLIAN_NEWS_LINK not in chinese


@pytest.mark.django_db
def test_without_mongolian_titles_the_navigation_shows_what_it_did(
    client, home, guide, news, translate
):
    """Left empty: the Mongolian page's title, else the Chinese link, marked zh-Hans."""
    navigation_of(guide, news)
    mn_guide = translate(guide)
    mn_guide.title = "ᠨᠡᠭᠡᠭᠡᠬᠦ ᠵᠢᠭᠠᠪᠤᠷᠢ ᠶᠢᠨ ᠨᠢᠭᠤᠷ"
    mn_guide.save_revision().publish()
    html = client.get("/mn-mong/guide/").content.decode()
    assert f'<a href="/mn-mong/guide/" aria-current="page">{mn_guide.title}</a>' in html
    assert '<a href="/news/" lang="zh-Hans">动态</a>' in html


@pytest.mark.django_db
def test_the_mongolian_site_name_shows_on_mongolian_pages_only(client, home, guide, translate):
    """网站名称（蒙古文） (设置 → 网站标识) in the header, the <title> and the Mongolian home's
    heading, the Chinese name beneath it; the 47号 footer values stay Chinese as registered."""
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    identity.site_name_mongolian = MONGOLIAN_SITE_NAME
    identity.save()
    translate(home)
    translate(guide)

    for path in ("/mn-mong/", "/mn-mong/guide/"):
        html = client.get(path).content.decode()
        assert '<html lang="mn-Mong"' in html, path
        assert (
            f'<a class="site-title" href="/mn-mong/"><span lang="mn-Mong">{MONGOLIAN_SITE_NAME}'
            f'</span> <span class="site-title-original" lang="zh-Hans">{identity.site_name}'
            "</span></a>"
        ) in html, path
        assert f" - {MONGOLIAN_SITE_NAME}</title>" in html, path
        assert languages.MONGOLIAN_LABELS["site_name"] not in html, path
        assert f"<dd>{identity.sponsor}</dd>" in html, path
        assert f"<dd>{identity.site_id_code}</dd>" in html, path
    html = client.get("/mn-mong/").content.decode()
    assert f'<h1 class="visually-hidden">{MONGOLIAN_SITE_NAME}</h1>' in html

    for path in ("/", "/guide/"):
        chinese = client.get(path).content.decode()
        assert MONGOLIAN_SITE_NAME not in chinese, path
        assert f'<a class="site-title" href="/">{identity.site_name}</a>' in chinese, path
        assert f" - {identity.site_name}</title>" in chinese, path


@pytest.mark.django_db
def test_the_mongolian_settings_add_no_query(client, home, guide, news, translate):
    """The Mongolian texts are read from the settings the page loads anyway (issue 15)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    navigation_of(guide, news)
    translate(home)
    translate(guide)

    def queries(path):
        client.get(path)  # warm: Wagtail caches the sites' root paths
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    paths = ("/mn-mong/", "/mn-mong/guide/", "/", "/guide/")
    before = {path: queries(path) for path in paths}
    navigation_of(guide, news, MONGOLIAN_GUIDE_LINK, MONGOLIAN_NEWS_LINK)
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.site_name_mongolian = MONGOLIAN_SITE_NAME
    identity.save()
    assert {path: queries(path) for path in paths} == before


@pytest.mark.django_db
def test_editors_give_the_mongolian_texts_in_the_admin(client, home):
    """The two settings screens offer the fields, labelled in Chinese."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw-1234567")
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    html = client.get(f"/admin/settings/portal/siteidentity/{site.pk}/").content.decode()
    assert "网站名称（蒙古文）" in html and 'name="site_name_mongolian"' in html
    html = client.get(f"/admin/settings/portal/navigationsettings/{site.pk}/").content.decode()
    # The StreamField's blocks are drawn by Wagtail's script from JSON in an attribute.
    assert f"&quot;label&quot;: &quot;{json.dumps('蒙古文标题')[1:-1]}&quot;" in html
    assert "&quot;mongolian_title&quot;" in html
