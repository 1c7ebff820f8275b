"""Public search: the results page, the same results as JSON, and title suggestions."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from core.clients import client_hash
from portal.site_links import local_url
from search import conf, service
from search.query import FACET_KEYS, FACETS, SORTS


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


@require_GET
def search(request):
    query, filters, sort, page = _params(request)
    results = service.search(query, filters, sort, page, log=True, client=client_hash(request))
    for hit in results.hits:
        hit.url = local_url(hit.url, request)  # a path on this site, another site's address
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
    # Not kept by the page cache (portal/page_cache.py): every search is counted for 热门搜索.
    patch_cache_control(response, private=True)
    return response


@require_GET
def search_json(request):
    query, filters, sort, page = _params(request)
    results = service.search(query, filters, sort, page, log=False)
    response = JsonResponse(results.as_json(), json_dumps_params={"ensure_ascii": False})
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
