"""Finding a page from its URL in two queries (portal/routing.py, issue 15), with Wagtail's
own routing rules kept: 404 for a missing slug or a draft, sub-paths of routable pages, moved
pages, several sites."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from disclosure.annual_reports.models import AnnualReportPage
from disclosure.models import DisclosureGuidePage, PolicyDocumentPage
from portal.models import ContentPage, HomePage
from portal.routing import route_for_request


def route(site, path):
    """The RouteResult Wagtail's serve view would use, and the queries it took."""
    request = type("Request", (), {})()  # route() reads nothing from the request
    components = [part for part in path.split("/") if part]
    home = site.root_page.specific
    with CaptureQueriesContext(connection) as queries:
        result = home.route(request, components)
    return result, len(queries.captured_queries)


@pytest.mark.django_db
def test_a_deep_page_is_found_in_two_queries_whatever_its_depth(demo_site):
    home = demo_site.root_page
    document = PolicyDocumentPage.objects.live().descendant_of(home).order_by("-depth").first()
    assert document.depth >= 5
    result, count = route(demo_site, document.url_path[len(home.url_path) :])
    assert result.page.pk == document.pk
    assert type(result.page) is PolicyDocumentPage
    assert count == 2  # the pages on the path, then the document's own fields
    # Its ancestors below the tree root are known without another query (breadcrumbs).
    ancestors = [page.pk for page in result.page._ancestors_below_root]
    expected = Page.objects.ancestor_of(document).filter(depth__gte=2).values_list("pk", flat=True)
    assert ancestors == list(expected)
    assert result.page.get_parent().pk == document.get_parent().pk


@pytest.mark.django_db
def test_missing_slugs_and_drafts_are_not_found(client, demo_site):
    document = PolicyDocumentPage.objects.live().descendant_of(demo_site.root_page).first()
    assert client.get(document.url).status_code == 200
    assert client.get(document.url + "no-such-page/").status_code == 404
    assert client.get(document.url.replace(document.slug, document.slug + "x")).status_code == 404
    assert client.get("/%00/").status_code == 404
    document.unpublish()
    assert client.get(document.url).status_code == 404


@pytest.mark.django_db
def test_a_live_page_below_a_draft_is_served_as_wagtail_serves_it(client, demo_site):
    home = demo_site.root_page
    draft = ContentPage(title="草稿栏目", slug="draft-column", live=False)
    home.add_child(instance=draft)
    child = ContentPage(title="已发布的子页面", slug="live-child")
    draft.add_child(instance=child)
    child.save_revision().publish()
    assert client.get("/draft-column/").status_code == 404
    response = client.get("/draft-column/live-child/")
    assert response.status_code == 200
    assert "已发布的子页面" in response.content.decode()


@pytest.mark.django_db
def test_routable_pages_still_receive_their_sub_paths(client, demo_site):
    guide = DisclosureGuidePage.objects.live().descendant_of(demo_site.root_page).first()
    assert client.get(guide.url + "print/").status_code == 200
    report = AnnualReportPage.objects.live().descendant_of(demo_site.root_page).first()
    assert client.get(report.url + "json/").status_code == 200
    assert client.get(report.url + "no-such-route/").status_code == 404


@pytest.mark.django_db
def test_a_moved_page_answers_at_its_new_address(client, demo_site):
    home = demo_site.root_page
    first = ContentPage(title="栏目甲", slug="column-a")
    second = ContentPage(title="栏目乙", slug="column-b")
    home.add_child(instance=first)
    home.add_child(instance=second)
    page = ContentPage(title="将被移动的页面", slug="moving")
    first.add_child(instance=page)
    for each in (first, second, page):
        each.save_revision().publish()
    assert client.get("/column-a/moving/").status_code == 200
    page.move(second, pos="last-child")
    assert client.get("/column-b/moving/").status_code == 200
    # The old address is no longer routed to the page: Wagtail's redirects app answers it.
    old = client.get("/column-a/moving/")
    assert old.status_code == 301 and old["Location"].endswith("/column-b/moving/")


@pytest.mark.django_db
def test_the_same_path_below_another_sites_home_is_that_sites_page(client, demo_site):
    other_home = HomePage(title="另一站点首页", slug="other-home")
    Page.get_first_root_node().add_child(instance=other_home)
    other_home.save_revision().publish()
    Site.objects.create(hostname="other.example", root_page=other_home)
    for home, title in (
        (demo_site.root_page, "本站的同名页面"),
        (other_home, "另一站点的同名页面"),
    ):
        page = ContentPage(title=title, slug="same-slug")
        home.add_child(instance=page)
        page.save_revision().publish()
    assert "本站的同名页面" in client.get("/same-slug/").content.decode()
    other = client.get("/same-slug/", HTTP_HOST="other.example")
    assert "另一站点的同名页面" in other.content.decode()


@pytest.mark.django_db
def test_a_request_is_routed_in_three_queries_to_the_page_wagtail_finds(rf, demo_site):
    """From the request (portal.views.serve): the site, the pages on the path with the home
    page, the specific page; neither the active Locale nor the specific home page is read
    first, and the page is the one Wagtail's own `Page.route_for_request` finds."""
    document = PolicyDocumentPage.objects.live().descendant_of(demo_site.root_page).first()
    path = document.url_path[len(demo_site.root_page.url_path) :]
    request = rf.get("/" + path, HTTP_HOST=demo_site.hostname, SERVER_PORT=demo_site.port)
    with CaptureQueriesContext(connection) as queries:
        result = route_for_request(request, path)
    assert len(queries.captured_queries) == 3
    assert not any('FROM "wagtailcore_locale"' in q["sql"] for q in queries)
    wagtail_request = rf.get("/" + path, HTTP_HOST=demo_site.hostname, SERVER_PORT=demo_site.port)
    expected = Page.route_for_request(wagtail_request, path)
    assert (result.page.pk, type(result.page)) == (expected.page.pk, type(expected.page))
    assert route_for_request(request, path + "no-such-page/") is None
    assert route_for_request(request, path + "a\x00b/") is None


def _served_restrictions(site, path):
    """The view restrictions Wagtail's serve hook reads for the routed page, the queries that
    took, and what Wagtail's own lookup finds for the same page."""
    result, _ = route(site, path)
    page = result.page
    with CaptureQueriesContext(connection) as queries:
        served = set(page.get_view_restrictions())
    return served, len(queries.captured_queries), set(Page.get_view_restrictions(page))


@pytest.mark.django_db
def test_a_routed_pages_view_restrictions_are_wagtails_read_in_one_query(client, demo_site):
    home = demo_site.root_page
    document = PolicyDocumentPage.objects.live().descendant_of(home).order_by("-depth").first()
    column = document.get_parent()
    path = document.url_path[len(home.url_path) :]
    assert client.get(document.url).status_code == 200
    assert _served_restrictions(demo_site, path) == (set(), 1, set())

    # A restriction on an ancestor covers the page (the column, then the tree root: login).
    on_column = PageViewRestriction.objects.create(
        page=column, restriction_type=PageViewRestriction.LOGIN
    )
    assert _served_restrictions(demo_site, path) == ({on_column}, 1, {on_column})
    assert client.get(document.url).status_code == 302  # to the login page
    report = AnnualReportPage.objects.live().descendant_of(home).first()
    assert client.get(report.url + "json/").status_code == 200  # another column: not covered
    on_root = PageViewRestriction.objects.create(
        page=Page.get_first_root_node(), restriction_type=PageViewRestriction.LOGIN
    )
    assert _served_restrictions(demo_site, path) == ({on_column, on_root}, 1, {on_column, on_root})
    assert client.get(report.url + "json/").status_code == 302  # a routable page's sub-path
    assert client.get("/").status_code == 302  # the home page itself
    on_root.delete()
    on_column.delete()

    # An alias has its original's restrictions, not its own.
    original = ContentPage(title="内部通知", slug="internal-notice")
    home.add_child(instance=original)
    original.save_revision().publish()
    alias = original.create_alias(parent=column.get_parent(), update_slug="notice-alias")
    on_original = PageViewRestriction.objects.create(
        page=original, restriction_type=PageViewRestriction.LOGIN
    )
    alias_path = alias.url_path[len(home.url_path) :]
    assert _served_restrictions(demo_site, alias_path) == ({on_original}, 1, {on_original})
    assert client.get(alias.url).status_code == 302
