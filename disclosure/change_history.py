"""Recording 更新记录 when a published document or interpretation is published again
(the fields and the model are in disclosure/models/change_history.py), and then sending the
订阅提醒 of that publication (disclosure/alerts.py)."""

from wagtail.signals import page_published

from disclosure import alerts
from disclosure.models.change_history import ChangeNoteFields, ChangeRecord


def record_change(page, revision):
    """Add the ChangeRecord of publishing `revision` of `page`, when it is one: a republication
    (not the first), not ticked as minor, with a note not already recorded last time."""
    note = page.change_note.strip()
    if page.first_published_at == page.last_published_at or page.minor_change or not note:
        return None
    last = ChangeRecord.objects.filter(page=page).first()
    if last is not None and last.note == note:
        return None  # the live revision published again unchanged (e.g. a restored revision)
    return ChangeRecord.objects.get_or_create(
        revision=revision,
        defaults={"page": page, "published_at": page.last_published_at, "note": note},
    )[0]


def on_page_published(sender, instance, revision=None, **kwargs):
    """Record the change, then alert the subscribers (who are told the recorded note)."""
    if isinstance(instance, ChangeNoteFields) and instance.live:
        change = record_change(instance, revision)
        alerts.alert_about(instance, change)


def connect():
    page_published.connect(on_page_published, dispatch_uid="disclosure.change_history")
