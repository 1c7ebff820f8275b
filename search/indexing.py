"""Keeping the index in step with the pages: the outbox, its drain, rebuilds and status.

Page changes write IndexOutbox rows in the publishing transaction (search/signals.py). After
commit, the drain task reads the rows in batches, reads each page's current state and
- writes it to the database store (the fallback backend), then
- sends it to Elasticsearch in one _bulk request (to the alias, and to the index a rebuild is
  filling, if any).
Rows are deleted only when every target accepted them. When Elasticsearch is down they stay,
with an attempt count and a next-attempt time that backs off; the next drain retries them.

Writes to Elasticsearch carry an external version: the time the page was read. A rebuild that
read a page before a publish cannot overwrite what the drain wrote after it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import ApiError, NotFoundError
from elasticsearch.helpers import BulkIndexError

from search import conf
from search.backends import database, elastic
from search.documents import index_definition
from search.models import IndexOutbox, SearchEntry, SearchSyncState
from search.records import is_searchable, page_record, searchable_pages

logger = logging.getLogger(__name__)

ELASTIC_ERRORS = (ApiError, TransportError, BulkIndexError, ConnectionError, TimeoutError)


def building_alias() -> str:
    return f"{conf.index_alias()}-building"


def now_version() -> int:
    return int(timezone.now().timestamp() * 1000)


# --------------------------------------------------------------------------- outbox


def enqueue(page_ids, action: str, reason: str = "") -> None:
    """Write outbox rows (in the caller's transaction) and drain them after commit."""
    page_ids = list(dict.fromkeys(page_ids))
    if not page_ids:
        return
    IndexOutbox.objects.bulk_create(
        [IndexOutbox(page_id=pk, action=action, reason=reason[:40]) for pk in page_ids]
    )
    transaction.on_commit(schedule_drain)


def schedule_drain(run_after: dt.datetime | None = None) -> None:
    """Enqueue the drain task; a task backend failure leaves the rows for the next drain."""
    from search.tasks import drain_search_outbox

    try:
        task = drain_search_outbox
        if run_after is not None:
            task = task.using(run_after=run_after)
        task.enqueue()
    except Exception as error:  # never break a publish because the queue is unavailable
        logger.warning("search outbox drain not enqueued: %s", error)


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
    from wagtail.models import Page

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


def elasticsearch_targets() -> list[str]:
    """Where writes go: the alias (created on first use) and a rebuild's index, if any."""
    client = elastic.indexing_client()
    alias = conf.index_alias()
    found = client.options(ignore_status=404).indices.get_alias(name=f"{alias},{building_alias()}")
    aliases = {
        name
        for info in found.body.values()
        if isinstance(info, dict)
        for name in info.get("aliases", {})
    }
    if alias not in aliases:
        create_index(client, set_alias=True)
        aliases.add(alias)
    return [name for name in (alias, building_alias()) if name in aliases]


def create_index(client, set_alias: bool = False) -> str:
    name = f"{conf.index_alias()}-{timezone.now():%Y%m%d%H%M%S%f}"
    index = index_definition(name)
    if set_alias:
        index.aliases(**{conf.index_alias(): {}})
    index.create(using=client)
    return name


def _retry_delay(attempts: int) -> dt.timedelta:
    base = conf.get("SEARCH_OUTBOX_RETRY_BASE_SECONDS")
    return dt.timedelta(
        seconds=min(base * 2 ** max(attempts - 1, 0), conf.get("SEARCH_OUTBOX_RETRY_MAX_SECONDS"))
    )


def drain(max_batches: int | None = None, retry_now: bool = False) -> DrainReport:
    """Process due outbox rows in batches (all rows when retry_now). Safe to run concurrently:
    every write is idempotent and versioned."""
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
        database.write(records)
        database.delete(deletes)
        if elastic_enabled():
            try:
                for target in elasticsearch_targets():
                    elastic.write(records + deletes, index=target, version=version, refresh=True)
            except ELASTIC_ERRORS as error:
                report.error = f"{type(error).__name__}: {error}"[:1000]
                report.failed += _postpone(rows, report.error)
                break
        IndexOutbox.objects.filter(pk__in=row_ids).delete()
        report.processed += len(rows)
        report.indexed += len(records)
        report.deleted += len(deletes)
    if report.failed:
        _schedule_retry()
    else:
        SearchSyncState.objects.filter(retry_at__isnull=False).update(retry_at=None)
    return report


def _postpone(rows, error: str) -> int:
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        row.next_attempt_at = now + _retry_delay(row.attempts)
        row.last_error = error
    IndexOutbox.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])
    return len(rows)


def _schedule_retry() -> None:
    """Queue one deferred drain for the earliest retry, unless one is already queued."""
    from django_tasks import default_task_backend

    if not default_task_backend.supports_defer:
        return  # immediate backend: the next publish or `search_index drain` retries
    retry_at = IndexOutbox.objects.aggregate(at=Min("next_attempt_at"))["at"]
    if retry_at is None:
        return
    state, _created = SearchSyncState.objects.get_or_create(pk=1)
    if state.retry_at and state.retry_at > timezone.now():
        return
    state.retry_at = retry_at
    state.save(update_fields=["retry_at"])
    schedule_drain(run_after=retry_at)


def elastic_enabled() -> bool:
    return bool(conf.elasticsearch_url())


# --------------------------------------------------------------------------- rebuild


@dataclass
class RebuildReport:
    index: str = ""
    documents: int = 0
    removed_indices: list[str] = field(default_factory=list)


def _page_chunks(chunk_size: int = 200):
    """(read version, records, pages read) per chunk of live pages."""
    pks = list(searchable_pages().values_list("pk", flat=True))
    from wagtail.models import Page

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
    """Fill a new index, then swap the alias to it in one atomic step and drop the old ones.

    Searches keep using the old index until the swap. While the new index fills, the outbox
    drain writes to both (through the `-building` alias), so no change is lost.
    `chunks` (for benchmarks) replaces the pages with an iterable of (version, records).
    """
    client = elastic.indexing_client()
    alias = conf.index_alias()
    name = create_index(client)
    client.indices.put_alias(index=name, name=building_alias())
    report = RebuildReport(index=name)
    try:
        for version, records, *read in chunks if chunks is not None else _page_chunks():
            if records:
                elastic.write(records, index=name, version=version)
            report.documents += len(records)
            if progress:
                progress(read[0] if read else len(records))
        client.indices.refresh(index=name)
        try:
            old = list(client.indices.get_alias(name=alias).body)
        except NotFoundError:
            old = []
        actions = [{"add": {"index": name, "alias": alias}}]
        actions += [{"remove": {"index": index, "alias": alias}} for index in old]
        actions.append({"remove": {"index": name, "alias": building_alias()}})
        client.indices.update_aliases(actions=actions)
    except Exception:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    for index in old:
        client.indices.delete(index=index, ignore_unavailable=True)
        report.removed_indices.append(index)
    return report


def rebuild_database(progress=None) -> int:
    """Rewrite the database store from the pages in one transaction (readers see the old
    store until it commits)."""
    written = 0
    with transaction.atomic():
        database.clear_pages()
        for _version, records, read in _page_chunks():
            database.write(records)
            written += len(records)
            if progress:
                progress(read)
    return written


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
    info = {
        "pages_expected": expected_count(),
        "database_store": SearchEntry.objects.filter(page_id__isnull=False).count(),
        "outbox_pending": outbox.count(),
        "outbox_failing": failing.count(),
        "outbox_oldest": oldest.created_at if oldest else None,
        "outbox_last_error": last_failure.last_error if last_failure else "",
        "elasticsearch_url": conf.elasticsearch_url(),
        "elasticsearch": None,
    }
    if elastic_enabled():
        client = elastic.indexing_client()
        try:
            indices = list(client.indices.get_alias(name=conf.index_alias()).body)
            info["elasticsearch"] = {
                "alias": conf.index_alias(),
                "indices": indices,
                "documents": elastic.count(),
                "version": client.info()["version"]["number"],
            }
        except NotFoundError:
            info["elasticsearch"] = {"alias": conf.index_alias(), "indices": [], "documents": 0}
        except ELASTIC_ERRORS as error:
            info["elasticsearch"] = {"error": f"{type(error).__name__}: {error}"[:300]}
    return info
