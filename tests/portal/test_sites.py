"""Which Site answers a request (portal/sites.py): the same site as Wagtail's own lookup, for
every arrangement of hostnames, ports and default site, in one plain query."""

import itertools

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from portal.sites import site_for_request

HOSTS = ["a.gov.cn", "b.gov.cn"]


def request_for(host, port):
    return RequestFactory().get("/", HTTP_HOST=host if port == 80 else f"{host}:{port}")


def wagtails_site(request):
    # Wagtail's lookup, without its per-request cache (Site.find_for_request uses this).
    return Site._find_for_request(request)


ARRANGEMENTS = [
    # (hostname, port, is default) of each site
    [("a.gov.cn", 80, True)],
    [("a.gov.cn", 80, False)],
    [("a.gov.cn", 80, True), ("b.gov.cn", 80, False)],
    [("a.gov.cn", 8080, True), ("a.gov.cn", 80, False)],
    [("a.gov.cn", 8080, False), ("a.gov.cn", 8443, False)],
    [("x.gov.cn", 80, True), ("a.gov.cn", 8080, False)],
    [("x.gov.cn", 80, True), ("a.gov.cn", 8080, False), ("a.gov.cn", 8443, False)],
    [("a.gov.cn", 8080, False), ("a.gov.cn", 8443, False), ("b.gov.cn", 80, True)],
]


@pytest.mark.django_db
@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_the_site_is_the_one_wagtail_would_choose(arrangement):
    Site.objects.all().delete()
    root = Page.get_first_root_node()
    for hostname, port, is_default in arrangement:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=root
        )
    for host, port in itertools.product(HOSTS + ["unknown.gov.cn"], [80, 8080, 8443, 9000]):
        expected = wagtails_site(request_for(host, port))
        found = site_for_request(request_for(host, port))
        assert (found and found.pk) == (expected and expected.pk), (arrangement, host, port)


@pytest.mark.django_db
def test_the_site_is_found_once_per_request_with_its_home_page(demo_site):
    request = request_for("localhost", 80)
    home_path = demo_site.root_page.url_path
    with CaptureQueriesContext(connection) as queries:
        site = site_for_request(request)
        assert site.root_page.url_path == home_path
        assert Site.find_for_request(request) is site  # Wagtail reads the same answer
        assert site_for_request(request) is site
    assert len(queries.captured_queries) == 1


@pytest.mark.django_db
def test_a_non_numeric_forwarded_port_matches_no_port(settings, demo_site):
    settings.USE_X_FORWARDED_PORT = True
    request = RequestFactory().get("/", HTTP_HOST="localhost", HTTP_X_FORWARDED_PORT="abc")
    assert site_for_request(request).pk == demo_site.pk  # the default site
