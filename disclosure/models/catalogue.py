"""基层政务公开标准目录 page (国办发〔2019〕54号): the standard catalogue as structured rows."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from disclosure.blocks import STANDARD_AREAS, CatalogueTableBlock
from portal.models.pages import ColumnMetaMixin
from portal.visibility import RoutedViewRestrictions

from .column_content import ColumnChild


class StandardCataloguePage(RoutedViewRestrictions, ColumnChild, ColumnMetaMixin, Page):
    area = models.CharField("公开领域", max_length=30, choices=STANDARD_AREAS, blank=True)
    summary = models.TextField("说明", blank=True, max_length=500)
    rows = StreamField(CatalogueTableBlock(), blank=True, verbose_name="目录事项")

    parent_page_types = ["disclosure.DisclosureIndexPage", "disclosure.DisclosureColumnPage"]
    subpage_types = []
    template = "disclosure/standard_catalogue_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("area"),
        FieldPanel("summary"),
        FieldPanel("rows"),
    ]
    promote_panels = Page.promote_panels + ColumnMetaMixin.column_panels
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("rows")]

    class Meta:
        verbose_name = "基层政务公开标准目录"
