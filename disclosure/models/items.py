"""What every catalogue item page shares: its 发布机构, 发布日期 and 关键词.

发布日期 is set once, at first publication, to that day (Asia/Shanghai); editors cannot type
it, so a publication date can never be back-dated (国办秘函〔2019〕19号 counts a forged date as a
veto). Imports and demo content bring their historical date with them.
"""

from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Page

from portal.metadata import ArticleMetadata
from portal.visibility import RoutedViewRestrictions

from .change_history import ChangeNoteFields

# Fields that belong to the page as a whole, not to one revision: restoring an old revision
# or publishing a draft saved before the first publication must never change them.
PAGE_LEVEL_FIELDS = ("publish_date",)


class CatalogueItemPage(RoutedViewRestrictions, ChangeNoteFields, Page):
    publisher = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="发布机构",
        on_delete=models.PROTECT,
        related_name="+",
    )
    publish_date = models.DateField(
        "发布日期", null=True, blank=True, help_text="首次发布时自动记录，不可修改。"
    )
    keywords = models.CharField("关键词", max_length=200, blank=True, help_text="多个用逗号分隔。")

    page_level_fields = PAGE_LEVEL_FIELDS
    exclude_fields_in_copy = [*PAGE_LEVEL_FIELDS, *ChangeNoteFields.exclude_fields_in_copy]

    class Meta:
        abstract = True

    def article_metadata(self):
        """The article meta set (portal/metadata.py): 发布日期, 发布机构 and 关键词."""
        return ArticleMetadata(
            published=self.publish_date,
            source=self.publisher.name if self.publisher_id else "",
            keywords=self.keywords,
            description=getattr(self, "summary", ""),
        )

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.page_level_fields:
            setattr(obj, field, getattr(self, field))
        return obj

    def keep_page_level_fields(self):
        """Once stored, page-level fields keep their stored values whatever a revision says."""
        if not self.pk:
            return
        stored = type(self).objects.filter(pk=self.pk).values(*self.page_level_fields).first()
        for field, value in (stored or {}).items():
            if value:
                setattr(self, field, value)

    def on_first_publication(self):
        """Fill what first publication fixes; subclasses add to it (inside a transaction)."""
        if not self.publish_date:
            self.publish_date = timezone.localdate()

    def save(self, *args, **kwargs):
        self.keep_page_level_fields()
        with transaction.atomic():
            if self.live:
                self.on_first_publication()
            return super().save(*args, **kwargs)

    def search_record_values(self):
        """Search (search/records.py): 发布机构, 关键词 and this 发布日期, on top of the generic
        values (title, summary, the text of search_fields, attachments)."""
        return {
            "publisher": str(self.publisher),
            "keywords": self.keywords,
            "published_at": self.publish_date,
        }

    @property
    def keyword_list(self):
        return [
            word.strip() for word in self.keywords.replace("，", ",").split(",") if word.strip()
        ]
