"""推荐结果: pages staff put first for a query (search.models.SearchPin).

The service merges them into the results once, whichever backend answered
(search/service.py): the pinned hits are built from the database store, which always has
every searchable page (it is the fallback, search/backends/database.py), and a pinned page
shows only while it is searchable now (live, public, search/records.py is_searchable).
"""

from __future__ import annotations

from wagtail.models import Page

from search.backends import database
from search.models import SearchPin, pin_query
from search.query import Hit, SearchQuery, SearchResults
from search.records import is_searchable


def pinned_hits(query: SearchQuery) -> list[Hit]:
    """The hits of the active pins of `query`'s text, in the order staff added them; none
    when a filter is selected (a pin is not narrowed by 年份, 主题…)."""
    if not query.text or query.filters:
        return []
    page_ids = list(
        SearchPin.objects.filter(query=pin_query(query.text), active=True)
        .order_by("id")
        .values_list("page_id", flat=True)
    )
    if not page_ids:
        return []
    pages = Page.objects.filter(pk__in=page_ids, live=True).specific()
    shown = {page.pk for page in pages if is_searchable(page)}
    hits = database.page_hits([pk for pk in page_ids if pk in shown], query)
    for hit in hits:
        hit.pinned = True
    return hits


def merge(results: SearchResults, pinned: list[Hit]) -> SearchResults:
    """The pinned hits first on page 1 (before the page's own hits), and a pinned page
    nowhere else in the list, on any page."""
    if not pinned:
        return results
    pinned_ids = {hit.page_id for hit in pinned}
    others = [hit for hit in results.hits if hit.page_id not in pinned_ids]
    if results.query.page == 1:
        results.hits = pinned + others
        results.total = max(results.total, len(pinned))
        if not others and results.relaxed:  # nothing but the pins: no "some words" notice
            results.relaxed = False
            results.notice = ""
    else:
        results.hits = others
    return results
