"""Which Wagtail Site answers a request, found once per request in a plain query (issue 15).

Wagtail's `Site.find_for_request` ranks the candidate sites in SQL (a CASE expression in
`wagtail.models.sites.get_site_for_hostname`); building that query costs about twice as
much as running it, on every request. `site_for_request` reads the same candidates (the
sites with the request's hostname, and the default site) with their home pages and ranks
them here by the same rules:

1. the hostname and the port;
2. the hostname, when that site is the default site;
3. the default site, unless exactly one other site has the hostname (then that one);
4. otherwise no site (several sites with the hostname, none on this port, no default).

It keeps the site where Wagtail keeps its own answer (`request._wagtail_site`), so Wagtail's
later lookups (settings, page URLs) and ours (`Site.find_for_request`) all read it without a
query. It is asked first by the page routing (portal/routing.py) and, for the other views
that render a template, by the `current_site` context processor below; a view that renders none
(the health checks, the JSON APIs) reads a site only if it needs one, in Wagtail's way.
"""

from __future__ import annotations

from django.db.models import Q
from django.http.request import split_domain_port
from wagtail.models import Site

HOSTNAME_AND_PORT, HOSTNAME_OF_DEFAULT, DEFAULT, HOSTNAME_ONLY = range(4)


def site_match(site: Site, hostname: str, port: int | None) -> int:
    """How well `site` fits the request: HOSTNAME_AND_PORT (best) to HOSTNAME_ONLY."""
    if site.hostname == hostname and site.port == port:
        return HOSTNAME_AND_PORT
    if site.hostname == hostname and site.is_default_site:
        return HOSTNAME_OF_DEFAULT
    if site.is_default_site:
        return DEFAULT
    return HOSTNAME_ONLY


def best_site(candidates: list[Site], hostname: str, port: int | None) -> Site | None:
    """The site for the request among `candidates` (the sites with its hostname, and the
    default site), by the rules in this module's docstring."""
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda site: site_match(site, hostname, port))
    best = site_match(ranked[0], hostname, port)
    if len(ranked) == 1 or best in (HOSTNAME_AND_PORT, HOSTNAME_OF_DEFAULT):
        return ranked[0]
    if best == DEFAULT:
        # The default and other sites with the hostname: exactly one of those wins.
        return ranked[1] if len(ranked) == 2 else ranked[0]
    return None


def _port(request) -> int | None:
    try:
        return int(request.get_port())
    except ValueError:  # a non-numeric X-Forwarded-Port matches no site's port
        return None


def site_for_request(request) -> Site | None:
    """The Site answering `request` (with its home page), or None; once per request."""
    if not hasattr(request, "_wagtail_site"):
        # The raw host, as Wagtail reads it: ALLOWED_HOSTS is checked by CommonMiddleware.
        hostname = split_domain_port(request._get_raw_host())[0]
        candidates = (
            Site.objects.filter(Q(hostname=hostname) | Q(is_default_site=True))
            .order_by()
            .select_related("root_page")
        )
        request._wagtail_site = best_site(list(candidates), hostname, _port(request))
    return request._wagtail_site


def current_site(request):
    """Context processor: finds the request's Site before the settings and the template tags
    ask for it; adds nothing to the context."""
    site_for_request(request)
    return {}
