"""Admin: search synonyms (staff edit them) and the aggregated query statistics.

Roles get only `view` on the statistics (migration 0003), so for them the list is read-only.
"""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search.models import SearchQueryDaily, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "同义词"
    list_display = ["terms", "source", "enabled", "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["terms", "source"]
    panels = [FieldPanel("terms"), FieldPanel("source"), FieldPanel("enabled")]


class SearchQueryDailyViewSet(SnippetViewSet):
    """Counts only: the log never holds who searched, from where, or when within the day."""

    model = SearchQueryDaily
    icon = "list-ul"
    menu_label = "检索词统计"
    list_display = ["query", "day", "count", "had_results"]
    list_filter = ["had_results"]
    search_fields = ["query"]
    ordering = ["-day", "-count"]


class SearchViewSetGroup(SnippetViewSetGroup):
    items = (SynonymViewSet, SearchQueryDailyViewSet)
    menu_icon = "search"
    menu_label = "站内搜索"
    menu_name = "site-search"
    menu_order = 400


register_snippet(SearchViewSetGroup)
