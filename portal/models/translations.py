"""How far a page's translation can be trusted (docs/MONGOLIAN.md).

A page in another language than the default carries a visible notice driven by its
translation_status: a machine translation or a draft is never presented as the official
text. The field belongs to each language version: wagtail-localize neither translates nor
copies it from the original (LocalField).
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail_localize.fields import BaseTranslatableField

from portal.languages import is_default_locale


class LocalField(BaseTranslatableField):
    """A field each language version keeps for itself: neither translated nor synchronised."""

    def is_translated(self, obj):
        return False

    def is_synchronized(self, obj):
        return False


class TranslationStatus(models.TextChoices):
    MACHINE = "machine", "机器翻译（未经审校）"
    DRAFT = "draft", "草稿译文（待审校）"
    REVIEWED = "reviewed", "已审校"


class TranslationStatusMixin(models.Model):
    translation_status = models.CharField(
        "译文状态",
        max_length=10,
        choices=TranslationStatus.choices,
        default=TranslationStatus.MACHINE,
        help_text="仅对译文（非中文页面）有效：机器翻译和草稿译文在页面上显示提示，不作为正式文本。",
    )

    translation_panels = [FieldPanel("translation_status")]
    override_translatable_fields = [LocalField("translation_status")]

    class Meta:
        abstract = True

    @property
    def translation_notice(self):
        """The status to announce on the page: None for originals and reviewed translations."""
        if is_default_locale(self):
            return None
        if self.translation_status == TranslationStatus.REVIEWED:
            return None
        return self.translation_status
