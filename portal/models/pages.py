"""Home page, standard content page and the site map.

Every page carries the column meta tags (ColumnName, ColumnType, ColumnDescription,
ColumnKeywords) used by 国办-aligned platforms; see `portal.templatetags.portal_tags`.
"""

from django.db import models
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock, HomeBlock
from portal.metadata import ArticleMetadata
from portal.routing import route_below
from portal.visibility import RoutedViewRestrictions

from .translations import TranslationStatusMixin


class ColumnMetaMixin(models.Model):
    """Fields describing a page when it acts as a column (栏目) of the site.

    Search indexes its keywords (search_record_values(), see search/README.md)."""

    column_type = models.CharField(
        "栏目类型",
        max_length=30,
        blank=True,
        help_text="如：信息发布、解读回应、办事服务、互动交流、政府信息公开。",
    )
    keywords = models.CharField("关键词", max_length=200, blank=True, help_text="多个用逗号分隔。")

    column_panels = [FieldPanel("column_type"), FieldPanel("keywords")]

    class Meta:
        abstract = True

    def search_record_values(self):
        """Search (search/records.py): the column keywords, on top of the generic values."""
        return {"keywords": self.keywords}


class HomePage(RoutedViewRestrictions, TranslationStatusMixin, ColumnMetaMixin, Page):
    intro = RichTextField("首页导语", blank=True, features=["bold", "link"])
    body = StreamField(
        HomeBlock(),
        blank=True,
        verbose_name="首页内容",
        help_text="公告横幅、搜索框、各栏目最新信息、政府信息公开入口和快捷链接，按需排列。",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    promote_panels = (
        Page.promote_panels
        + ColumnMetaMixin.column_panels
        + TranslationStatusMixin.translation_panels
    )

    # One home page per Site, directly below the tree root: the banner portal and every unit
    # with a domain of its own (集约化) each have one.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.ContentPage",
        "portal.SiteMapPage",
        "disclosure.DisclosureIndexPage",
        "interaction.InteractionIndexPage",
        "disclosure.BannerCataloguePage",
    ]

    class Meta:
        verbose_name = "首页"

    def route(self, request, path_components):
        """Every page of the site is found from its home page in two queries (portal/routing.py)."""
        if not path_components:
            if self.depth == 2:
                self._ancestors_below_root = []  # as route_below sets it on the pages below
            return super().route(request, path_components)
        return route_below(self, request, path_components)

    def search_record_values(self):
        """Search: the intro is the home page's summary (after its search description)."""
        parts = [part for part in (self.search_description, strip_tags(self.intro)) if part]
        return {**super().search_record_values(), "summary": "\n".join(dict.fromkeys(parts))}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["columns"] = self.get_children().live().in_menu().specific()
        context["latest_pages"] = (
            Page.objects.live()
            .descendant_of(self)
            .exclude(last_published_at=None)
            .order_by("-last_published_at")[:10]
        )
        return context


class ContentPage(RoutedViewRestrictions, TranslationStatusMixin, ColumnMetaMixin, Page):
    """A standard page: a column landing page or an article (概况, 联系我们, 隐私声明 ...)."""

    summary = models.TextField("摘要", blank=True, max_length=500)
    body = StreamField(BodyBlock(), blank=True, verbose_name="正文")

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    promote_panels = (
        Page.promote_panels
        + ColumnMetaMixin.column_panels
        + TranslationStatusMixin.translation_panels
    )

    subpage_types = ["portal.ContentPage"]

    class Meta:
        verbose_name = "内容页"

    def article_metadata(self):
        """The article meta set (portal/metadata.py)."""
        return ArticleMetadata(keywords=self.keywords, description=self.summary)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().specific()
        return context


class SiteMapPage(RoutedViewRestrictions, Page):
    """网站地图: every public page of the site as a nested list."""

    max_count = 1
    subpage_types = []

    class Meta:
        verbose_name = "网站地图"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["site_tree"] = build_site_tree(self.get_site().root_page)
        return context


def build_site_tree(root):
    """Nested [(page, children)] of live, public pages below `root`, in tree order.

    One query: pages come back in path order, so each page's parent is already placed.
    """
    nodes = {}
    top = []
    for page in Page.objects.live().public().descendant_of(root).order_by("path"):
        node = (page, [])
        nodes[page.path] = node
        parent = nodes.get(page.path[: -page.steplen])
        (parent[1] if parent else top).append(node)
    return top
