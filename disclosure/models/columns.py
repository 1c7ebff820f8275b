"""The 政府信息公开 column root and its sub-columns.

The root creates its level-1 sub-columns from settings (conf.level1_columns) when it is first
added, as drafts: an editor fills and publishes each, so no empty column goes public. Every
column lists the catalogue of the documents below it with filters (catalogue.py).
"""

from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from disclosure import conf
from disclosure.catalogue import catalogue_context, restricted_q
from portal.blocks import BodyBlock
from portal.languages import is_default_locale, translated_targets
from portal.models.pages import ColumnMetaMixin
from portal.panels import choose_only
from portal.visibility import RoutedViewRestrictions

from .column_content import CHILD_TYPES, ColumnChild, ColumnContent
from .guide import DisclosureGuidePage
from .interpretations import PolicyInterpretationPage
from .organisations import DisclosureOffice
from .policy_documents import PolicyDocumentPage

COLUMN_CHILD_TYPES = [
    "disclosure.DisclosureColumnPage",
    "disclosure.PolicyDocumentPage",
    "disclosure.PolicyInterpretationPage",
    "disclosure.StandardCataloguePage",
    "disclosure.DisclosureGuidePage",
    "annual_reports.AnnualReportPage",
]


class ColumnPageBase(RoutedViewRestrictions, ColumnMetaMixin, Page):
    # True: the catalogue lists every unit's documents, not only those below the page.
    lists_every_unit = False

    summary = models.TextField("栏目说明", blank=True, max_length=500)
    body = StreamField(BodyBlock(), blank=True, verbose_name="正文")

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    promote_panels = Page.promote_panels + ColumnMetaMixin.column_panels
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        restricted = restricted_q()
        context["child_columns"] = (
            self.get_children().live().exclude(restricted).not_type(_document_types()).specific()
        )
        original = self.original_column()
        context.update(catalogue_context(request, original, restricted))
        if original is not self:
            show_translations(context.get("documents") or [], self.locale.language_code)
        return context

    def original_column(self):
        """The column whose documents this one lists: itself, or for a translated column
        (蒙古文版) its Chinese original, since a document and its translations are one
        document listed once (docs/MONGOLIAN.md)."""
        if is_default_locale(self):
            return self
        return self.get_translation_or_none(Locale.get_default()) or self


def show_translations(documents, code):
    """On a translated column each listed document opens its live translation in language
    `code` (with its translated title) when it has one; `doc.shown` is the page to link."""
    documents = list(documents)
    translated = translated_targets(documents, code)
    for document in documents:
        document.shown = translated.get(document.translation_key)


def _document_types():
    return (PolicyDocumentPage, PolicyInterpretationPage)


class DisclosureIndexPage(ColumnPageBase):
    """政府信息公开: the column root (国办公开办函〔2019〕61号).

    On a site of its own it sits below the home page; on the banner portal each unit's
    section is one of these below a directory page (部门信息公开, 镇街信息公开: content pages).
    """

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = [
        "disclosure.DisclosureGuidePage",
        "disclosure.DisclosureColumnPage",
        "disclosure.StandardCataloguePage",
    ]
    template = "disclosure/disclosure_column_page.html"

    class Meta:
        verbose_name = "政府信息公开栏目"

    def ensure_level1_columns(self):
        """Create the configured level-1 sub-columns that are missing, as drafts; return them."""
        created = []
        for spec in conf.level1_columns():
            if self.get_children().filter(slug=spec["slug"]).exists():
                continue
            if spec.get("kind") == "guide":
                page = DisclosureGuidePage(title=spec["title"], slug=spec["slug"], live=False)
            else:
                page = DisclosureColumnPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    column_type=self.column_type or "政府信息公开",
                    content_kind=spec.get("content", ColumnContent.DOCUMENTS),
                    live=False,
                )
            page.show_in_menus = True
            self.add_child(instance=page)
            created.append(page)
        return created


class DisclosureColumnPage(ColumnChild, ColumnPageBase):
    """A sub-column: 政府信息公开制度, 法定主动公开内容 and the sub-columns editors add below it."""

    contact_office = models.ForeignKey(
        "disclosure.DisclosureOffice",
        verbose_name="显示受理机构联系方式",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="如“依申请公开”栏目，可在此显示受理机构的地址、电话等。",
    )
    content_kind = models.CharField(
        "栏目内容",
        max_length=20,
        choices=ColumnContent.choices,
        default=ColumnContent.DOCUMENTS,
        help_text="决定“添加子页面”时可选的页面类型。",
    )

    parent_page_types = ["disclosure.DisclosureIndexPage", "disclosure.DisclosureColumnPage"]
    subpage_types = COLUMN_CHILD_TYPES
    template = "disclosure/disclosure_column_page.html"

    content_panels = ColumnPageBase.content_panels + [
        choose_only("contact_office", DisclosureOffice)
    ]
    settings_panels = ColumnPageBase.settings_panels + [FieldPanel("content_kind")]

    class Meta:
        verbose_name = "政府信息公开子栏目"

    def accepts_child_type(self, page_class):
        return page_class._meta.label_lower in CHILD_TYPES[self.content_kind]

    @property
    def application_url(self):
        """The 网上申请 address of the office this column shows, when it has one: such a column
        is the site's one 依申请公开 landing page (buttons to the form and the status look-up)."""
        url = self.contact_office.online_application_url if self.contact_office else ""
        if url.rstrip("/") == "/applications":
            # The former landing page, which now leads back here: link the form itself.
            return reverse("applications:apply")
        return url

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.application_url:
            # The 公开指南's 办理程序和期限, summarised next to the two buttons.
            context["application_guide"] = (
                DisclosureGuidePage.objects.live().sibling_of(self).specific().first()
            )
        return context


class BannerCataloguePage(ColumnPageBase):
    """全旗政府信息公开目录 (集约化): every unit's public documents in one catalogue, with a
    所属单位 filter next to 发布机构, its own feeds and exports (disclosure/urls.py)."""

    lists_every_unit = True

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = []
    template = "disclosure/disclosure_column_page.html"

    class Meta:
        verbose_name = "全旗政府信息公开目录"


# The pages with a catalogue of their own (feeds and exports at /disclosure/columns/<id>/).
CATALOGUE_PAGE_TYPES = (DisclosureIndexPage, DisclosureColumnPage, BannerCataloguePage)
