"""Public search page (placeholder until the search service lands).

Matches the words of the query against page titles and descriptions in the database, so the
search box on every page already leads somewhere useful. Chinese full-text search with
Elasticsearch and the jieba-segmented database fallback replace this view.
"""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from wagtail.models import Page

RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = Page.objects.none()
    if query:
        condition = Q()
        for word in query.split():
            condition &= Q(title__icontains=word) | Q(search_description__icontains=word)
        results = Page.objects.live().public().filter(depth__gt=2).filter(condition)
        results = results.order_by("-last_published_at")
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request, "search/search.html", {"query": query, "results": page, "paginator": paginator}
    )
