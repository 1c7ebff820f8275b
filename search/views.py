"""Public search: the results page, the same results as JSON, title suggestions, and the
result links' click counter."""

import re
from urllib.parse import urlencode, urlsplit

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core.clients import client_hash
from core.redirects import safe_next_url
from portal.site_links import local_url
from search import conf, ocr, service
from search.query import FACET_KEYS, FACETS, SORTS
from search.text import clean_query

# A result's URL is a page's URL: far shorter than this.
MAX_CLICK_URL_LENGTH = 2000
# Whitespace, control and format characters, and backslashes (which browsers read as "/"):
# never in a URL we link to, often in one made to trick a redirect.
_UNSAFE_URL_CHARACTERS = re.compile(
    r"[\s\\\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _params(request):
    filters = {key: request.GET.get(key, "") for key in FACET_KEYS}
    if request.GET.get("lang"):  # ?lang=mn-mong, the language facet (docs/MONGOLIAN.md)
        filters["language"] = request.GET["lang"]
    return (
        request.GET.get("q", ""),
        {key: value for key, value in filters.items() if value},
        request.GET.get("sort", "relevance"),
        request.GET.get("page", 1),
    )


def _link(query, filters, sort, page=1):
    """A query string for a results link (filter on/off, sort, page): no JavaScript needed."""
    params = {"q": query, **filters}
    if sort != "relevance":
        params["sort"] = sort
    if page > 1:
        params["page"] = page
    return "?" + urlencode({key: value for key, value in params.items() if value})


def _facet_groups(results):
    query, filters, sort = results.query.text, results.query.filters, results.query.sort
    groups = []
    for key, label in FACETS:
        values = []
        for value in results.facets.get(key, []):
            if value.selected:
                url = _link(query, {k: v for k, v in filters.items() if k != key}, sort)
            else:
                url = _link(query, {**filters, key: value.value}, sort)
            values.append({"value": value, "url": url})
        if values:
            groups.append({"key": key, "label": label, "values": values})
    return groups


def click_url(query: str, url: str) -> str:
    """A result link through the click counter (a plain link: no JavaScript needed)."""
    return reverse("search:click") + "?" + urlencode({"q": query, "url": url})


def click_target(request, url: str) -> str | None:
    """Where a result link may send the browser: a path on this site (core/redirects.py),
    or an address on one of the installation's Sites (集约化: a unit's own domain, as
    portal/site_links.py links them). None for anything else."""
    url = url or ""
    if not url or len(url) > MAX_CLICK_URL_LENGTH or _UNSAFE_URL_CHARACTERS.search(url):
        return None
    try:  # urlsplit raises on e.g. a malformed IPv6 address or port
        if safe_next_url(request, url, fallback=""):
            return url
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.username or parts.password:
        return None
    hosts = set(Site.objects.values_list("hostname", flat=True))
    return url if hostname and hostname in hosts else None


@require_GET
def click(request):
    """Count a followed result link for its query (once per client and day, see
    service.log_click) and go there; a URL that is not ours gets a page saying so."""
    query = clean_query(request.GET.get("q", ""))
    target = click_target(request, request.GET.get("url", ""))
    if target is None:
        response = render(
            request,
            "search/click_refused.html",
            {"query": query, "results_url": reverse("search") + _link(query, {}, "relevance")},
            status=400,
        )
    else:
        service.log_click(query, client_hash(request))
        response = HttpResponseRedirect(target)
    patch_cache_control(response, private=True, no_store=True)
    return response


# The results page's address (portal/urls.py), counted by the page cache on a hit.
RESULTS_PATH = "/search/"


@require_GET
def search(request):
    query, filters, sort, page = _params(request)
    results = service.search(query, filters, sort, page, log=True, client=client_hash(request))
    for hit in results.hits:
        hit.url = local_url(hit.url, request)  # a path on this site, another site's address
        hit.click_url = click_url(results.query.text, hit.url)
    ocr.annotate_hits(results)  # 机器识别: matched text read from a scan by OCR
    parsed = results.query
    context = {
        "query": parsed.text,
        "results": results,
        "facet_groups": _facet_groups(results),
        "active_filters": [
            {
                "key": key,
                "label": dict(FACETS)[key],
                "value": next(
                    (v.label for v in results.facets.get(key, []) if v.selected),
                    value,
                ),
                "url": _link(
                    parsed.text, {k: v for k, v in parsed.filters.items() if k != key}, parsed.sort
                ),
            }
            for key, value in parsed.filters.items()
        ],
        "sort_links": [
            {
                "key": key,
                "label": label,
                "url": _link(parsed.text, parsed.filters, key),
                "current": key == parsed.sort,
            }
            for key, label in SORTS.items()
        ],
        "previous_url": _link(parsed.text, parsed.filters, parsed.sort, parsed.page - 1)
        if parsed.page > 1
        else "",
        "next_url": _link(parsed.text, parsed.filters, parsed.sort, parsed.page + 1)
        if parsed.page < min(results.page_count, conf.get("SEARCH_MAX_PAGE"))
        else "",
        "hot_searches": service.hot_searches(),
        "searched": bool(parsed.text or parsed.filters),
    }
    response = render(request, "search/search.html", context)
    # Kept by the page cache (portal/page_cache.py) unless the query may be personal data; a
    # kept page still counts each search for 热门搜索 (count_cached_search).
    response["X-Search-Results"] = str(results.total)
    if service.looks_personal(query):
        patch_cache_control(response, private=True)
    return response


def count_cached_search(request, response):
    """Count a search answered from the page cache as the view would have counted it."""
    query, _filters, _sort, page = _params(request)
    had_results = response.get("X-Search-Results", "0") != "0"
    service.count_search(
        clean_query(query), service.clean_page(page), had_results, client_hash(request)
    )


@require_GET
def search_json(request):
    query, filters, sort, page = _params(request)
    results = service.search(query, filters, sort, page, log=False)
    for hit in results.hits:
        hit.click_url = click_url(results.query.text, hit.url)
    body = ocr.add_to_json(results.as_json(), results)  # adds each hit's `ocr` fields
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    if service.looks_personal(query):  # an ID or phone number typed: never kept in a cache
        patch_cache_control(response, private=True)
    return response


@require_GET
def suggest_json(request):
    return JsonResponse(
        {"suggestions": service.suggest(request.GET.get("q", ""))},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def hot_json(request):
    return JsonResponse({"hot": service.hot_searches()}, json_dumps_params={"ensure_ascii": False})
