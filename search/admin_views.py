"""Admin: 搜索分析, the week's zero-result and low click-through queries (search/analytics.py),
each with a link that opens the synonym or pin form prefilled with the query."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.permissions import permission_required
from search import analytics, conf


def _actions(request, query: str) -> dict:
    user = request.user
    links = {}
    if user.has_perm("search.add_synonym"):
        links["synonym_url"] = (
            reverse("wagtailsnippets_search_synonym:add") + "?" + urlencode({"terms": query})
        )
    if user.has_perm("search.add_searchpin"):
        links["pin_url"] = (
            reverse("wagtailsnippets_search_searchpin:add") + "?" + urlencode({"query": query})
        )
    return links


@permission_required("search.view_searchquerydaily")
def analytics_view(request):
    today = timezone.localdate()
    error = ""
    try:
        week = analytics.parse_week(request.GET.get("week"), today)
    except analytics.BadWeek as bad:
        error = str(bad)
        week = analytics.week_of(today)
    zero = analytics.zero_result_queries(week)
    low = analytics.low_click_queries(week)
    for row in zero + low:
        row.update(_actions(request, row["query"]))
    this_week = analytics.week_of(today)
    context = {
        "page_title": "搜索分析",
        "header_icon": "search",
        "week": week,
        "error": error,
        "previous_week": week.previous(),
        "next_week": week.next() if week.next().start <= this_week.start else None,
        "zero_results": zero,
        "low_clicks": low,
        "min_searches": conf.analytics_min_searches(),
        "rows": conf.analytics_rows(),
    }
    return render(request, "search/admin/analytics.html", context, status=400 if error else 200)
