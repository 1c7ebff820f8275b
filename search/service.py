"""The public search service: search(query, filters, sort, page) -> SearchResults.

Elasticsearch answers when ELASTICSEARCH_URL is set; the database backend answers otherwise.
When Elasticsearch fails or does not answer within SEARCH_TIMEOUT_SECONDS, the database
answers instead and the results carry a notice for the page. After a failure, searches go
straight to the database for SEARCH_RETRY_AFTER_SECONDS so visitors do not each wait.

Backends are used only through the SearchBackend functions (search/backends/base.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import threading
import time

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from core.text import clean_text
from search import conf, pins, schema, spelling
from search.backends import database, elastic
from search.backends.base import SearchBackend
from search.models import SearchQueryClient, SearchQueryDaily, Synonym
from search.query import FACET_KEYS, SORTS, SearchQuery, SearchResults
from search.text import (
    clean_query,
    exact_identifier,
    normalize,
    query_units,
    relax,
    split_terms,
)

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = "全文检索服务暂时无法响应，以下是备用检索的结果，排序和摘要可能略有不同。"
# The fallback: it always has the data (every drain writes it).
FALLBACK: SearchBackend = database

_state = threading.local()
_down_until = 0.0  # monotonic time until which Elasticsearch is skipped
_synonyms: tuple[float, list[list[str]]] | None = None
SYNONYM_CACHE_SECONDS = 60

# Queries that look like personal data are never logged: long digit runs (身份证号, phone
# numbers) and e-mail addresses.
_PERSONAL = re.compile(r"\d{7,}|@|\d{3,4}[- ]\d{7,8}")


# --------------------------------------------------------------------------- synonyms


def synonym_groups() -> list[list[str]]:
    """Enabled synonym groups, cached for a minute (and cleared when staff edit them)."""
    global _synonyms
    if _synonyms is None or time.monotonic() - _synonyms[0] > SYNONYM_CACHE_SECONDS:
        groups = [
            split_terms(terms)
            for terms in Synonym.objects.filter(enabled=True).values_list("terms", flat=True)
        ]
        _synonyms = (time.monotonic(), [group for group in groups if len(group) > 1])
    return _synonyms[1]


def clear_synonym_cache(**_kwargs) -> None:
    global _synonyms
    _synonyms = None


# --------------------------------------------------------------------------- query parsing


def clean_page(page) -> int:
    """The results page asked for, as a number from 1 to SEARCH_MAX_PAGE."""
    try:
        page = int(page)
    except (TypeError, ValueError):
        page = 1
    return min(max(page, 1), conf.get("SEARCH_MAX_PAGE"))


def parse_query(query="", filters=None, sort="relevance", page=1) -> SearchQuery:
    """A SearchQuery from untrusted input: unknown filters dropped, page and sort clamped."""
    text = clean_query(query)
    clean_filters = {}
    for key, value in (filters or {}).items():
        value = clean_text(str(value or ""))[:200]  # a NUL would reach PostgreSQL
        if key not in FACET_KEYS or not value:
            continue
        if schema.clean_filter(key, value) is None:
            continue
        clean_filters[key] = value
    return SearchQuery(
        text=text,
        units=query_units(text, synonym_groups()) if text else [],
        filters=clean_filters,
        sort=sort if sort in SORTS else "relevance",
        page=clean_page(page),
        page_size=conf.get("SEARCH_PAGE_SIZE"),
        exact=exact_identifier(text) if text else None,
    )


# --------------------------------------------------------------------------- backends


def elasticsearch_enabled() -> bool:
    return bool(conf.elasticsearch_url())


def elasticsearch_available() -> bool:
    """Configured and not in the pause after a recent failure."""
    return elasticsearch_enabled() and time.monotonic() >= _down_until


def mark_elasticsearch_down(error: Exception) -> None:
    global _down_until
    _down_until = time.monotonic() + conf.get("SEARCH_RETRY_AFTER_SECONDS")
    logger.warning("Elasticsearch unavailable, using the database backend: %s", error)


def reset_elasticsearch_state() -> None:
    """Forget a recorded failure (tests, and the engine command after a restart)."""
    global _down_until
    _down_until = 0.0


def chosen_backend() -> SearchBackend:
    """Elasticsearch when configured and not paused after a failure, else the database."""
    return elastic if elasticsearch_available() else FALLBACK


RELAXED_NOTICE = "没有找到包含全部检索词的结果，以下结果包含其中部分词语。"


def _run(backend: SearchBackend, query: SearchQuery) -> SearchResults:
    if query.exact:
        exact = backend.search(query)
        if exact.total:
            return exact
        # Not a known 文号/索引号: search it as text.
        query.exact = None
    results = backend.search(query)
    if results.total or not query.units:
        return results
    # Nothing has most of the units: ask for fewer (compound units as their parts).
    query.units = relax(query.units, synonym_groups())
    query.relaxed = True
    relaxed = backend.search(query)
    if relaxed.total:
        relaxed.relaxed = True
        relaxed.notice = RELAXED_NOTICE
    return relaxed


def run_query(query: SearchQuery) -> SearchResults:
    """Answer a parsed query from Elasticsearch, or from the database when it fails."""
    backend = chosen_backend()
    if backend is not FALLBACK:
        try:
            return _run(backend, query)
        except backend.ERRORS as error:
            mark_elasticsearch_down(error)
            results = _run(FALLBACK, query)
            results.fell_back = True
            results.notice = FALLBACK_NOTICE
            return results
    results = _run(FALLBACK, query)
    if elasticsearch_enabled():
        results.fell_back = True
        results.notice = FALLBACK_NOTICE
    return results


def search(
    query="", filters=None, sort="relevance", page=1, *, log=False, client=""
) -> SearchResults:
    """The search API. `log=True` counts the query in the aggregated query log; `client` (the
    salted digest core.clients.client_hash gives) counts it once per client and day."""
    parsed = parse_query(query, filters, sort, page)
    if not parsed.text and not parsed.filters:
        results = SearchResults(parsed, [], 0, {key: [] for key in FACET_KEYS}, "none")
    else:
        results = run_query(parsed)
    pinned = pins.pinned_hits(parsed)
    if log:
        count_search(parsed.text, parsed.page, results.total > 0 or bool(pinned), client)
    if parsed.text and not parsed.exact:
        suggested = spelling.suggestion(parsed.text, suggestion_vocabulary())
        # A query staff pinned a page for means what they say: it is not corrected.
        if suggested and not pinned and (not results.total or results.relaxed):
            # Nothing (or only part of the words) for what was typed: answer what it most
            # likely meant when that finds more.
            better = run_query(parse_query(suggested, filters, sort, page))
            if better.total and not (results.total and better.relaxed):
                results = better
                results.corrected = True
                results.notice = CORRECTED_NOTICE.format(query=parsed.text, suggestion=suggested)
        results.suggestion = suggested
    return pins.merge(results, pinned)


CORRECTED_NOTICE = "没有找到“{query}”的结果，以下是“{suggestion}”的结果。"


def suggestion_vocabulary() -> list[str]:
    """What a typo or pinyin is corrected to: the hot searches, then the synonym terms."""
    hot = [row["query"] for row in hot_searches()]
    return hot + [term for group in synonym_groups() for term in group]


def suggest(prefix: str, limit: int = 8) -> list[dict]:
    """Titles starting with or containing what the visitor has typed so far."""
    prefix = clean_query(prefix)
    if len(prefix) < 1:
        return []
    backend = chosen_backend()
    if backend is not FALLBACK:
        try:
            return backend.suggest(prefix, limit)
        except backend.ERRORS as error:
            mark_elasticsearch_down(error)
    return FALLBACK.suggest(prefix, limit)


# --------------------------------------------------------------------------- query log


def looks_personal(text: str) -> bool:
    """Whether a query may hold personal data (a long number, an e-mail or phone number)."""
    return bool(_PERSONAL.search(normalize(text or "")))


def count_search(text: str, page: int, had_results: bool, client: str = "") -> None:
    """Count a search for 热门搜索 and 搜索分析: its first page only (a later page of the same
    search is not another search). The results view and its page-cache hits both count here."""
    if text and page == 1:
        log_query(text, had_results, client=client)


def log_query(text: str, had_results: bool, day: dt.date | None = None, client: str = "") -> None:
    """Count one search for `text` today. Stores the normalised query and counts only: the
    searches, and the distinct clients (`client` is a salted digest of the address; what is
    stored is a digest of it with the day and the query, see SearchQueryClient)."""
    query = normalize(text)[:100]
    if not query or looks_personal(query):
        return
    day = day or timezone.localdate()
    try:
        with transaction.atomic():
            new_client = bool(client) and _first_search_of_client(client, day, query)
            changes = {"count": F("count") + 1}
            if new_client:
                changes["clients"] = F("clients") + 1
            if had_results:
                changes["had_results"] = True
            updated = SearchQueryDaily.objects.filter(query=query, day=day).update(**changes)
            if not updated:
                try:
                    with transaction.atomic():
                        SearchQueryDaily.objects.create(
                            query=query,
                            day=day,
                            count=1,
                            clients=1 if new_client else 0,
                            had_results=had_results,
                        )
                except IntegrityError:
                    SearchQueryDaily.objects.filter(query=query, day=day).update(**changes)
    except DatabaseError as error:  # the log must never break a search
        logger.warning("query log not written: %s", error)


def log_click(text: str, client: str, day: dt.date | None = None) -> bool:
    """Count that `client` (a salted digest, core.clients.client_hash) followed a result
    link of `text` today: once per client, query and day, and only for a query the log has
    that day (searched, not personal). Stores nothing about the client but the digest of
    (click, client, day, query) SearchQueryClient keeps. True if counted."""
    query = normalize(text)[:100]
    if not query or not client or looks_personal(query):
        return False
    day = day or timezone.localdate()
    try:
        with transaction.atomic():
            if not SearchQueryDaily.objects.filter(query=query, day=day).exists():
                return False
            if not _first_search_of_client(client, day, query, kind="click"):
                return False
            SearchQueryDaily.objects.filter(query=query, day=day).update(clicks=F("clicks") + 1)
    except DatabaseError as error:  # counting must never break the link
        logger.warning("click not counted: %s", error)
        return False
    return True


def _first_search_of_client(client: str, day: dt.date, query: str, kind: str = "") -> bool:
    """Record that `client` searched `query` on `day` (or followed a result of it, `kind`
    "click"); False if it already had."""
    prefix = f"{kind}:" if kind else ""
    digest = hashlib.sha256(f"{prefix}{client}:{day.isoformat()}:{query}".encode()).hexdigest()
    try:
        with transaction.atomic():
            SearchQueryClient.objects.create(day=day, digest=digest)
    except IntegrityError:
        return False
    # Older days no longer count for 热门搜索: forget them (once per new client, cheap).
    keep = dt.timedelta(days=conf.get("SEARCH_HOT_DAYS"))
    SearchQueryClient.objects.filter(day__lt=day - keep).delete()
    return True


def hot_searches(limit: int | None = None) -> list[dict]:
    """The queries with results that the most clients asked over the last SEARCH_HOT_DAYS days.

    A query shows only once SEARCH_HOT_MIN_COUNT distinct clients (one a day at most: a
    client is counted once per query and day) asked it, so nothing one person typed, however
    often, ever appears.
    """
    since = timezone.localdate() - dt.timedelta(days=conf.get("SEARCH_HOT_DAYS"))
    rows = (
        SearchQueryDaily.objects.filter(day__gte=since, had_results=True)
        .values("query")
        .annotate(total=Sum("clients"))
        .filter(total__gte=conf.get("SEARCH_HOT_MIN_COUNT"))
        .order_by("-total", "query")[: limit or conf.get("SEARCH_HOT_LIMIT")]
    )
    return [{"query": row["query"], "count": row["total"]} for row in rows]
