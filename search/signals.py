"""Page changes write outbox rows in the same transaction (see search/indexing.py); the
drain task is queued once that transaction commits (search/tasks.py)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.indexing import add_to_outbox
from search.models import IndexOutbox, Synonym
from search.ocr import is_candidate_name
from search.service import clear_synonym_cache
from search.tasks import schedule_drain, schedule_ocr


def enqueue(page_ids, action: str, reason: str) -> None:
    """Outbox rows in the caller's transaction; the drain runs after it commits."""
    if add_to_outbox(page_ids, action, reason):
        transaction.on_commit(schedule_drain)


def _with_descendants(page) -> list[int]:
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


@receiver(page_published)
def page_published_handler(sender, instance, **kwargs):
    enqueue([instance.pk], IndexOutbox.ACTION_INDEX, "published")


@receiver(page_unpublished)
def page_unpublished_handler(sender, instance, **kwargs):
    enqueue([instance.pk], IndexOutbox.ACTION_DELETE, "unpublished")


@receiver(post_page_move)
def page_moved_handler(sender, instance, **kwargs):
    # The URLs of the page and everything below it changed (and maybe their privacy).
    enqueue(_with_descendants(instance), IndexOutbox.ACTION_INDEX, "moved")


@receiver(post_delete)
def page_deleted_handler(sender, instance, **kwargs):
    # Sent for the specific model and again for Page itself: handle only the Page row.
    if type(instance) is Page or (isinstance(instance, Page) and not instance._meta.parents):
        enqueue([instance.pk], IndexOutbox.ACTION_DELETE, "deleted")


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_handler(sender, instance, **kwargs):
    # A section turned private (or public again): re-check the page and its descendants.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        enqueue(_with_descendants(page), IndexOutbox.ACTION_INDEX, "privacy")


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def synonyms_changed(sender, **kwargs):
    clear_synonym_cache()


@receiver(post_save, sender=get_document_model())
def document_saved(sender, instance, **kwargs):
    # A new or replaced file: a scan among them is read by OCR in the background (search/ocr.py).
    if instance.file and is_candidate_name(instance.file.name):
        transaction.on_commit(lambda: schedule_ocr(instance.pk))
