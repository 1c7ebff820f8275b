"""政策解读 pages: each points at its policy document, and the document lists it back.

国办发〔2016〕80号: 谁起草、谁解读; an interpretation explains (背景依据、目标任务、
主要内容、适用范围、执行标准、注意事项、术语释义、新旧政策差异) rather than restating
the document.
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.panels import ReadOnlyFieldPanel, choose_only

from .change_history import ChangeNoteForm, change_note_panel
from .column_content import ColumnChild
from .items import CatalogueItemPage
from .organisations import Organisation
from .policy_documents import DisclosureAttribute, PolicyDocumentPage

PART_FEATURES = ["bold", "italic", "ol", "ul", "link"]

# (field name, heading) of the structured parts, in reading order.
INTERPRETATION_PARTS = [
    ("background", "背景依据"),
    ("objectives", "目标任务"),
    ("main_content", "主要内容"),
    ("scope", "适用范围"),
    ("standards", "执行标准"),
    ("notes", "注意事项"),
    ("terms", "术语释义"),
    ("differences", "新旧政策差异"),
]


class InterpretationForm(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "音视频解读"
    EXPERT = "expert", "专家解读"
    INTERVIEW = "interview", "负责人访谈"
    PRESS = "press", "新闻发布会"
    QA = "qa", "问答"
    H5 = "h5", "H5"


class PolicyInterpretationPage(ColumnChild, CatalogueItemPage):
    policy_document = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name="解读的政策文件",
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        help_text="必须选择本解读所对应的政策文件。",
    )
    interpretation_form = models.CharField(
        "解读形式",
        max_length=20,
        choices=InterpretationForm.choices,
        default=InterpretationForm.TEXT,
    )
    background = RichTextField("背景依据", blank=True, features=PART_FEATURES)
    objectives = RichTextField("目标任务", blank=True, features=PART_FEATURES)
    main_content = RichTextField("主要内容", features=PART_FEATURES)
    scope = RichTextField("适用范围", blank=True, features=PART_FEATURES)
    standards = RichTextField("执行标准", blank=True, features=PART_FEATURES)
    notes = RichTextField("注意事项", blank=True, features=PART_FEATURES)
    terms = RichTextField("术语释义", blank=True, features=PART_FEATURES)
    differences = RichTextField("新旧政策差异", blank=True, features=PART_FEATURES)
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="图解、问答等补充内容",
        help_text="可放图解图片、表格和附件。",
    )

    base_form_class = ChangeNoteForm
    parent_page_types = ["disclosure.DisclosureColumnPage"]
    subpage_types = []
    template = "disclosure/policy_interpretation_page.html"
    # Read with the page when it is served (portal/routing.py): what its page shows.
    serve_select_related = ("policy_document", "publisher")

    content_panels = CatalogueItemPage.content_panels + [
        FieldPanel("policy_document"),
        MultiFieldPanel(
            [
                FieldPanel("interpretation_form"),
                choose_only("publisher", Organisation),
                ReadOnlyFieldPanel("publish_date"),
                FieldPanel("keywords"),
            ],
            heading="解读信息",
        ),
        *[FieldPanel(name) for name, _heading in INTERPRETATION_PARTS],
        FieldPanel("body"),
        change_note_panel(),
    ]

    search_fields = CatalogueItemPage.search_fields + [
        *[index.SearchField(name) for name, _heading in INTERPRETATION_PARTS],
        index.SearchField("keywords"),
        index.SearchField("body"),
        index.FilterField("publish_date"),
    ]

    api_fields = [
        APIField("policy_document"),
        APIField("interpretation_form"),
        APIField("publish_date"),
        APIField("keywords"),
        *[APIField(name) for name, _heading in INTERPRETATION_PARTS],
        APIField("body"),
    ]

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"

    def clean(self):
        super().clean()
        document = self.policy_document
        if document and document.disclosure_attribute != DisclosureAttribute.PROACTIVE:
            raise ValidationError({"policy_document": "只能解读主动公开的政策文件。"})

    def search_record_values(self):
        """Search (search/records.py): on top of CatalogueItemPage's, the 文号 and 索引号 of
        the document it interprets, so a query for them finds this interpretation next."""
        document = self.policy_document
        numbers = [document.document_number, document.index_number] if document else []
        return {**super().search_record_values(), "interprets": [n for n in numbers if n]}

    def parts(self):
        """The filled-in structured parts as (heading, rich text) pairs."""
        return [
            (heading, getattr(self, name))
            for name, heading in INTERPRETATION_PARTS
            if getattr(self, name)
        ]
