"""The 互动交流 column and what it publishes: answered messages (one page each, published only
with the writer's consent and without personal data) and 常见问题 (FAQ) entries.

Both are Wagtail pages, so the public search indexes them like any live page (search/records.py)
as their own content types, "留言答复" and "常见问题"; what they know better than the generic
record (the answering department, the answer date, the topic) they return from
`search_record_values()`.
"""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from interaction import listing, workflow
from portal.metadata import ArticleMetadata
from portal.models.pages import ColumnMetaMixin
from portal.visibility import RoutedViewRestrictions

from .messages import KIND_CHOICES

ANSWER_FEATURES = ["bold", "ol", "ul", "link"]


class InteractionIndexPage(RoutedViewRestrictions, ColumnMetaMixin, Page):
    """互动交流: the way to write to the bureau, the published answers (searchable), the FAQ
    and the channel's figures."""

    intro = models.TextField("栏目说明", blank=True, max_length=500)
    guidance = RichTextField(
        "留言须知",
        blank=True,
        features=["bold", "ol", "ul", "link"],
        help_text="受理范围、办理时限、个人信息保护等，显示在留言表单上方。",
    )
    accepting_messages = models.BooleanField(
        "接受新留言",
        default=True,
        help_text="暂停后留言表单不再接受提交（监测将视为互动渠道不可用）。",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("guidance"),
        FieldPanel("accepting_messages"),
    ]
    promote_panels = Page.promote_panels + ColumnMetaMixin.column_panels
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["interaction.QuestionPage", "interaction.FaqIndexPage"]
    max_count = 1
    template = "interaction/interaction_index_page.html"

    class Meta:
        verbose_name = "互动交流栏目"

    def search_record_values(self):
        return {**super().search_record_values(), "summary": self.intro}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        questions = QuestionPage.objects.child_of(self).live().public()
        context.update(listing.question_list(request, questions))
        context["faq_index"] = FaqIndexPage.objects.child_of(self).live().public().first()
        context["faqs"] = FaqPage.objects.descendant_of(self).live().public().order_by("title")[:6]
        return context


class QuestionPage(RoutedViewRestrictions, Page):
    """One answered message, as published: the question and the answer without personal data
    (interaction/redaction.py), the dates and the answering department."""

    message = models.OneToOneField(
        "interaction.Message",
        verbose_name="留言",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="public_page",
    )
    kind = models.CharField("留言类型", max_length=20, choices=KIND_CHOICES)
    topic_name = models.CharField("主题", max_length=30, blank=True)
    department_name = models.CharField("答复单位", max_length=100)
    question = models.TextField("留言内容")
    answer = models.TextField("答复内容")
    asked_on = models.DateField("留言日期")
    answered_on = models.DateField("答复日期")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind", read_only=True),
                FieldPanel("topic_name", read_only=True),
                FieldPanel("asked_on", read_only=True),
                FieldPanel("answered_on", read_only=True),
                FieldPanel("department_name"),
            ],
            heading="留言信息",
        ),
        FieldPanel("question"),
        FieldPanel("answer"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("question"),
        index.SearchField("answer"),
    ]

    parent_page_types = ["interaction.InteractionIndexPage"]
    subpage_types = []
    # Created only by publishing an answered message (interaction/services.py).
    is_creatable = False
    template = "interaction/question_page.html"

    class Meta:
        verbose_name = "留言答复"
        verbose_name_plural = "留言答复"

    def article_metadata(self):
        """The article meta set (portal/metadata.py): published when answered, by whoever
        answered; schema.org QAPage is a WebPage."""
        return ArticleMetadata(
            published=self.answered_on,
            source=self.department_name,
            keywords=",".join(part for part in (self.kind_label, self.topic_name) if part),
            description=self.question[:120],
            schema_type="QAPage",
        )

    @property
    def kind_label(self):
        return workflow.Kind(self.kind).label

    def search_record_values(self):
        """Search: who answered, when, about what."""
        keywords = "，".join(part for part in (self.kind_label, self.topic_name) if part)
        return {
            "publisher": self.department_name,
            "published_at": self.answered_on,
            "keywords": keywords,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing.rating_context(request, self.message))
        return context


class FaqIndexPage(RoutedViewRestrictions, ColumnMetaMixin, Page):
    """常见问题: the FAQ entries, grouped by topic."""

    intro = models.TextField("栏目说明", blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + ColumnMetaMixin.column_panels
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["interaction.InteractionIndexPage"]
    subpage_types = ["interaction.FaqPage"]
    max_count = 1
    template = "interaction/faq_index_page.html"

    class Meta:
        verbose_name = "常见问题栏目"

    def search_record_values(self):
        return {**super().search_record_values(), "summary": self.intro}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = listing.faq_groups(
            FaqPage.objects.child_of(self).live().public().select_related("topic")
        )
        return context


class FaqPage(RoutedViewRestrictions, Page):
    """One 常见问题 entry: the question is the title; the answer links the policy documents and
    interpretations it rests on. Editors write them, or promote a published answer."""

    topic = models.ForeignKey(
        "interaction.MessageTopic",
        verbose_name="主题",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = RichTextField("解答", features=ANSWER_FEATURES)
    promoted_from = models.ForeignKey(
        "interaction.Message",
        verbose_name="来源留言",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="faq_pages",
        editable=False,
    )
    reviewed_on = models.DateField(
        "核对日期", default=timezone.localdate, help_text="最近一次核对解答仍然有效的日期。"
    )

    content_panels = Page.content_panels + [
        FieldPanel("topic"),
        FieldPanel("answer"),
        FieldPanel("reviewed_on"),
        InlinePanel("related_pages", label="依据的政策文件和解读"),
    ]
    search_fields = Page.search_fields + [index.SearchField("answer")]

    parent_page_types = ["interaction.FaqIndexPage"]
    subpage_types = []
    template = "interaction/faq_page.html"

    class Meta:
        verbose_name = "常见问题"
        verbose_name_plural = "常见问题"

    def search_record_values(self):
        return {
            "keywords": self.topic.name if self.topic_id else "",
            "published_at": self.reviewed_on,
        }

    def related(self):
        """The live policy documents and interpretations this answer rests on."""
        return [
            row.page.specific
            for row in self.related_pages.select_related("page")
            if row.page and row.page.live
        ]


class FaqRelatedPage(Orderable):
    """A policy document or interpretation an FAQ answer rests on."""

    faq = ParentalKey(FaqPage, on_delete=models.CASCADE, related_name="related_pages")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="政策文件或解读",
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [
        PageChooserPanel(
            "page", ["disclosure.PolicyDocumentPage", "disclosure.PolicyInterpretationPage"]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = "依据的政策文件或解读"
