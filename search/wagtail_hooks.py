"""Admin: search synonyms and 推荐结果 (staff edit them), the aggregated query statistics and
搜索分析 (search/admin_views.py).

Roles get only `view` on the statistics (migration 0003), so for them the list is read-only.
The synonym and pin add forms take their first field from the URL (?terms=…, ?query=…):
搜索分析 links to them prefilled with a query.
"""

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from core.permissions import PermissionMenuItem
from search.models import SearchPin, SearchQueryDaily, Synonym
from search.urls import admin_urlpatterns

SUBMENU_HOOK = "register_site_search_menu_item"


class PrefilledCreateView(CreateView):
    """The add form with one field filled from the same-named URL parameter."""

    prefilled_field = ""

    def get_initial(self):
        initial = super().get_initial()
        value = self.request.GET.get(self.prefilled_field, "").strip()[:100]
        if value:
            initial[self.prefilled_field] = value
        return initial


class SynonymCreateView(PrefilledCreateView):
    prefilled_field = "terms"


class PinCreateView(PrefilledCreateView):
    prefilled_field = "query"

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "同义词"
    add_view_class = SynonymCreateView
    list_display = ["terms", "source", "enabled", "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["terms", "source"]
    panels = [FieldPanel("terms"), FieldPanel("source"), FieldPanel("enabled")]


class SearchPinViewSet(SnippetViewSet):
    """推荐结果: shown first for its query on the public search (search/pins.py)."""

    model = SearchPin
    icon = "pick"
    menu_label = "推荐结果"
    add_view_class = PinCreateView
    list_display = ["query", "page", "active", "note", "created_by", "created_at"]
    list_filter = ["active"]
    search_fields = ["query", "note"]
    panels = [FieldPanel("query"), FieldPanel("page"), FieldPanel("note"), FieldPanel("active")]


class SearchQueryDailyViewSet(SnippetViewSet):
    """Counts only: the log never holds who searched, from where, or when within the day."""

    model = SearchQueryDaily
    icon = "list-ul"
    menu_label = "检索词统计"
    list_display = ["query", "day", "count", "clicks", "had_results"]
    list_filter = ["had_results"]
    search_fields = ["query"]
    ordering = ["-day", "-count"]


class SearchViewSetGroup(SnippetViewSetGroup):
    items = (SynonymViewSet, SearchPinViewSet, SearchQueryDailyViewSet)
    menu_icon = "search"
    menu_label = "站内搜索"
    menu_name = "site-search"
    menu_order = 400
    submenu_hook = SUBMENU_HOOK


register_snippet(SearchViewSetGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return admin_urlpatterns


@hooks.register(SUBMENU_HOOK)
def register_analytics_menu_item():
    return PermissionMenuItem(
        "搜索分析",
        reverse_lazy("search_analytics"),
        name="search-analytics",
        icon_name="table",
        order=10,
        permission="search.view_searchquerydaily",
    )


@hooks.register(SUBMENU_HOOK)
def register_unreadable_menu_item():
    return PermissionMenuItem(
        "无法检索的附件",
        reverse_lazy("search_unreadable"),
        name="search-unreadable",
        icon_name="doc-full",
        order=20,
        permission="search.view_searchquerydaily",
    )
