"""政府信息公开指南: one structured field per part the regulation requires (条例 Art.12).

The receiving office's contact block is a DisclosureOffice snippet, chosen here and shown by
other pages too. A print view (…/print/) gives a clean copy for the 查阅点.
"""

from django.db import models
from django.template.response import TemplateResponse
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.metadata import ArticleMetadata
from portal.models.pages import ColumnMetaMixin
from portal.models.translations import TranslationStatusMixin
from portal.panels import choose_only
from portal.visibility import RoutedViewRestrictions

from .column_content import ColumnChild
from .organisations import DisclosureOffice

GUIDE_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]

# (field name, heading) in the usual outline of a guide: what 条例 Art.12 requires, in the
# order county guides follow.
GUIDE_SECTIONS = [
    ("classification", "一、政府信息的分类与编排体系"),
    ("how_to_obtain", "二、获取政府信息的方式"),
    ("proactive_disclosure", "三、主动公开"),
    ("application_channels", "四、依申请公开：受理机构和申请渠道"),
    ("application_contents", "五、依申请公开：申请内容"),
    ("procedure", "六、依申请公开：办理程序和期限"),
    ("fees", "七、收费标准"),
    ("exemptions", "八、不予公开的范围"),
    ("remedies", "九、监督和救济"),
]


REQUIRED_FIELDS = ["version_date", "office", *[name for name, _heading in GUIDE_SECTIONS]]


class DisclosureGuideForm(WagtailAdminPageForm):
    """Every part the regulation requires must be filled in before the guide is saved.

    The model allows blanks so the level-1 columns can be created as empty drafts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REQUIRED_FIELDS:
            if name in self.fields:
                self.fields[name].required = True


class DisclosureGuidePage(
    RoutedViewRestrictions,
    TranslationStatusMixin,
    ColumnChild,
    RoutablePageMixin,
    ColumnMetaMixin,
    Page,
):
    summary = models.TextField("摘要", blank=True, max_length=500)
    version_date = models.DateField(
        "版本日期", null=True, blank=True, help_text="指南内容有变化时及时更新，并修改本日期。"
    )
    office = models.ForeignKey(
        "disclosure.DisclosureOffice",
        verbose_name="受理机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="名称、地址、邮编、办公时间、电话、传真、邮箱和网上申请地址取自该受理机构。",
    )
    classification = RichTextField("分类与编排体系", blank=True, features=GUIDE_FEATURES)
    how_to_obtain = RichTextField("获取方式", blank=True, features=GUIDE_FEATURES)
    proactive_disclosure = RichTextField(
        "主动公开",
        features=GUIDE_FEATURES,
        help_text="范围、渠道、查阅点、公开时限（20个工作日）。",
    )
    application_channels = RichTextField(
        "申请渠道", features=GUIDE_FEATURES, help_text="当面、邮寄、传真、网上申请、电子邮件等。"
    )
    application_contents = RichTextField("申请内容", blank=True, features=GUIDE_FEATURES)
    procedure = RichTextField("办理程序和期限", blank=True, features=GUIDE_FEATURES)
    fees = RichTextField("收费标准", blank=True, features=GUIDE_FEATURES)
    exemptions = RichTextField("不予公开的范围", blank=True, features=GUIDE_FEATURES)
    remedies = RichTextField("监督和救济", blank=True, features=GUIDE_FEATURES)
    application_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="申请表下载",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["disclosure.DisclosureIndexPage", "disclosure.DisclosureColumnPage"]
    subpage_types = []
    base_form_class = DisclosureGuideForm
    template = "disclosure/disclosure_guide_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("version_date"),
        choose_only("office", DisclosureOffice),
        *[FieldPanel(name) for name, _heading in GUIDE_SECTIONS],
        MultiFieldPanel([FieldPanel("application_form")], heading="下载"),
    ]
    promote_panels = (
        Page.promote_panels
        + ColumnMetaMixin.column_panels
        + TranslationStatusMixin.translation_panels
    )
    # Search (search/records.py): the summary, these sections as the body, and the column
    # keywords (ColumnMetaMixin.search_record_values()).
    search_fields = Page.search_fields + [
        index.SearchField(name) for name, _heading in GUIDE_SECTIONS
    ]

    class Meta:
        verbose_name = "政府信息公开指南"

    def article_metadata(self):
        """The article meta set (portal/metadata.py): dated by its 更新日期 (version_date)."""
        return ArticleMetadata(
            published=self.version_date,
            source=self.office.name if self.office_id else "",
            keywords=self.keywords or "政府信息公开指南,依申请公开",
            description=self.search_description or "本机关政府信息公开的范围、方式和程序。",
        )

    def sections(self):
        return [(name, heading, getattr(self, name)) for name, heading in GUIDE_SECTIONS]

    @path("print/", name="print")
    def print_view(self, request):
        return TemplateResponse(
            request, "disclosure/disclosure_guide_print.html", self.get_context(request)
        )
