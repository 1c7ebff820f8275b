"""Recording 更新记录 when a published document or interpretation is published again
(the fields and the model are in disclosure/models/change_history.py)."""

from wagtail.signals import page_published

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
    if isinstance(instance, ChangeNoteFields) and instance.live:
        record_change(instance, revision)


def connect():
    page_published.connect(on_page_published, dispatch_uid="disclosure.change_history")
