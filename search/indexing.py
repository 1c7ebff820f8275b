"""Keeping the index in step with the pages: the outbox, its drain, rebuilds and status.

Page changes write IndexOutbox rows in the publishing transaction (search/signals.py), which
queues the drain task after commit (search/tasks.py). The drain reads the rows in batches,
reads each page's current state and
- writes it to the database store (the fallback backend), then
- sends it to Elasticsearch (to the alias, and to the index a rebuild is filling, if any).
Rows are deleted only when every target accepted them. When Elasticsearch is down they stay,
with an attempt count and a next-attempt time that backs off; the next drain retries them.

Both backends are written through their SearchBackend functions (search/backends/base.py).
Writes to Elasticsearch carry an external version: the time the page was read. A rebuild that
read a page before a publish cannot overwrite what the drain wrote after it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db.models import Min, Q
from django.utils import timezone
from wagtail.models import Page

from search import conf
from search.backends import database, elastic
from search.backends.base import RebuildReport, now_version
from search.models import IndexOutbox, SearchSyncState
from search.records import is_searchable, page_record, searchable_pages

logger = logging.getLogger(__name__)


def elastic_enabled() -> bool:
    return bool(conf.elasticsearch_url())


# --------------------------------------------------------------------------- outbox


def add_to_outbox(page_ids, action: str, reason: str = "") -> int:
    """Write outbox rows in the caller's transaction (search/signals.py queues the drain);
    returns how many."""
    page_ids = list(dict.fromkeys(page_ids))
    IndexOutbox.objects.bulk_create(
        [IndexOutbox(page_id=pk, action=action, reason=reason[:40]) for pk in page_ids]
    )
    return len(page_ids)


@dataclass
class DrainReport:
    processed: int = 0  # outbox rows done and removed
    indexed: int = 0
    deleted: int = 0
    failed: int = 0  # rows left for a retry
    error: str = ""
    errors: list[str] = field(default_factory=list)


def _due_rows():
    now = timezone.now()
    return IndexOutbox.objects.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def _records_for(page_ids):
    """(records to index, doc ids to delete) from the pages' current state."""
    pages = Page.objects.in_bulk(page_ids)
    records, deletes, problems = [], [], []
    for pk in page_ids:
        page = pages.get(pk)
        if page is None or not is_searchable(page):
            deletes.append(str(pk))
            continue
        try:
            records.append(page_record(page))
        except Exception as error:  # one broken page must not block the others
            logger.exception("cannot build the search record of page %s", pk)
            problems.append(f"页面 {pk}：{type(error).__name__}: {error}")
            deletes.append(str(pk))
    return records, deletes, problems


def _retry_delay(attempts: int) -> dt.timedelta:
    base = conf.get("SEARCH_OUTBOX_RETRY_BASE_SECONDS")
    return dt.timedelta(
        seconds=min(base * 2 ** max(attempts - 1, 0), conf.get("SEARCH_OUTBOX_RETRY_MAX_SECONDS"))
    )


def drain(max_batches: int | None = None, retry_now: bool = False) -> DrainReport:
    """Process due outbox rows in batches (all rows when retry_now). Safe to run concurrently:
    every write is idempotent and versioned. search.tasks.drain_outbox() also queues a retry
    of what failed."""
    report = DrainReport()
    batches = 0
    while max_batches is None or batches < max_batches:
        batches += 1
        rows_qs = IndexOutbox.objects.all() if retry_now else _due_rows()
        rows = list(rows_qs.order_by("id")[: conf.get("SEARCH_OUTBOX_BATCH_SIZE")])
        if not rows:
            break
        row_ids = [row.pk for row in rows]
        page_ids = list(dict.fromkeys(row.page_id for row in rows))
        version = now_version()  # taken before reading the pages
        records, deletes, problems = _records_for(page_ids)
        report.errors.extend(problems)
        database.write(records, deletes, version=version)
        if elastic_enabled():
            try:
                elastic.write(records, deletes, version=version)
            except elastic.ERRORS as error:
                report.error = f"{type(error).__name__}: {error}"[:1000]
                report.failed += _postpone(rows, report.error)
                break
        IndexOutbox.objects.filter(pk__in=row_ids).delete()
        report.processed += len(rows)
        report.indexed += len(records)
        report.deleted += len(deletes)
    return report


def _postpone(rows, error: str) -> int:
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        row.next_attempt_at = now + _retry_delay(row.attempts)
        row.last_error = error
    IndexOutbox.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])
    return len(rows)


def next_retry_at() -> dt.datetime | None:
    """When the earliest postponed row is due, unless a retry for it is already queued (then
    None). Records the time as queued: the caller queues the retry."""
    retry_at = IndexOutbox.objects.aggregate(at=Min("next_attempt_at"))["at"]
    if retry_at is None:
        return None
    state, _created = SearchSyncState.objects.get_or_create(pk=1)
    if state.retry_at and state.retry_at > timezone.now():
        return None
    state.retry_at = retry_at
    state.save(update_fields=["retry_at"])
    return retry_at


def forget_retry() -> None:
    """Nothing is left to retry: a later failure may queue a retry again."""
    SearchSyncState.objects.filter(retry_at__isnull=False).update(retry_at=None)


# --------------------------------------------------------------------------- rebuild


def _page_chunks(chunk_size: int = 200):
    """(read version, records, pages read) per chunk of live pages."""
    pks = list(searchable_pages().values_list("pk", flat=True))
    for start in range(0, len(pks), chunk_size):
        version = now_version()
        pages = Page.objects.in_bulk(pks[start : start + chunk_size])
        records = []
        for pk in pks[start : start + chunk_size]:
            page = pages.get(pk)
            if page is not None and is_searchable(page):
                try:
                    records.append(page_record(page))
                except Exception:
                    logger.exception("cannot build the search record of page %s", pk)
        yield version, records, len(pages)


def rebuild_elasticsearch(progress=None, chunks=None) -> RebuildReport:
    """A new Elasticsearch index from every public page, swapped in without downtime.
    `chunks` (for benchmarks) replaces the pages with an iterable of (version, records)."""
    return elastic.rebuild(chunks if chunks is not None else _page_chunks(), progress)


def rebuild_database(progress=None) -> int:
    """Rewrite the database store from the pages in one transaction; returns the count."""
    return database.rebuild(_page_chunks(), progress).documents


def page_total() -> int:
    return searchable_pages().count()


# --------------------------------------------------------------------------- status


def expected_count() -> int:
    """How many pages should be in the index (live, public, not excluded)."""
    return sum(1 for page in searchable_pages().iterator() if is_searchable(page))


def status() -> dict:
    """Counts in the database, the database store and Elasticsearch, and the outbox backlog."""
    outbox = IndexOutbox.objects.all()
    oldest = outbox.order_by("created_at").first()
    failing = outbox.filter(attempts__gt=0)
    last_failure = failing.order_by("-next_attempt_at").first()
    return {
        "pages_expected": expected_count(),
        "database_store": database.health()["pages"],
        "outbox_pending": outbox.count(),
        "outbox_failing": failing.count(),
        "outbox_oldest": oldest.created_at if oldest else None,
        "outbox_last_error": last_failure.last_error if last_failure else "",
        "elasticsearch_url": conf.elasticsearch_url(),
        "elasticsearch": elastic.health() if elastic_enabled() else None,
    }
