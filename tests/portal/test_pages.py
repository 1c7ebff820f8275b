"""The site shell: demo content, navigation, breadcrumbs, site map and the search box."""

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from disclosure.applications.models import Application, Letter, Transition
from monitoring.models import AccountPost, DictionaryTerm, InteractionMessage, NewMediaAccount
from portal.models import ContentPage, HomePage, NavigationSettings


@pytest.mark.django_db
def test_seed_demo_is_idempotent(demo_site):
    models = (Page, Application, Transition, Letter, NewMediaAccount, AccountPost)
    models += (InteractionMessage, DictionaryTerm, get_document_model())
    counts = {model: model.objects.count() for model in models}
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert {model: model.objects.count() for model in models} == counts
    # One home page per Site (the bureau's and, 集约化, the banner government's portal).
    # (The 蒙古文版's home is a translation of the bureau's home, not a Site of its own.)
    chinese_homes = HomePage.objects.filter(locale__language_code="zh-hans")
    assert chinese_homes.count() == Site.objects.count()
    assert demo_site.root_page.specific.__class__ is HomePage


@pytest.mark.django_db
def test_seed_demo_builds_the_disclosure_column_tree(demo_site):
    column = Page.objects.descendant_of(demo_site.root_page).get(title="政府信息公开", depth=3)
    children = [page.title for page in column.get_children()]
    assert children == [
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "依申请公开",
    ]
    report = Page.objects.get(title__contains="2021年度部门整体支出绩效评价报告").specific
    assert report.get_parent().title == "财政资金"
    text = "".join(str(block.value) for block in report.body)
    # The bureau's real 2021 report, kept in portal/demo_data.
    assert "伊金霍洛旗政务服务局是伊金霍洛旗人民政府工作部门" in text


@pytest.mark.django_db
def test_seed_demo_keeps_editor_changes(demo_site):
    bureau_pages = ContentPage.objects.descendant_of(demo_site.root_page)
    page = bureau_pages.get(slug="contact")
    page.title = "联系方式"
    page.save_revision().publish()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert bureau_pages.get(slug="contact").title == "联系方式"


def main_nav(client, url):
    html = client.get(url).content.decode()
    return html.split('aria-label="主导航"')[1].split("</nav>")[0]


@pytest.mark.django_db
def test_main_navigation_is_editor_managed(client, demo_site):
    assert '<a href="/xxgk/">政府信息公开</a>' in main_nav(client, "/")
    navigation = NavigationSettings.for_site(demo_site)
    navigation.main_navigation = [
        (
            "link",
            {
                "page": ContentPage.objects.descendant_of(demo_site.root_page).get(slug="contact"),
                "title": "找到我们",
            },
        )
    ]
    navigation.save()
    nav = main_nav(client, "/")
    assert '<a href="/contact/">找到我们</a>' in nav
    assert "政府信息公开" not in nav


@pytest.mark.django_db
def test_navigation_and_footer_link_only_live_pages_they_are_set_to(client, demo_site):
    bureau_pages = ContentPage.objects.descendant_of(demo_site.root_page)
    contact, privacy = bureau_pages.get(slug="contact"), bureau_pages.get(slug="privacy")
    gone = ContentPage(title="将被删除", slug="to-be-deleted")
    demo_site.root_page.add_child(instance=gone)
    navigation = NavigationSettings.for_site(demo_site)
    navigation.main_navigation = [
        ("link", {"page": privacy, "title": ""}),
        ("link", {"page": gone, "title": "已删除"}),
        ("link", {"page": contact, "title": "找到我们", "mongolian_title": ""}),
    ]
    navigation.sitemap_page = None
    navigation.contact_page = contact
    navigation.save()
    gone.delete()
    privacy.unpublish()

    nav = main_nav(client, "/")
    assert '<a href="/contact/">找到我们</a>' in nav
    assert "隐私声明" not in nav and "已删除" not in nav
    footer = client.get("/").content.decode().split('aria-label="页脚链接"')[1].split("</nav>")[0]
    assert '<a href="/contact/">联系我们</a>' in footer
    assert "网站地图" not in footer  # unset
    assert "隐私声明" not in footer  # unpublished: no dead link


@pytest.mark.django_db
def test_navigation_marks_the_current_section(client, demo_site):
    assert '<a href="/xxgk/" class="active">政府信息公开</a>' in main_nav(client, "/xxgk/guide/")
    nav = main_nav(client, "/xxgk/")
    assert '<a href="/xxgk/" aria-current="page">政府信息公开</a>' in nav


@pytest.mark.django_db
def test_breadcrumbs_show_the_path(client, demo_site):
    html = client.get("/xxgk/statutory/finance/").content.decode()
    crumbs = html.split('aria-label="当前位置"')[1].split("</nav>")[0]
    assert crumbs.index("首页") < crumbs.index("政府信息公开") < crumbs.index("法定主动公开内容")
    assert '<li aria-current="page">财政资金</li>' in crumbs


@pytest.mark.django_db
def test_every_page_has_a_search_box_and_skip_link(client, demo_site):
    for url in ["/", "/xxgk/", "/sitemap/", "/report-error/", "/search/?q=x"]:
        html = client.get(url).content.decode()
        assert 'role="search"' in html, url
        assert '<a class="skip-link" href="#main">' in html, url
        assert '<html lang="zh-Hans"' in html, url


@pytest.mark.django_db
def test_search_box_finds_pages(client, demo_site):
    # Pages reach the search store through the outbox, drained after commit; a test
    # transaction never commits, so drain it here as the task would.
    call_command("search_index", "drain", stdout=open("/dev/null", "w"))
    html = client.get("/search/", {"q": "绩效评价"}).content.decode()
    # The title comes back highlighted: ...支出<mark>绩效评价</mark>报告
    # Result links go through the click counter (/search/click/?url=…, encoded).
    assert "url=%2Fxxgk%2Fstatutory%2Ffinance%2F2021-performance-evaluation%2F" in html
    assert "<mark>绩效评价</mark>报告" in html


@pytest.mark.django_db
def test_site_map_lists_every_public_page(client, demo_site):
    html = client.get("/sitemap/").content.decode()
    for page in Page.objects.live().descendant_of(demo_site.root_page):
        assert page.title in html
    draft = ContentPage(title="尚未发布的草稿", slug="draft", live=False)
    demo_site.root_page.add_child(instance=draft)
    assert "尚未发布的草稿" not in client.get("/sitemap/").content.decode()


@pytest.mark.django_db
def test_sitemap_xml_lists_pages(client, demo_site):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/xxgk/statutory/finance/2021-performance-evaluation/" in xml


@pytest.mark.django_db
def test_elder_mode_switch_persists_in_a_cookie(client, demo_site):
    response = client.post("/accessibility/elder-mode/", {"next": "/xxgk/"})
    assert response.status_code == 302 and response["Location"] == "/xxgk/"
    html = client.get("/xxgk/").content.decode()
    assert 'class="elder-mode"' in html
    assert "退出长者模式" in html
    client.post("/accessibility/elder-mode/", {"next": "/"})
    assert 'class="elder-mode"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_elder_mode_refuses_offsite_redirects(client, demo_site):
    response = client.post("/accessibility/elder-mode/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["foo", "//evil.example", "javascript:alert(1)", "/\\evil.example", ""]
)
def test_elder_mode_answers_a_redirect_home_for_any_other_target(client, demo_site, target):
    response = client.post("/accessibility/elder-mode/", {"next": target})
    assert (response.status_code, response["Location"]) == (302, "/")
