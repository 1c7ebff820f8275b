"""政策文件 (policy document) pages with the full catalogue metadata, attachments and links.

索引号 is allocated at first publication from the publisher's yearly counter (see
disclosure/index_numbers.py) and never changes afterwards. Only 主动公开 documents go on the
public site: a document marked 依申请公开 or 不予公开 keeps its record (with the required
reason) as a draft and cannot be published.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.rules import metadata as rules
from core.rules import validity as validity_rules
from core.text import search_words
from disclosure import conf
from disclosure.identifiers import identifier_path
from disclosure.index_numbers import allocate_index_number
from portal.blocks import TextBodyBlock
from portal.languages import is_default_locale, originals
from portal.models.translations import TranslationStatusMixin
from portal.panels import ReadOnlyFieldPanel, choose_only
from portal.visibility import public_only

from .change_history import ChangeNoteForm, change_note_panel
from .column_content import ColumnChild
from .items import PAGE_LEVEL_FIELDS, CatalogueItemPage
from .organisations import Organisation
from .taxonomy import GENRE_CHOICES, Topic

ATTACHMENT_EXTENSIONS = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et")
PUBLISH_ACTIONS = ("action-publish", "action-submit")


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = rules.PROACTIVE, "主动公开"
    ON_REQUEST = rules.ON_REQUEST, "依申请公开"
    NOT_DISCLOSED = rules.NOT_DISCLOSED, "不予公开"


class Validity(models.TextChoices):
    VALID = rules.VALID, "有效"
    EXPIRED = rules.EXPIRED, "失效"
    REPEALED = rules.REPEALED, "废止"
    PENDING = rules.PENDING, "尚未生效"


# 有效性 as schema.org's LegalForceStatus (https://schema.org/LegalForceStatus).
LEGAL_FORCE = {
    Validity.VALID: "InForce",
    Validity.EXPIRED: "NotInForce",
    Validity.REPEALED: "NotInForce",
    Validity.PENDING: "NotInForce",
}


class LegalForm(models.TextChoices):
    """The document's legal standing, counted in annual report Table 2 第二十条第（一）项."""

    REGULATION = "规章", "规章"
    NORMATIVE = "行政规范性文件", "行政规范性文件"
    OTHER = "其他文件", "其他文件"


class PolicyDocumentForm(ChangeNoteForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "topic" in self.fields:
            self.fields["topic"].queryset = Topic.objects.select_related("parent")

    def clean(self):
        cleaned = super().clean()
        attribute = cleaned.get("disclosure_attribute")
        wants_publication = any(action in self.data for action in PUBLISH_ACTIONS)
        if wants_publication and attribute and attribute != DisclosureAttribute.PROACTIVE:
            self.add_error(
                "disclosure_attribute",
                "只有“主动公开”的文件可以在网站发布；依申请公开或不予公开的文件请保存为草稿备案。",
            )
        return cleaned


class OrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    uscc = serializers.CharField()


class TopicSerializer(serializers.Serializer):
    code = serializers.CharField()
    full_name = serializers.CharField()


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField(source="display_title")
    url = serializers.CharField()
    file_type = serializers.CharField()
    file_size = serializers.IntegerField()


class PolicyDocumentPage(TranslationStatusMixin, ColumnChild, CatalogueItemPage):
    index_number = models.CharField(
        "索引号",
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text="首次发布时自动生成，此后不再改变。",
    )
    document_number = models.CharField(
        "文号", max_length=60, blank=True, help_text="有文号的必须填写，如：伊政服发〔2021〕3号。"
    )
    written_date = models.DateField("成文日期", help_text="签署日期；联合发文以最后签署日期为准。")
    topic = models.ForeignKey(
        Topic, verbose_name="主题分类", on_delete=models.PROTECT, related_name="+"
    )
    genre = models.CharField("体裁/文种", max_length=20, choices=GENRE_CHOICES)
    legal_form = models.CharField(
        "文件类别", max_length=20, choices=LegalForm.choices, default=LegalForm.OTHER
    )
    validity = models.CharField(
        "有效性", max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    effective_date = models.DateField(
        "生效日期",
        null=True,
        blank=True,
        help_text="未填写的自成文日期起生效。生效日期晚于今天的，每日任务在当天把有效性改为“有效”。",
    )
    repeal_date = models.DateField(
        "废止日期",
        null=True,
        blank=True,
        help_text="失效或废止的日期（自该日起不再有效）。到期后每日任务自动把有效性改为“失效”。",
    )
    disclosure_attribute = models.CharField(
        "公开属性",
        max_length=20,
        choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE,
    )
    non_disclosure_reason = models.TextField(
        "不主动公开的理由",
        blank=True,
        help_text="公开属性为依申请公开或不予公开时必填，写明依据（如条例第十四条、第十五条、第十六条）。",
    )
    summary = models.TextField(
        "内容概述", blank=True, help_text="概括主要内容，不重复名称、文号等其他字段。"
    )
    body = StreamField(
        TextBodyBlock(), blank=True, verbose_name="正文", help_text="附件请在下方“附件”中添加。"
    )
    requires_interpretation = models.BooleanField(
        "需要政策解读",
        default=True,
        help_text="规范性文件和重要政策文件应同步解读（谁起草、谁解读）。",
    )

    page_level_fields = (*PAGE_LEVEL_FIELDS, "index_number")
    # Allocated by on_first_publication(): not missing on a page never published (monitoring).
    fields_filled_at_publication = ("index_number", "publish_date")
    exclude_fields_in_copy = [*CatalogueItemPage.exclude_fields_in_copy, "index_number"]
    # A translation (docs/MONGOLIAN.md) is the same document in another language: its
    # metadata is the original's, copied on every sync, never retranslated. 索引号 is not
    # copied at all (it is unique): a translation stores none and shows the original's
    # (shared_index_number); it is never allocated a number of its own.
    promote_panels = CatalogueItemPage.promote_panels + TranslationStatusMixin.translation_panels
    override_translatable_fields = TranslationStatusMixin.override_translatable_fields + [
        SynchronizedField(name)
        for name in (
            "document_number",
            "written_date",
            "publish_date",
            "publisher",
            "topic",
            "genre",
            "legal_form",
            "validity",
            "effective_date",
            "repeal_date",
            "disclosure_attribute",
            "requires_interpretation",
        )
    ]
    base_form_class = PolicyDocumentForm
    parent_page_types = ["disclosure.DisclosureColumnPage"]
    subpage_types = []
    template = "disclosure/policy_document_page.html"
    # Read with the page when it is served (portal/routing.py): the 主题分类 (with its parent:
    # 综合政务\政务公开) and the 发布机构 its page shows.
    serve_select_related = ("topic__parent", "publisher")

    content_panels = CatalogueItemPage.content_panels + [
        MultiFieldPanel(
            [
                ReadOnlyFieldPanel("index_number"),
                choose_only("publisher", Organisation),
                FieldPanel("document_number"),
                FieldRowPanel([FieldPanel("written_date"), ReadOnlyFieldPanel("publish_date")]),
                choose_only("topic", Topic),
                FieldRowPanel([FieldPanel("genre"), FieldPanel("legal_form")]),
                FieldPanel("keywords"),
            ],
            heading="目录信息",
        ),
        MultiFieldPanel(
            [
                FieldPanel("validity"),
                FieldRowPanel([FieldPanel("effective_date"), FieldPanel("repeal_date")]),
            ],
            heading="有效性",
        ),
        MultiFieldPanel(
            [FieldPanel("disclosure_attribute"), FieldPanel("non_disclosure_reason")],
            heading="公开属性",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading="附件", label="附件"),
        InlinePanel("relations", heading="关联文件", label="关联文件"),
        FieldPanel("requires_interpretation"),
        change_note_panel(),
    ]

    search_fields = CatalogueItemPage.search_fields + [
        index.SearchField("index_number"),
        index.SearchField("document_number"),
        # The same identifiers as plain words: PostgreSQL's text parser reads
        # "11150627011580001G/2022-00001" as one file-path token, which the API's words
        # ("11150627011580001G 2022 00001", core.text.search_words) never match.
        index.SearchField("identifier_words"),
        index.SearchField("summary"),
        index.SearchField("keywords"),
        index.SearchField("body"),
        index.FilterField("publish_date"),
        index.FilterField("genre"),
        index.FilterField("validity"),
        # The API's policy-documents endpoint searches only 主动公开 documents.
        index.FilterField("disclosure_attribute"),
    ]

    api_fields = [
        APIField("index_number"),
        APIField("document_number"),
        APIField("publisher", serializer=OrganisationSerializer()),
        APIField("topic", serializer=TopicSerializer()),
        APIField("genre"),
        APIField("legal_form"),
        APIField("written_date"),
        APIField("publish_date"),
        APIField("validity"),
        APIField(
            "validity_display", serializer=serializers.CharField(source="get_validity_display")
        ),
        APIField("effective_date"),
        APIField("repeal_date"),
        APIField("keywords"),
        APIField("summary"),
        APIField("body"),
        APIField("attachments", serializer=AttachmentSerializer(many=True)),
        APIField("interpretation_urls"),
        APIField("permalink"),
        APIField("document_number_permalink"),
    ]

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"
        permissions = [("view_timeliness_reports", "可查看公开时效报表")]

    def clean(self):
        super().clean()
        meta = rules.DocumentMetadata(
            title=self.title or "",
            summary=self.summary,
            document_number=self.document_number,
            written_date=self.written_date,
            publish_date=self.publish_date,
            disclosure_attribute=self.disclosure_attribute,
            non_disclosure_reason=self.non_disclosure_reason,
            validity=self.validity,
            effective_date=self.effective_date,
            repeal_date=self.repeal_date,
        )
        errors = rules.check_document_metadata(
            meta, summary_max_length=conf.summary_max_length(), today=timezone.localdate()
        )
        if self.live and self.disclosure_attribute != DisclosureAttribute.PROACTIVE:
            errors.setdefault(
                "disclosure_attribute",
                "只有“主动公开”的文件可以在网站发布；如需改为依申请公开或不予公开，请先取消发布。",
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not is_default_locale(self):
            self.index_number = None  # the original's is shown: shared_index_number
        return super().save(*args, **kwargs)

    @property
    def original(self):
        """The document in the default language (itself when it is the original)."""
        if is_default_locale(self):
            return self
        translations = PolicyDocumentPage.objects.filter(translation_key=self.translation_key)
        return originals(translations).first() or self

    @property
    def shared_index_number(self):
        """The 索引号 shown on the page: a translation shows its original's."""
        return self.index_number if is_default_locale(self) else self.original.index_number

    def on_first_publication(self):
        super().on_first_publication()
        if not self.index_number and is_default_locale(self):
            self.index_number = allocate_index_number(self.publisher, self.publish_date.year)

    def article_metadata(self):
        """schema.org Legislation: 文号, 成文日期 and 有效性 on top of the catalogue item's set."""
        meta = super().article_metadata()
        meta.schema_type = "Legislation"
        meta.schema = {
            "legislationIdentifier": self.document_number,
            "legislationDate": self.written_date.isoformat() if self.written_date else None,
            "legislationLegalForce": LEGAL_FORCE[self.validity],
        }
        return meta

    def search_record_values(self):
        """Search (search/records.py): the catalogue metadata, 文号 and 索引号 (both looked up
        exactly), 主题分类, 文种 and 有效性 (facets), on top of CatalogueItemPage's."""
        return {
            **super().search_record_values(),
            "document_number": self.document_number,
            "index_number": self.index_number,
            "topic": str(self.topic),
            "genre": self.get_genre_display(),
            "validity": self.get_validity_display(),
            # 文号 and 索引号 of the documents this one amends, replaces or repeals: a query
            # for theirs finds this one right after them.
            "amends": [
                number
                for relation in self.relations.select_related("target")
                for number in (relation.target.document_number, relation.target.index_number)
                if number
            ],
        }

    @property
    def identifier_words(self):
        """索引号 and 文号 as the words of a search (the full-text index of the API)."""
        return search_words(f"{self.index_number or ''} {self.document_number or ''}")

    @property
    def permalink(self):
        """The stable address /id/<索引号> (disclosure/identifiers.py), "" before publication."""
        return identifier_path("id", self.index_number) if self.index_number else ""

    @property
    def document_number_permalink(self):
        """The stable address /wenhao/<文号>, "" for a document without a 文号."""
        return identifier_path("wenhao", self.document_number) if self.document_number else ""

    def in_force_on(self, day):
        return validity_rules.in_force_on(
            day,
            validity=self.validity,
            written_date=self.written_date,
            effective_date=self.effective_date,
            repeal_date=self.repeal_date,
        )

    @property
    def is_public(self):
        return self.live and self.disclosure_attribute == DisclosureAttribute.PROACTIVE

    def live_interpretations(self) -> list:
        return public_only(self.interpretations.live().order_by("publish_date", "pk"))

    @property
    def interpretation_urls(self):
        return [page.url for page in self.live_interpretations()]

    def relations_in(self):
        """Live documents that amend, replace or repeal this one."""
        return DocumentRelation.objects.filter(target=self, page__live=True).select_related("page")

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_public else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["interpretations"] = self.live_interpretations()
        context["attachments"] = self.attachments.select_related("document")
        # The page shows the other document's title and link (and, in the 文件时间线, the
        # publish date of a document amending this one): reading just those instead of every
        # column of it halves the time these queries take to build (issue 15).
        context["relations_out"] = (
            self.relations.filter(target__live=True)
            .select_related("target")
            .only("kind", "page_id", "target__title", "target__url_path")
        )
        context["relations_in"] = self.relations_in().only(
            "kind", "target_id", "page__title", "page__url_path", "page__publish_date"
        )
        return context


class DocumentAttachment(Orderable):
    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("显示名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def clean(self):
        if self.document_id and self.file_type.lower() not in ATTACHMENT_EXTENSIONS:
            raise ValidationError(
                {
                    "document": "附件只接受 "
                    + "、".join(ext.upper() for ext in ATTACHMENT_EXTENSIONS)
                    + f" 格式，当前文件为 {self.file_type.upper() or '无扩展名'}。"
                }
            )

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def file_type(self):
        return Path(self.document.file.name).suffix.lstrip(".").upper()

    @property
    def file_size(self):
        return self.document.get_file_size() or 0

    @property
    def url(self):
        return self.document.url


class DocumentRelation(Orderable):
    class Kind(models.TextChoices):
        AMENDS = "amends", "修改"
        REPLACES = "replaces", "替代"
        REPEALS = "repeals", "废止"

    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="relations")
    target = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name="关联文件",
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField("关系", max_length=10, choices=Kind.choices)

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = "关联文件"
        verbose_name_plural = "关联文件"

    def clean(self):
        if self.target_id and self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": "文件不能关联自身。"})
