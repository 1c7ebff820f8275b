"""The Elasticsearch backend: writes SearchRecords through the alias, answers SearchQuery.

The module implements search.backends.base.SearchBackend. Matching (see
search/backends/elastic_index.py for the mapping):
- every query unit must appear as a phrase (or one of its synonyms as a phrase) somewhere in
  `content`; or, for recall, most of the query's character bigrams must be there;
- ranking is BM25 on bigrams and on the units, multiplied by the title boost when the title
  contains the whole query, by the phrase boost when any text contains it, and by
  (1 + recency weight x exponential decay of age).

Writes go through the alias searches read (`conf.index_alias()`, created on first use) and, while
a rebuild fills a new index, through `<alias>-building` too. Each carries an external version:
the time the page was read, so a rebuild that read a page before a publish cannot overwrite
what a drain wrote after it. A rebuild fills a new index `<alias>-<timestamp>`, then moves the
alias to it in one `_aliases` call and deletes the old index.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.utils import timezone
from django.utils.html import escape
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from search import conf, ranking, schema
from search.backends.base import RebuildReport, now_version
from search.backends.elastic_index import CONTENT_FIELD, PageDocument, index_definition
from search.query import (
    FACETS,
    HIT_FIELDS,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
    facet_label,
)
from search.text import highlight, merge_marks, unit_tokens

NAME = "elasticsearch"
# What a failing or unreachable cluster raises: the service falls back, the outbox retries.
ERRORS = (ApiError, TransportError, BulkIndexError, ConnectionError, TimeoutError)
HIGHLIGHT = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
SNIPPET_FIELDS = schema.snippet_fields()
NUMBER_FACETS = {key for key, _label in FACETS if schema.get_field(key).kind == schema.INTEGER}
TITLE_BOOST_SETTING = schema.get_field("title").spec.boost
# Highlighted: the title (whole) and the text fields snippets come from.
# Snippets are cut in Python (search.text.highlight, as the database backend does) from the text
# read back with each hit, which is cheaper than Elasticsearch's highlighter; only the fields
# too long to read back (attachments' text, up to 200,000 characters) are highlighted by it.
HIGHLIGHTED_BY_ELASTICSEARCH = {"attachments_text"}
HIGHLIGHT_FIELDS = [f.name for f in SNIPPET_FIELDS if f.name in HIGHLIGHTED_BY_ELASTICSEARCH]
# Read back with each hit: what a Hit shows, and the text its snippet is cut from.
SOURCE_FIELDS = [name for name in HIT_FIELDS if name != "doc_id"] + [
    f.name for f in SNIPPET_FIELDS if f.name not in HIGHLIGHTED_BY_ELASTICSEARCH
]
# Each unit a document has multiplies its score by this much more (see build_query).
UNIT_WEIGHT = ranking.UNIT_WEIGHT
# Characters allowed between a variant's words, per word (see _near).
NEAR_GAP_PER_WORD = 3


def client(url: str | None = None) -> Elasticsearch:
    """A client for `url` (default: ELASTICSEARCH_URL: one node or several, comma-separated),
    with the configured authentication and CA bundle.

    A request that cannot reach a node (refused, reset, or a proxy's 502/503/504) goes to the
    next node, once per other node; that node is then left alone for a while. A timeout is
    not retried: the search service answers from the database instead of waiting twice.
    """
    auth = conf.elasticsearch_auth()
    return _client(
        tuple(conf.elasticsearch_nodes(url)),
        auth.get("api_key", ""),
        auth.get("basic_auth"),
        conf.elasticsearch_ca_certs(),
    )


@functools.lru_cache(maxsize=8)
def _client(nodes: tuple[str, ...], api_key: str, basic_auth, ca_certs: str) -> Elasticsearch:
    options = {"verify_certs": True}  # https:// nodes: the certificate is always checked
    if ca_certs:
        options["ca_certs"] = ca_certs
    if api_key:
        options["api_key"] = api_key
    if basic_auth:
        options["basic_auth"] = basic_auth
    return Elasticsearch(list(nodes), max_retries=len(nodes) - 1, retry_on_timeout=False, **options)


def search_client():
    return client().options(request_timeout=conf.get("SEARCH_TIMEOUT_SECONDS"))


def indexing_client():
    return client().options(request_timeout=conf.get("SEARCH_INDEXING_TIMEOUT_SECONDS"))


# --------------------------------------------------------------------------- writing


def building_alias() -> str:
    """The alias of the index a rebuild is filling (drains write to it too)."""
    return f"{conf.index_alias()}-building"


def create_index(client, set_alias: bool = False) -> str:
    """A new physical index `<alias>-<timestamp>`; with set_alias, searches use it at once."""
    name = f"{conf.index_alias()}-{timezone.now():%Y%m%d%H%M%S%f}"
    index = index_definition(name)
    if set_alias:
        index.aliases(**{conf.index_alias(): {}})
    index.create(using=client)
    return name


def targets() -> list[str]:
    """Where writes go: the alias (created on first use) and a rebuild's index, if any."""
    client = indexing_client()
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


def bulk_actions(records, deletes, index: str, version: int | None = None):
    """_bulk actions for records (index) and doc ids (delete), externally versioned.

    The version is the time (ms) the record was read from the database: a write carrying an
    older reading than the one the index has is rejected, so a slow rebuild cannot overwrite a
    newer change.
    """
    version = version or now_version()
    for record in records:
        action = PageDocument.from_record(record).to_dict(include_meta=True)
        action["_index"] = index
        action["version"] = version
        action["version_type"] = "external"
        yield action
    for doc_id in deletes:
        yield {
            "_op_type": "delete",
            "_index": index,
            "_id": doc_id,
            "version": version,
            "version_type": "external",
        }


def write(records, deletes=(), version: int | None = None) -> int:
    """Index `records` and delete `deletes` (doc ids) in every write target (the alias and a
    rebuild's index), visible to searches at once. Returns how many the alias applied."""
    applied = [
        write_to(target, records, deletes, version=version, refresh=True) for target in targets()
    ]
    return applied[0]


def write_to(index: str, records, deletes=(), version: int | None = None, refresh=False) -> int:
    """Send index/delete actions to `index` (an index or alias) in bulk; return how many were
    applied. refresh=True makes them visible to searches at once; rebuilds refresh once at
    the end.

    Version conflicts (a newer reading is already there) and deletes of absent documents are
    expected and ignored; anything else raises.
    """
    applied = 0
    failures = []
    for ok, item in streaming_bulk(
        indexing_client(),
        bulk_actions(records, deletes, index, version),
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


def rebuild(chunks, progress=None) -> RebuildReport:
    """Fill a new index, then swap the alias to it in one atomic step and drop the old ones.

    Searches keep using the old index until the swap. While the new index fills, outbox drains
    write to both (through the `-building` alias), so no change is lost.
    """
    client = indexing_client()
    alias = conf.index_alias()
    name = create_index(client)
    client.indices.put_alias(index=name, name=building_alias())
    report = RebuildReport(index=name)
    try:
        for version, records, *read in chunks:
            if records:
                write_to(name, records, version=version)
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


def count() -> int:
    return indexing_client().count(index=conf.index_alias())["count"]


def cluster_health(timeout: float = 2.0) -> dict:
    """The cluster's health: status (green/yellow/red), number_of_nodes, unassigned_shards...
    Raises one of ERRORS when no node answers within `timeout` seconds."""
    return client().options(request_timeout=timeout).cluster.health().body


def health() -> dict:
    """The alias, its indices, their document count and the cluster version, or the error."""
    client = indexing_client()
    alias = conf.index_alias()
    try:
        indices = list(client.indices.get_alias(name=alias).body)
        return {
            "alias": alias,
            "indices": indices,
            "documents": count(),
            "version": client.info()["version"]["number"],
        }
    except NotFoundError:
        return {"alias": alias, "indices": [], "documents": 0}
    except ERRORS as error:
        return {"error": f"{type(error).__name__}: {error}"[:300]}


# --------------------------------------------------------------------------- reading


def _filters(query: SearchQuery) -> list[dict]:
    return [
        {"term": {key: schema.filter_value(key, value)}} for key, value in query.filters.items()
    ]


def _near(variant: str) -> dict | None:
    """The variant's words in order, close together ("不动产……转移登记" for 不动产转移登记), as the
    database backend's NEAR matches them; None for a one-word variant.

    The database allows two of its tokens between words per word (search/backends/database.py);
    its jieba search-mode tokens overlap, so that is a few characters: this field's tokens are
    characters, NEAR_GAP_PER_WORD per word.
    """
    words = unit_tokens(variant)
    if len(words) < 2 or any(len(word) < 2 for word in words):
        return None  # one word, or single characters ("门诊慢特病" -> 慢, 特, 病): far too loose
    return {
        "intervals": {
            CONTENT_FIELD: {
                "all_of": {
                    "ordered": True,
                    "max_gaps": NEAR_GAP_PER_WORD * len(words),
                    "intervals": [
                        {"match": {"query": word, "max_gaps": 0, "ordered": True}} for word in words
                    ],
                }
            }
        }
    }


def _unit_clause(unit) -> dict:
    """The unit (or a synonym) as a phrase or as its words close together, or all of its parts
    as phrases."""
    options = [{"match_phrase": {CONTENT_FIELD: variant}} for variant in unit.variants]
    options += [near for near in map(_near, unit.variants) if near]
    if unit.parts:
        options.append(
            {"bool": {"must": [{"match_phrase": {CONTENT_FIELD: p}} for p in unit.parts]}}
        )
    return {"bool": {"should": options, "minimum_should_match": 1}}


def build_query(query: SearchQuery) -> dict:
    """The Elasticsearch query for a SearchQuery (without aggregations or highlighting).

    Matching: most of the required units (all but one of three or more, see
    SearchQuery.minimum_units), each as a phrase, a synonym or all of its parts; or, for
    recall, 75 % of the query's character bigrams. Ranking: BM25 on bigrams, units and the
    title, times (1 + UNIT_WEIGHT x the units a document has), the title and phrase boosts,
    the validity factor (repealed and expired documents below valid ones) and recency.
    """
    filters = _filters(query)
    if query.exact:
        return exact_query(query, filters)
    if not query.units:
        return {"bool": {"filter": filters}} if filters else {"match_all": {}}

    # The synonyms are the query as much as its own words: a document (or title) that uses
    # the official term gets the bigram score the colloquial one would have.
    words = " ".join(variant for unit in query.units for variant in unit.variants)
    required = [_unit_clause(unit) for unit in query.required_units]
    optional = [_unit_clause(unit) for unit in query.optional_units]
    most_units = {"bool": {"should": required, "minimum_should_match": query.minimum_units}}
    bigrams = f"{CONTENT_FIELD}.bigram"
    title_boost = conf.get(TITLE_BOOST_SETTING)
    relevance = {
        "bool": {
            "must": [most_units],
            "should": [
                {"match": {bigrams: {"query": words}}},
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
                *optional,
            ],
            "filter": filters,
        }
    }
    # (1 + UNIT_WEIGHT x units found): a document with every unit above one that lacks one.
    unit_count = [{"weight": 1}] + [
        {"filter": clause, "weight": UNIT_WEIGHT} for clause in required + optional
    ]
    counted = {
        "function_score": {
            "query": relevance,
            "functions": unit_count,
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }
    boosts = [
        {"filter": {"match_phrase": {"title": query.phrase}}, "weight": title_boost},
        {
            "filter": {"match_phrase": {CONTENT_FIELD: query.phrase}},
            "weight": conf.get("SEARCH_PHRASE_BOOST"),
        },
        {
            "filter": {"terms": {"validity": list(ranking.OUTDATED_VALIDITY)}},
            "weight": ranking.OUTDATED_FACTOR,
        },
        {"filter": {"exists": {"field": "document_number"}}, "weight": ranking.FORMAL_FACTOR},
        {
            "filter": {
                "bool": {
                    "should": [
                        {"terms": {"genre": list(ranking.INTERPRETATION_GENRES)}},
                        {"terms": {"content_type": list(ranking.INTERPRETATION_TYPES)}},
                    ],
                    "minimum_should_match": 1,
                    "must_not": [{"exists": {"field": "document_number"}}],
                }
            },
            "weight": ranking.INTERPRETATION_FACTOR,
        },
    ]
    boosted = {
        "function_score": {
            "query": counted,
            "functions": boosts,
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


def exact_query(query: SearchQuery, filters: list[dict]) -> dict:
    """A 文号/索引号: the document that has it first, then the documents related to it (its
    interpretations, then those that amend, replace or repeal it, then those citing it), each
    group newest first (the sort in build_body)."""
    field, value = query.exact
    groups = [
        {"constant_score": {"filter": {"term": {field: value}}, "boost": ranking.EXACT_SCORE}},
        *[
            {"constant_score": {"filter": {"term": {name: value}}, "boost": score}}
            for name, score in ranking.RELATION_SCORES.items()
        ],
    ]
    return {"bool": {"should": groups, "minimum_should_match": 1, "filter": filters}}


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
                    # Numbers (years) highest first, values by how often they occur.
                    "order": {"_key": "desc"} if key in NUMBER_FACETS else {"_count": "desc"},
                }
            }
            for key, _label in FACETS
        },
    }
    if query.sort == "date" or (not query.units and not query.exact):
        body["sort"] = [{"published_at": {"order": "desc", "missing": "_last"}}, "_score"]
    elif query.exact:
        body["sort"] = ["_score", {"published_at": {"order": "desc", "missing": "_last"}}]
    if query.units and HIGHLIGHT_FIELDS:
        body["highlight"] = {
            **HIGHLIGHT,
            "highlight_query": {
                "bool": {
                    "should": [
                        {
                            "multi_match": {
                                "query": variant,
                                "type": "phrase",
                                "fields": HIGHLIGHT_FIELDS,
                            }
                        }
                        for variant in query.highlight_phrases
                    ]
                }
            },
            "fields": {
                name: {"fragment_size": 120, "number_of_fragments": 1} for name in HIGHLIGHT_FIELDS
            },
        }
    return body


def _date(value):
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _hit(raw: dict, query: SearchQuery) -> Hit:
    source = raw["_source"]
    marks = {
        field: [merge_marks(f) for f in parts] for field, parts in raw.get("highlight", {}).items()
    }
    phrases = query.highlight_phrases
    lowered = [p.lower() for p in phrases]
    snippet = ""
    for field in SNIPPET_FIELDS:
        if field.name in HIGHLIGHTED_BY_ELASTICSEARCH:
            if marks.get(field.name):
                snippet = escape(field.spec.snippet_prefix) + marks[field.name][0]
                break
            continue
        text = source.get(field.name) or ""
        if text and any(p in text.lower() for p in lowered):
            snippet = escape(field.spec.snippet_prefix) + highlight(text, phrases)
            break
    if not snippet:
        snippet = highlight(source.get("summary") or source.get("body") or "", [])
    values = {}
    for name in HIT_FIELDS:
        field = schema.get_field(name)
        value = source.get(name, field.empty)
        values[name] = _date(value) if field.kind == schema.DATE else value
    values["doc_id"] = raw["_id"]
    title = values["title"]
    return Hit(
        **values,
        title_html=highlight(title, phrases, length=None),
        snippet_html=snippet,
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
        hits=[_hit(raw, query) for raw in response["hits"]["hits"]],
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
