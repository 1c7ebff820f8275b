"""Background tasks (django-tasks): draining the search outbox, and queueing that drain;
OCR of a scanned attachment.

search/indexing.py does the work; this module queues it (search/signals.py calls
`schedule_drain` after each page change commits) and retries it later when Elasticsearch
refused rows. search/ocr.py recognises an attachment (search/signals.py calls `schedule_ocr`
when a document is saved); the pages using it are then reindexed.
"""

import datetime as dt
import logging

from django.db import transaction
from django_tasks import default_task_backend, task

from search import indexing, ocr
from search.models import IndexOutbox

logger = logging.getLogger(__name__)


@task()
def drain_search_outbox():
    """Index what the outbox holds; rows Elasticsearch refused stay for a later retry."""
    report = drain_outbox()
    return {
        "processed": report.processed,
        "indexed": report.indexed,
        "deleted": report.deleted,
        "failed": report.failed,
        "error": report.error,
    }


def drain_outbox(retry_now: bool = False) -> indexing.DrainReport:
    """Drain the outbox now; when rows failed, queue one deferred retry of them."""
    report = indexing.drain(retry_now=retry_now)
    if report.failed:
        schedule_retry()
    else:
        indexing.forget_retry()
    return report


def schedule_drain(run_after: dt.datetime | None = None) -> None:
    """Enqueue the drain task; a task backend failure leaves the rows for the next drain."""
    try:
        queued = drain_search_outbox
        if run_after is not None:
            queued = queued.using(run_after=run_after)
        queued.enqueue()
    except Exception as error:  # never break a publish because the queue is unavailable
        logger.warning("search outbox drain not enqueued: %s", error)


def schedule_retry() -> None:
    """Queue one deferred drain for the earliest retry, unless one is already queued."""
    if not default_task_backend.supports_defer:
        return  # immediate backend: the next publish or `search_index drain` retries
    retry_at = indexing.next_retry_at()
    if retry_at is not None:
        schedule_drain(run_after=retry_at)


@task()
def ocr_attachment(document_id: int, force: bool = False):
    """OCR one attachment when its text needs it; reindex the pages using it if its text
    changed."""
    return {"document_id": document_id, **run_ocr(document_id, force=force)}


def run_ocr(document_id: int, force: bool = False) -> dict:
    outcome = ocr.ocr_document(document_id, force=force)
    pages = []
    if outcome.changed:
        pages = ocr.pages_using(document_id)
        if indexing.add_to_outbox(pages, IndexOutbox.ACTION_INDEX, "ocr"):
            transaction.on_commit(schedule_drain)
    return {"status": outcome.status, "error": outcome.error, "pages": pages}


def schedule_ocr(document_id: int) -> None:
    """Enqueue the OCR of a document; a task backend failure leaves it to the backlog command
    (`manage.py search_index ocr`)."""
    try:
        ocr_attachment.enqueue(document_id)
    except Exception as error:  # never break an upload because the queue is unavailable
        logger.warning("OCR of document %s not enqueued: %s", document_id, error)
