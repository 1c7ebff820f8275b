"""The anonymous-page cache (portal/page_cache.py): a change is visible on the next request,
and nothing personal or with a form token is ever kept."""

import time

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction, Site

from portal.demo import site as site_demo
from portal.models import ContentPage, HomePage, NavigationSettings, SiteIdentity


@pytest.fixture
def cached_site(db, settings):
    settings.PAGE_CACHE_SECONDS = 600
    site_demo.load()
    return Site.objects.get(is_default_site=True)


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response


def served_from_cache(client, url, **kwargs):
    get(client, url, **kwargs)
    return get(client, url, **kwargs).get("X-Page-Cache") == "hit"


def visible_after(change, client, url, text):
    """Seconds from the start of `change()` until an anonymous request of `url` shows `text`
    (fails when it does not on the very next request)."""
    assert served_from_cache(client, url)
    assert text not in get(client, url).content.decode()
    started = time.monotonic()
    change()
    response = get(client, url)
    elapsed = time.monotonic() - started
    assert text in response.content.decode()
    return elapsed


def test_a_published_change_of_a_page_shows_on_the_next_request(client, cached_site):
    page = ContentPage.objects.live().first()

    def publish():
        page.title = "机构职能（已更新）"
        page.save_revision().publish()

    assert visible_after(publish, client, page.url, "机构职能（已更新）") <= 1.0
    assert served_from_cache(client, page.url)


def test_a_new_page_shows_in_the_navigation_of_every_page(client, cached_site):
    home = HomePage.objects.get()
    other = ContentPage.objects.live().first()

    def add_to_navigation():
        page = ContentPage(title="新增栏目", slug="new-column", show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
        navigation = NavigationSettings.for_site(cached_site)
        navigation.main_navigation.append(("link", {"page": page, "title": "新增导航"}))
        navigation.save()

    assert visible_after(add_to_navigation, client, other.url, "新增导航") <= 1.0


def test_a_footer_setting_shows_on_the_next_request(client, cached_site):
    def change_identity():
        identity = SiteIdentity.for_site(cached_site)
        identity.contact_phone = "0477-8888888"
        identity.save()

    assert visible_after(change_identity, client, "/", "0477-8888888") <= 1.0


def test_unpublished_moved_and_deleted_pages_are_not_served_from_the_cache(client, cached_site):
    page = ContentPage.objects.live().first()
    url = page.url
    assert served_from_cache(client, url)
    page.unpublish()
    assert client.get(url).status_code == 404

    page.save_revision().publish()
    assert served_from_cache(client, url)
    target = ContentPage.objects.live().exclude(pk=page.pk).first()
    page.move(target, pos="last-child")
    page.refresh_from_db()
    moved = page.url
    assert client.get(url)["Location"] == moved  # Wagtail's redirect, not the cached page

    assert served_from_cache(client, moved)
    page.delete()
    assert client.get(moved).status_code == 404


def test_signed_in_staff_never_get_or_fill_the_cache(client, cached_site):
    assert served_from_cache(client, "/")
    user = get_user_model().objects.create_superuser("editor", password="x" * 20)
    client.force_login(user)
    response = get(client, "/")
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in get(client, "/")


def test_the_elder_mode_gets_its_own_copy(client, cached_site):
    assert served_from_cache(client, "/")
    client.cookies["elder_mode"] = "1"
    first = get(client, "/")
    assert first["X-Page-Cache"] == "miss"
    assert 'class="elder-mode"' in first.content.decode()
    assert 'class="elder-mode"' in get(client, "/").content.decode()
    del client.cookies["elder_mode"]
    assert 'class="elder-mode"' not in get(client, "/").content.decode()


def test_a_page_with_a_csrf_form_is_never_kept(client, cached_site):
    page = ContentPage.objects.live().first()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret-pass"
    )
    first = get(client, page.url)
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in get(client, page.url)


@pytest.mark.parametrize(
    "url",
    [
        "/applications/",
        "/search/?q=13812345678",
        "/search/api/?q=13812345678",
        "/search/api/?q=150627199001011234",
    ],
)
def test_forms_searches_and_personal_queries_are_never_kept(client, cached_site, url):
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_a_search_api_query_without_personal_data_is_kept(client, cached_site):
    assert served_from_cache(client, "/search/api/?q=政务服务")


def test_a_kept_search_page_still_counts_every_search(client, cached_site):
    from search.models import SearchQueryDaily

    def searches(text):
        return sum(SearchQueryDaily.objects.filter(query=text).values_list("count", flat=True))

    assert served_from_cache(client, "/search/?q=政务服务")  # two searches, the second kept
    assert get(client, "/search/?q=政务服务").get("X-Page-Cache") == "hit"
    assert searches("政务服务") == 3
    # A search without results is counted as one, from the cache too.
    assert served_from_cache(client, "/search/?q=没有这样的词语组合")
    zero = SearchQueryDaily.objects.get(query="没有这样的词语组合")
    assert zero.count == 2 and not zero.had_results
    # A later page of the same search is kept but not counted again.
    assert served_from_cache(client, "/search/?q=政务服务&page=2")
    assert searches("政务服务") == 3


def test_a_cached_search_answer_is_forgotten_once_the_index_has_the_change(client, cached_site):
    from search.models import IndexOutbox

    url = "/search/api/?q=政务服务"
    assert served_from_cache(client, url)
    # A publish queues the page for the index; the worker deletes the row once the index has
    # it. Until then the old answer may be served; after it, never.
    row = IndexOutbox.objects.create(page_id=cached_site.root_page_id, action="index")
    get(client, url)
    assert get(client, url).get("X-Page-Cache") == "hit"
    IndexOutbox.objects.filter(pk=row.pk).delete()
    assert get(client, url).get("X-Page-Cache") != "hit"


def test_no_cache_without_the_setting(client, cached_site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")
