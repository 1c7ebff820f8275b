"""The database backend: jieba-segmented text in SQLite FTS5 or PostgreSQL full text.

SearchEntry rows hold the records (a column per search schema field); the full-text index is a
side table kept here with raw SQL (created by migration 0002). It has two parts: the title and
the body (every other text field of the schema, then the exact-lookup fields, so part of a 文号
is found as words too).

- SQLite: `search_fts`, an FTS5 table (rowid = SearchEntry.id) whose `title` and `body`
  columns hold jieba search-mode tokens separated by spaces (FTS5's unicode61 tokenizer would
  otherwise take a whole run of Han characters as one token).
- PostgreSQL: `search_fts(entry_id, vector)` with a GIN index. The tsvector is written as a
  literal: each jieba token at its character offset (title weight A, body weight B), so a
  unit cut into several tokens matches as a phrase with exact distances (`'医疗' <2> '保障'`).

A unit (see search.text.query_units) matches when the document has it as one token, or has
its dictionary words next to each other (SQLite: NEAR; PostgreSQL: exact distance). Every unit
must match (or one of its synonyms). Ranking: BM25 (SQLite) / ts_rank (PostgreSQL) times the
same title, phrase and recency boosts as the Elasticsearch backend.

The module implements search.backends.base.SearchBackend.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from search import conf, ranking, schema
from search.backends.base import RebuildReport, now_version
from search.models import SearchEntry, SearchTombstone
from search.query import (
    FACETS,
    HIT_FIELDS,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
    facet_label,
)
from search.text import highlight, index_tokens, normalize, segment, unit_tokens

NAME = "database"
ERRORS = (DatabaseError,)
ENTRY_TABLE = SearchEntry._meta.db_table
FTS_TABLE = "search_fts"
PG_MAX_POSITION = 16383  # PostgreSQL keeps positions up to this value
PG_BODY_OFFSET = 1000  # body positions start after the title's
MAX_INDEXED_CHARACTERS = 100_000
# Marks a title phrase match looks through, as Elasticsearch's tokenizer does: the query
# 好差评制度 is in the title 关于推行“好差评”制度的意见.
TITLE_MARKS = "“”‘’《》「」〈〉"

# Columns written from a record: every schema field but the identity.
ENTRY_FIELDS = [f.name for f in schema.schema_fields() if f.kind != schema.ID]
# The full-text table's body: every text field but the title, then the exact-lookup fields.
BODY_FIELDS = [
    f.name
    for f in schema.schema_fields()
    if (f.kind == schema.TEXT and f.name != "title") or f.spec.exact
]
SNIPPET_FIELDS = schema.snippet_fields()
# The title's weight (SQLite bm25) and boost: the setting the schema names for it.
TITLE_BOOST_SETTING = schema.get_field("title").spec.boost
# The phrase boost looks for the whole query in these columns only: attachments' text (up to
# 200,000 characters) would make every ranked hit slow to score.
PHRASE_COLUMNS = ("title", "summary", "body")


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def vendor() -> str:
    return connection.vendor


# --------------------------------------------------------------------------- writing


def _body_text(record) -> str:
    parts = [getattr(record, name) for name in BODY_FIELDS]
    return "\n".join(part for part in parts if part)[:MAX_INDEXED_CHARACTERS]


def _pg_lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def pg_vector_literal(title: str, body: str) -> str:
    """A tsvector literal: jieba tokens at their character offsets, title A and body B."""
    positions: dict[str, list[str]] = {}
    for text, offset, weight in ((title, 1, "A"), (body, PG_BODY_OFFSET, "B")):
        for token, start, _end in index_tokens(text):
            if not token.strip() or not any(ch.isalnum() for ch in token):
                continue
            position = min(offset + start, PG_MAX_POSITION)
            entries = positions.setdefault(token, [])
            if len(entries) < 256:
                entries.append(f"{position}{weight}")
    return " ".join(f"{_pg_lexeme(token)}:{','.join(p)}" for token, p in positions.items())


# How long a deletion's version is remembered (SearchTombstone), like Elasticsearch's
# gc_deletes: a drain that read a page longer ago than this is long finished.
TOMBSTONE_MILLISECONDS = 60 * 60 * 1000


def write(records, deletes=(), version=None) -> int:
    """Insert or update the records' SearchEntry rows and full-text rows, in bulk, and remove
    the entries `deletes` names, in one transaction. Returns how many were applied.

    Versioned like Elasticsearch's external versions: `version` is when the pages were read
    (now_version(), taken before reading). A record or a deletion is applied only when it is
    newer than what the store holds for that entry, the entry itself or its tombstone (a
    recent deletion). So a drain that read a page while it was public cannot add it back
    after a later drain removed it because it went private."""
    version = version or now_version()
    records, deletes = list(records), list(deletes)
    with transaction.atomic():
        doc_ids = [r.doc_id for r in records] + deletes
        newest = dict(
            SearchTombstone.objects.select_for_update()
            .filter(doc_id__in=doc_ids)
            .values_list("doc_id", "version")
        )
        stored = SearchEntry.objects.select_for_update().filter(doc_id__in=doc_ids)
        for doc_id, stored_version in stored.values_list("doc_id", "version"):
            newest[doc_id] = max(newest.get(doc_id, 0), stored_version)
        records = [r for r in records if newest.get(r.doc_id, 0) < version]
        deletes = [d for d in deletes if newest.get(d, 0) < version]
        applied = _write(records, version) + delete(deletes)
        SearchTombstone.objects.filter(doc_id__in=[r.doc_id for r in records]).delete()
        for doc_id in deletes:
            SearchTombstone.objects.update_or_create(doc_id=doc_id, defaults={"version": version})
        SearchTombstone.objects.filter(version__lt=version - TOMBSTONE_MILLISECONDS).delete()
    return applied


def _write(records, version=0) -> int:
    if not records:
        return 0
    with transaction.atomic():
        existing = dict(
            SearchEntry.objects.filter(doc_id__in=[r.doc_id for r in records]).values_list(
                "doc_id", "id"
            )
        )
        new, changed = [], []
        for record in records:
            values = {name: getattr(record, name) for name in ENTRY_FIELDS}
            entry = SearchEntry(doc_id=record.doc_id, version=version, **values)
            if record.doc_id in existing:
                entry.pk = existing[record.doc_id]
                changed.append(entry)
            else:
                new.append(entry)
        now = timezone.now()
        for entry in new + changed:
            entry.indexed_at = now
        SearchEntry.objects.bulk_create(new, batch_size=500)
        if changed:
            SearchEntry.objects.bulk_update(
                changed, [*ENTRY_FIELDS, "indexed_at", "version"], batch_size=500
            )
        ids = dict(
            SearchEntry.objects.filter(doc_id__in=[r.doc_id for r in records]).values_list(
                "doc_id", "id"
            )
        )
        rows = [(ids[r.doc_id], r.title, _body_text(r)) for r in records]
        with connection.cursor() as cursor:
            _delete_fts(cursor, [row[0] for row in rows])
            if vendor() == "postgresql":
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (entry_id, vector) VALUES (%s, %s::tsvector)",
                    [(pk, pg_vector_literal(title, body)) for pk, title, body in rows],
                )
            else:
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                    [(pk, segment(title), segment(body)) for pk, title, body in rows],
                )
    return len(records)


def _delete_fts(cursor, entry_ids) -> None:
    key = "entry_id" if vendor() == "postgresql" else "rowid"
    for start in range(0, len(entry_ids), 500):
        chunk = entry_ids[start : start + 500]
        marks = ",".join(["%s"] * len(chunk))
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE {key} IN ({marks})", chunk)


def delete(doc_ids) -> int:
    doc_ids = list(doc_ids)
    if not doc_ids:
        return 0
    with transaction.atomic():
        entries = SearchEntry.objects.filter(doc_id__in=doc_ids)
        ids = list(entries.values_list("id", flat=True))
        with connection.cursor() as cursor:
            _delete_fts(cursor, ids)
        entries.delete()
    return len(ids)


def clear() -> None:
    """Empty the store."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
        SearchEntry.objects.all().delete()


def clear_pages() -> None:
    """Remove every page entry (a full rebuild writes them again)."""
    delete(SearchEntry.objects.filter(page_id__isnull=False).values_list("doc_id", flat=True))


def rebuild(chunks, progress=None) -> RebuildReport:
    """Rewrite the page entries from `chunks` in one transaction (readers see the old store
    until it commits). Entries that are not pages (benchmark documents) stay."""
    report = RebuildReport()
    with transaction.atomic():
        clear_pages()
        SearchTombstone.objects.all().delete()  # the rebuild reads every page afresh
        for version, records, *read in chunks:
            _write(records, version or 0)
            report.documents += len(records)
            if progress:
                progress(read[0] if read else len(records))
    return report


def count() -> int:
    return SearchEntry.objects.count()


def health() -> dict:
    return {
        "vendor": vendor(),
        "documents": count(),
        "pages": SearchEntry.objects.filter(page_id__isnull=False).count(),
    }


# --------------------------------------------------------------------------- matching


def _fts5_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fts5_variant(variant: str) -> str:
    tokens = unit_tokens(variant)
    whole = _fts5_string(normalize(variant))
    if len(tokens) <= 1:
        return whole
    near = "NEAR(" + " ".join(_fts5_string(t) for t in tokens) + f", {2 * len(tokens)})"
    return f"{whole} OR {near}"


def _fts5_unit(unit) -> str:
    options = [_fts5_variant(v) for v in unit.variants]
    if unit.parts:
        options.append("(" + " AND ".join(_fts5_variant(p) for p in unit.parts) + ")")
    return "(" + " OR ".join(options) + ")"


def _most_of(expressions: list[str], minimum: int, both: str, either: str) -> str:
    """All of `expressions`, or (minimum < len) any `minimum` of them: (A∧B) ∨ (A∧C) ∨ (B∧C)."""
    if minimum >= len(expressions):
        return f" {both} ".join(expressions)
    groups = itertools.combinations(expressions, minimum)
    return f" {either} ".join("(" + f" {both} ".join(group) + ")" for group in groups)


def fts5_expression(query: SearchQuery) -> str:
    """FTS5 MATCH text: most of the required units (SearchQuery.minimum_units), OR over each
    unit's variants and token forms."""
    units = [_fts5_unit(unit) for unit in query.required_units]
    return _most_of(units, query.minimum_units, "AND", "OR")


def _pg_variant(variant: str) -> str:
    tokens = unit_tokens(variant)
    whole = _pg_lexeme(normalize(variant))
    if len(tokens) <= 1:
        return whole
    phrase = _pg_lexeme(tokens[0])
    for previous, token in zip(tokens, tokens[1:], strict=False):
        phrase += f" <{len(previous)}> {_pg_lexeme(token)}"
    return f"{whole} | ({phrase})"


def _pg_unit(unit) -> str:
    options = [f"({_pg_variant(v)})" for v in unit.variants]
    if unit.parts:
        options.append("(" + " & ".join(f"({_pg_variant(p)})" for p in unit.parts) + ")")
    return "(" + " | ".join(options) + ")"


def pg_tsquery(query: SearchQuery) -> str:
    units = [_pg_unit(unit) for unit in query.required_units]
    return _most_of(units, query.minimum_units, "&", "|")


def _relation_has(column: str) -> str:
    """SQL: the RELATION column holds the number (stored as " a b ", see search.records)."""
    if vendor() == "postgresql":
        return f"strpos(e.{column}, %s) > 0"
    return f"instr(e.{column}, %s) > 0"


# More entries than this related to one number are matched in SQL, not as a list of ids.
MAX_EXACT_IDS = 500


def _exact_condition(field: str, value: str) -> tuple[str, list]:
    """SQL and params: the entry has the 文号/索引号 `value` in `field` or in a relation column."""
    names = list(ranking.RELATION_SCORES)
    sql = "(" + " OR ".join([f"e.{field} = %s", *[_relation_has(n) for n in names]]) + ")"
    return sql, [value, *[f" {value} "] * len(names)]


def _exact_ids(field: str, value: str) -> list[int]:
    """The entries that have the 文号/索引号 `value` in `field` or in a relation column. This
    reads only those columns (on SQLite through the covering index of migration 0013), not the
    rows' text, before the rest of the query looks at the few entries found."""
    condition, params = _exact_condition(field, value)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.id FROM {ENTRY_TABLE} e WHERE {condition}", params)
        return [pk for (pk,) in cursor.fetchall()]


def _where(query: SearchQuery) -> tuple[str, str, list, str]:
    """(FROM clause, WHERE clause, params, rank expression) for the query and its filters.

    A 文号/索引号 query: the rank is ranking.EXACT_SCORE for the document that has it, the
    RELATION_SCORES of the way the others are related to it."""
    clauses, params = [], []
    if query.exact:
        field, value = query.exact
        source = f"{ENTRY_TABLE} e"
        names = list(ranking.RELATION_SCORES)
        padded = f" {value} "
        ids = _exact_ids(field, value)
        if len(ids) <= MAX_EXACT_IDS:
            clauses.append(f"e.id IN ({', '.join(['%s'] * len(ids))})" if ids else "1 = 0")
            params += ids
        else:  # a number cited very often: look it up in the rows themselves
            condition, condition_params = _exact_condition(field, value)
            clauses.append(condition)
            params += condition_params
        scores = ranking.RELATION_SCORES
        cases = " ".join(f"WHEN {_relation_has(n)} THEN {scores[n]}" for n in names)
        rank = f"(CASE WHEN e.{field} = %s THEN {ranking.EXACT_SCORE} {cases} ELSE 0 END)"
        rank_params = [value, *[padded] * len(names)]
    elif query.units and vendor() == "postgresql":
        source = f"{ENTRY_TABLE} e JOIN {FTS_TABLE} f ON f.entry_id = e.id"
        clauses.append("f.vector @@ %s::tsquery")
        params.append(pg_tsquery(query))
        rank = "ts_rank(f.vector, %s::tsquery, 1)"
        rank_params = [pg_tsquery(query)]
    elif query.units:
        source = f"{FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid"
        clauses.append(f"{FTS_TABLE} MATCH %s")
        params.append(fts5_expression(query))
        rank = f"(-bm25({FTS_TABLE}, {float(conf.get(TITLE_BOOST_SETTING))}, 1.0))"
        rank_params = []
    else:
        source, rank, rank_params = f"{ENTRY_TABLE} e", "1.0", []
    for key, value in query.filters.items():
        clauses.append(f"e.{key} = %s")
        params.append(schema.filter_value(key, value))
    return source, " AND ".join(clauses) or "1 = 1", params, (rank, rank_params)


# --------------------------------------------------------------------------- ranking


def _found(unit, text: str) -> bool:
    """The unit (a variant, or all of its parts) is in the lowered text."""
    if any(variant.lower() in text for variant in unit.variants):
        return True
    return bool(unit.parts) and all(part.lower() in text for part in unit.parts)


def _final_score(query: SearchQuery, entry, rank: float, now: dt.datetime) -> float:
    """The full-text rank times the rules Elasticsearch applies too (search/ranking.py): units
    found, title and phrase boosts, validity, recency."""
    title = entry.title.lower()
    for mark in TITLE_MARKS:
        title = title.replace(mark, "")
    text = "\n".join([title, *(getattr(entry, name).lower() for name in PHRASE_COLUMNS[1:])])
    text += "\n" + entry.keywords.lower()
    score = max(rank, 1e-6) * ranking.unit_factor(sum(_found(u, text) for u in query.units))
    phrase = query.phrase
    if phrase and phrase in title:
        score *= conf.get(TITLE_BOOST_SETTING)
    if phrase and phrase in text:
        score *= conf.get("SEARCH_PHRASE_BOOST")
    score *= ranking.validity_factor(entry.validity)
    score *= ranking.formal_factor(entry.document_number, entry.genre, entry.content_type)
    weight = conf.get("SEARCH_RECENCY_WEIGHT")
    if weight and entry.published_at:
        age_days = abs((now - entry.published_at).total_seconds()) / 86400
        score *= 1 + weight * 0.5 ** (age_days / conf.get("SEARCH_RECENCY_HALF_LIFE_DAYS"))
    return score


# --------------------------------------------------------------------------- reading

# The columns a facet count reads, and whether the facet is a number (years: highest first).
NUMBER_FACETS = {key for key, _label in FACETS if schema.get_field(key).kind == schema.INTEGER}
# Ranked in Python (search/ranking.py rules) after the full-text rank picked them: enough for
# the rules to reorder the first pages without scoring every match.
CANDIDATES = 200
# Read for ranking and hits: every column but the long attachment text.
HIT_COLUMNS = sorted(set(HIT_FIELDS) | {"summary", "body", "keywords", "validity", "title"})


def _count_and_facets(cursor, source, where, params, query) -> tuple[int, dict]:
    """The number of matches and each facet's counts, in one statement: the matches are found
    once (a materialised CTE) and counted by every facet."""
    columns = ", ".join(f"e.{key}" for key, _label in FACETS)
    parts = ["SELECT '#' AS facet, '' AS value, COUNT(*) AS n FROM m"]
    for key, _label in FACETS:
        empty = f"{key} IS NOT NULL" if key in NUMBER_FACETS else f"{key} <> ''"
        parts.append(
            f"SELECT '{key}', CAST({key} AS TEXT), COUNT(*) FROM m WHERE {empty} GROUP BY {key}"
        )
    cursor.execute(
        f"WITH m AS MATERIALIZED (SELECT {columns} FROM {source} WHERE {where}) "
        + " UNION ALL ".join(parts),
        params,
    )
    total = 0
    grouped: dict[str, list[tuple[str, int]]] = {key: [] for key, _label in FACETS}
    for key, value, n in cursor.fetchall():
        if key == "#":
            total = n
        else:
            grouped[key].append((str(value), n))
    facets = {}
    for key, values in grouped.items():
        if key in NUMBER_FACETS:  # highest first (years: the latest)
            values.sort(key=lambda item: int(item[0]), reverse=True)
        else:
            values.sort(key=lambda item: (-item[1], item[0]))
        selected = query.filters.get(key)
        facets[key] = [
            FacetValue(value, facet_label(key, value), n, selected=value == selected)
            for value, n in values[:50]
        ]
    return total, facets


def _hit(entry: SearchEntry, query: SearchQuery, score: float | None) -> Hit:
    phrases = query.highlight_phrases
    snippet = ""
    lowered = [p.lower() for p in phrases]
    for field in SNIPPET_FIELDS:
        text = getattr(entry, field.name)
        if text and any(p in text.lower() for p in lowered):
            snippet = field.spec.snippet_prefix + highlight(text, phrases)
            break
    if not snippet:
        snippet = highlight(entry.summary or entry.body, [])
    return Hit(
        **{name: getattr(entry, name) for name in HIT_FIELDS},
        title_html=highlight(entry.title, phrases, length=None),
        snippet_html=snippet,
        score=score,
    )


def page_hits(page_ids, query: SearchQuery) -> list[Hit]:
    """The stored entries of these pages as hits (in the order given, missing ones left
    out), highlighted for `query`: 推荐结果 (search/pins.py) for both backends."""
    entries = {entry.page_id: entry for entry in SearchEntry.objects.filter(page_id__in=page_ids)}
    return [_hit(entries[pk], query, None) for pk in page_ids if pk in entries]


def _timestamp(entry) -> float:
    return (entry.published_at or _EPOCH).timestamp()


def _entries(ids) -> dict:
    """SearchEntry rows by id, without the attachment text unless a snippet may need it."""
    return SearchEntry.objects.defer("attachments_text").in_bulk(ids)


def search(query: SearchQuery) -> SearchResults:
    started = time.perf_counter()
    source, where, params, (rank, rank_params) = _where(query)
    ranked_by_rules = bool(query.units) and query.sort != "date" and not query.exact
    with connection.cursor() as cursor:
        total, facets = _count_and_facets(cursor, source, where, params, query)
        dated = "CASE WHEN e.published_at IS NULL THEN 1 ELSE 0 END, e.published_at DESC"
        if not total:
            rows = []
        elif ranked_by_rules:
            window = max(CANDIDATES, query.offset + query.page_size)
            cursor.execute(
                f"SELECT e.id, {rank} AS full_rank FROM {source} WHERE {where} "
                "ORDER BY full_rank DESC, e.id DESC LIMIT %s",
                rank_params + params + [window],
            )
            rows = cursor.fetchall()
        else:
            order = f"full_rank DESC, {dated}, e.id DESC" if query.exact else f"{dated}, e.id DESC"
            cursor.execute(
                f"SELECT e.id, {rank} AS full_rank FROM {source} WHERE {where} ORDER BY {order} "
                "LIMIT %s OFFSET %s",
                rank_params + params + [query.page_size, query.offset],
            )
            rows = cursor.fetchall()
    entries = _entries([pk for pk, _rank in rows])
    if ranked_by_rules:
        now = timezone.now()
        scored = [
            (pk, _final_score(query, entries[pk], float(value or 0), now))
            for pk, value in rows
            if pk in entries
        ]
        scored.sort(key=lambda item: (-item[1], -_timestamp(entries[item[0]])))
        rows = scored[query.offset : query.offset + query.page_size]
    else:
        rows = [(pk, None) for pk, _rank in rows]
    hits = [_hit(entries[pk], query, score) for pk, score in rows if pk in entries]
    for key, _label in FACETS:
        facets.setdefault(key, [])
    return SearchResults(
        query=query,
        hits=hits,
        total=total,
        facets=facets,
        backend=NAME,
        took_ms=(time.perf_counter() - started) * 1000,
        exact_match=bool(query.exact),
    )


def suggest(prefix: str, limit: int = 8) -> list[dict]:
    entries = SearchEntry.objects.filter(title__contains=prefix).order_by("-published_at")
    return [{"title": e.title, "url": e.url} for e in entries.only("title", "url")[:limit]]
