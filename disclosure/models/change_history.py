"""更新记录: what changed each time a published document or interpretation is published again.

A republication is substantive unless the editor ticks 仅更正错别字等非实质性修改; a substantive
one needs a 更新说明, typed in the editor next to the content and carried in the revision, so a
note written before 提交三审 is the one published when 签发 approves. Publishing that revision
adds a ChangeRecord (disclosure/change_history.py); the page lists the records and the feeds
carry the latest note.
"""

from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

# The editor's buttons that publish the page or send it on the way to publication (三审).
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")

NOTE_REQUIRED = (
    "本文件已公开发布，实质性修改须填写更新说明（改了什么、为什么改），发布后显示在页面的“更新记录”中；"
    "仅更正错别字等非实质性修改，请勾选“仅更正错别字等非实质性修改”。"
)


class ChangeNoteFields(models.Model):
    """The two fields an editor fills in when publishing a published page again."""

    minor_change = models.BooleanField(
        "仅更正错别字等非实质性修改",
        default=False,
        help_text="勾选后本次发布不计入更新记录，无需填写更新说明。",
    )
    change_note = models.TextField(
        "更新说明",
        blank=True,
        max_length=500,
        help_text="已发布的文件再次发布时填写：改了什么、为什么改。首次发布无需填写。",
    )

    exclude_fields_in_copy = ["minor_change", "change_note"]

    class Meta:
        abstract = True

    @property
    def was_published(self):
        return self.first_published_at is not None


def change_note_panel():
    return MultiFieldPanel(
        [FieldPanel("minor_change"), FieldPanel("change_note")],
        heading="更新说明（已发布文件再次发布时填写）",
    )


def wants_publication(data) -> bool:
    """Does this editor request publish the page, or send it on towards publication?"""
    if any(action in data for action in PUBLISHING_ACTIONS):
        return True
    return "action-workflow-action" in data and data.get("workflow-action-name") == "approve"


class ChangeNoteForm(WagtailAdminPageForm):
    """Asks for a 更新说明 when a published page is published again with substantive changes.

    A new edit starts with an empty note: the note of the live revision was already recorded.
    A draft saved with its note keeps it, so a note typed before 提交三审 is not lost."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.pk and not page.has_unpublished_changes and not self.is_bound:
            self.initial["change_note"] = ""
            self.initial["minor_change"] = False

    def clean(self):
        cleaned = super().clean()
        if (
            self.instance.pk
            and self.instance.was_published
            and wants_publication(self.data)
            and not cleaned.get("minor_change")
            and not (cleaned.get("change_note") or "").strip()
        ):
            self.add_error("change_note", NOTE_REQUIRED)
        return cleaned


class ChangeRecord(models.Model):
    """One substantive republication: when, and the 更新说明 published with it."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="页面",
        on_delete=models.CASCADE,
        related_name="change_records",
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        verbose_name="发布的修订版本",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField("发布时间")
    note = models.TextField("更新说明")

    class Meta:
        verbose_name = "更新记录"
        verbose_name_plural = "更新记录"
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.published_at:%Y-%m-%d} {self.note}"
