"""The Elasticsearch backend: writes SearchRecords through the alias, answers SearchQuery.

Matching (see search/documents.py for the fields):
- every query unit must appear as a phrase (or one of its synonyms as a phrase) somewhere in
  `content`; or, for recall, most of the query's character bigrams must be there;
- ranking is BM25 on bigrams and on the units, multiplied by the title boost when the title
  contains the whole query, by the phrase boost when any text contains it, and by
  (1 + recency weight x exponential decay of age).
"""

from __future__ import annotations

import datetime as dt
import functools

from django.utils import timezone
from django.utils.html import escape
from elasticsearch import Elasticsearch
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from search import conf
from search.documents import PageDocument
from search.query import FACETS, FacetValue, Hit, SearchQuery, SearchResults, facet_label
from search.text import merge_marks

NAME = "elasticsearch"
TEXT_FIELDS = ["title", "summary", "body", "attachments_text"]
HIGHLIGHT = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
SOURCE_FIELDS = [
    "page_id",
    "title",
    "url",
    "summary",
    "content_type",
    "content_type_label",
    "document_number",
    "index_number",
    "publisher",
    "topic",
    "genre",
    "validity",
    "published_at",
]


def client(url: str | None = None) -> Elasticsearch:
    """A client for `url` (default: ELASTICSEARCH_URL) that fails fast instead of retrying."""
    return _client(url or conf.elasticsearch_url())


@functools.lru_cache(maxsize=8)
def _client(url: str) -> Elasticsearch:
    return Elasticsearch(url, max_retries=0, retry_on_timeout=False)


def search_client():
    return client().options(request_timeout=conf.get("SEARCH_TIMEOUT_SECONDS"))


def indexing_client():
    return client().options(request_timeout=conf.get("SEARCH_INDEXING_TIMEOUT_SECONDS"))


# --------------------------------------------------------------------------- writing


def bulk_actions(records, index: str, version: int | None = None):
    """_bulk actions for records (index) and doc ids (delete), externally versioned.

    The version is the time (ms) the record was read from the database: a write carrying an
    older reading than the one the index has is rejected, so a slow rebuild cannot overwrite a
    newer change (see search/indexing.py).
    """
    version = version or int(timezone.now().timestamp() * 1000)
    for record in records:
        if isinstance(record, str):
            yield {
                "_op_type": "delete",
                "_index": index,
                "_id": record,
                "version": version,
                "version_type": "external",
            }
        else:
            action = PageDocument.from_record(record).to_dict(include_meta=True)
            action["_index"] = index
            action["version"] = version
            action["version_type"] = "external"
            yield action


def write(
    records_and_deletes, index: str | None = None, version: int | None = None, refresh=False
) -> int:
    """Send index/delete actions in bulk; return how many were applied. refresh=True makes
    them visible to searches at once (outbox drains); rebuilds refresh once at the end.

    Version conflicts (a newer reading is already there) and deletes of absent documents are
    expected and ignored; anything else raises.
    """
    applied = 0
    failures = []
    for ok, item in streaming_bulk(
        indexing_client(),
        bulk_actions(records_and_deletes, index or conf.index_alias(), version),
        chunk_size=500,
        refresh=refresh,
        raise_on_error=False,
        raise_on_exception=True,
        max_retries=0,
    ):
        if ok:
            applied += 1
            continue
        result = next(iter(item.values()))
        status = result.get("status")
        if status == 409 or (status == 404 and "delete" in item):
            continue
        failures.append(item)
    if failures:
        raise BulkIndexError(f"{len(failures)} document(s) failed to index", failures)
    return applied


def count(index: str | None = None) -> int:
    return indexing_client().count(index=index or conf.index_alias())["count"]


# --------------------------------------------------------------------------- reading


def _filters(query: SearchQuery) -> list[dict]:
    clauses = []
    for key, value in query.filters.items():
        clauses.append({"term": {key: int(value) if key == "year" else value}})
    return clauses


def _unit_clause(unit) -> dict:
    """The unit (or a synonym) as a phrase, or all of its parts as phrases."""
    options = [{"match_phrase": {"content": variant}} for variant in unit.variants]
    if unit.parts:
        options.append({"bool": {"must": [{"match_phrase": {"content": p}} for p in unit.parts]}})
    return {"bool": {"should": options, "minimum_should_match": 1}}


def build_query(query: SearchQuery) -> dict:
    """The Elasticsearch query for a SearchQuery (without aggregations or highlighting)."""
    filters = _filters(query)
    if query.exact:
        field, value = query.exact
        return {"bool": {"filter": [{"term": {field: value}}, *filters]}}
    if not query.units:
        return {"bool": {"filter": filters}} if filters else {"match_all": {}}

    words = " ".join(unit.text for unit in query.units)
    every_unit = {"bool": {"must": [_unit_clause(unit) for unit in query.units]}}
    most_bigrams = {"match": {"content.bigram": {"query": words, "minimum_should_match": "75%"}}}
    title_boost = conf.get("SEARCH_TITLE_BOOST")
    relevance = {
        "bool": {
            "must": [{"bool": {"should": [every_unit, most_bigrams], "minimum_should_match": 1}}],
            "should": [
                {"match": {"content.bigram": {"query": words}}},
                {"match": {"title.bigram": {"query": words, "boost": title_boost}}},
                *[
                    {
                        "multi_match": {
                            "query": variant,
                            "type": "phrase",
                            "fields": ["title"],
                            "boost": title_boost,
                        }
                    }
                    for unit in query.units
                    for variant in unit.variants
                ],
            ],
            "filter": filters,
        }
    }
    phrase_functions = [
        {"filter": {"match_phrase": {"title": query.phrase}}, "weight": title_boost},
        {
            "filter": {"match_phrase": {"content": query.phrase}},
            "weight": conf.get("SEARCH_PHRASE_BOOST"),
        },
    ]
    boosted = {
        "function_score": {
            "query": relevance,
            "functions": phrase_functions,
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }
    }
    weight = conf.get("SEARCH_RECENCY_WEIGHT")
    if not weight:
        return boosted
    return {
        "function_score": {
            "query": boosted,
            "functions": [
                {"weight": 1},
                {
                    "exp": {
                        "published_at": {
                            "scale": f"{conf.get('SEARCH_RECENCY_HALF_LIFE_DAYS')}d",
                            "decay": 0.5,
                        }
                    },
                    "weight": weight,
                },
            ],
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }


def build_body(query: SearchQuery) -> dict:
    body = {
        "query": build_query(query),
        "from": query.offset,
        "size": query.page_size,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
        "aggs": {
            key: {
                "terms": {
                    "field": key,
                    "size": 50,
                    "order": {"_key": "desc"} if key == "year" else {"_count": "desc"},
                }
            }
            for key, _label in FACETS
        },
    }
    if query.sort == "date" or (not query.units and not query.exact):
        body["sort"] = [{"published_at": {"order": "desc", "missing": "_last"}}, "_score"]
    if query.units:
        body["highlight"] = {
            **HIGHLIGHT,
            "highlight_query": {
                "bool": {
                    "should": [
                        {"multi_match": {"query": variant, "type": "phrase", "fields": TEXT_FIELDS}}
                        for variant in query.highlight_phrases
                    ]
                }
            },
            "fields": {
                "title": {"number_of_fragments": 0},
                "summary": {"fragment_size": 120, "number_of_fragments": 1},
                "body": {"fragment_size": 120, "number_of_fragments": 1},
                "attachments_text": {"fragment_size": 120, "number_of_fragments": 1},
            },
        }
    return body


def _date(value):
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _hit(raw: dict) -> Hit:
    source = raw["_source"]
    marks = {
        field: [merge_marks(f) for f in parts] for field, parts in raw.get("highlight", {}).items()
    }
    snippet = ""
    for field, prefix in (("body", ""), ("summary", ""), ("attachments_text", "附件：")):
        if marks.get(field):
            snippet = escape(prefix) + marks[field][0]
            break
    if not snippet:
        snippet = escape((source.get("summary") or "")[:120])
    title = source.get("title", "")
    return Hit(
        doc_id=raw["_id"],
        page_id=source.get("page_id"),
        title=title,
        title_html=marks["title"][0] if marks.get("title") else escape(title),
        snippet_html=snippet,
        url=source.get("url", ""),
        content_type=source.get("content_type", ""),
        content_type_label=source.get("content_type_label", ""),
        document_number=source.get("document_number", ""),
        index_number=source.get("index_number", ""),
        publisher=source.get("publisher", ""),
        topic=source.get("topic", ""),
        genre=source.get("genre", ""),
        validity=source.get("validity", ""),
        published_at=_date(source.get("published_at")),
        score=raw.get("_score"),
    )


def parse_response(query: SearchQuery, response: dict, took_ms: float) -> SearchResults:
    facets = {}
    for key, _label in FACETS:
        buckets = response.get("aggregations", {}).get(key, {}).get("buckets", [])
        selected = query.filters.get(key)
        facets[key] = [
            FacetValue(
                value=str(bucket["key"]),
                label=facet_label(key, str(bucket["key"])),
                count=bucket["doc_count"],
                selected=str(bucket["key"]) == selected,
            )
            for bucket in buckets
        ]
    return SearchResults(
        query=query,
        hits=[_hit(raw) for raw in response["hits"]["hits"]],
        total=response["hits"]["total"]["value"],
        facets=facets,
        backend=NAME,
        took_ms=took_ms,
        exact_match=bool(query.exact),
    )


def search(query: SearchQuery) -> SearchResults:
    """Run the query; raises elasticsearch/transport errors (the service falls back on them)."""
    started = timezone.now()
    body = build_body(query)
    body["from_"] = body.pop("from")
    response = search_client().search(index=conf.index_alias(), **body)
    took = (timezone.now() - started).total_seconds() * 1000
    return parse_response(query, response.body, took)


def suggest(prefix: str, limit: int = 8) -> list[dict]:
    response = search_client().search(
        index=conf.index_alias(),
        query={"match_phrase_prefix": {"title": {"query": prefix, "max_expansions": 20}}},
        size=limit,
        _source=["title", "url"],
    )
    return [
        {"title": hit["_source"]["title"], "url": hit["_source"].get("url", "")}
        for hit in response["hits"]["hits"]
    ]
