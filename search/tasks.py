"""Background tasks (django-tasks): draining the search outbox, and queueing that drain.

search/indexing.py does the work; this module queues it (search/signals.py calls
`schedule_drain` after each page change commits) and retries it later when Elasticsearch
refused rows.
"""

import datetime as dt
import logging

from django_tasks import default_task_backend, task

from search import indexing

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
