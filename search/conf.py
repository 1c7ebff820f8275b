"""Search settings with their defaults.

Same shape as every app's conf.py (see disclosure/conf.py and docs/ARCHITECTURE.md): DEFAULTS,
`get(name)` (the Django setting or the default, read at call time so tests can override it)
and functions for values that need shaping. Environment variables are read only in
portal/settings/*.py (ELASTICSEARCH_URL, SEARCH_INDEX_ALIAS and the timeouts).
"""

from django.conf import settings

DEFAULTS = {
    # Empty: the database backend answers every search.
    "ELASTICSEARCH_URL": "",
    # The alias searches and writes go through; physical indices are "<alias>-<timestamp>".
    "SEARCH_INDEX_ALIAS": "portal-pages",
    "SEARCH_INDEX_SHARDS": 1,
    "SEARCH_INDEX_REPLICAS": 0,
    # How long a public search waits for Elasticsearch before answering from the database.
    "SEARCH_TIMEOUT_SECONDS": 1.0,
    # After Elasticsearch failed, searches go straight to the database for this long.
    "SEARCH_RETRY_AFTER_SECONDS": 15.0,
    # Timeout of indexing requests (bulk writes, index creation).
    "SEARCH_INDEXING_TIMEOUT_SECONDS": 30.0,
    "SEARCH_PAGE_SIZE": 10,
    "SEARCH_MAX_PAGE": 100,
    # Ranking: a title containing the query counts this much more than the body.
    "SEARCH_TITLE_BOOST": 4.0,
    # Ranking: a document containing the whole query as a phrase counts this much more.
    "SEARCH_PHRASE_BOOST": 3.0,
    # Ranking: score x (1 + weight x decay), decay halving every half-life days of age.
    "SEARCH_RECENCY_WEIGHT": 0.3,
    "SEARCH_RECENCY_HALF_LIFE_DAYS": 365,
    # Outbox drain: rows per batch; retry delays grow from the base up to the maximum.
    "SEARCH_OUTBOX_BATCH_SIZE": 500,
    "SEARCH_OUTBOX_RETRY_BASE_SECONDS": 30,
    "SEARCH_OUTBOX_RETRY_MAX_SECONDS": 3600,
    # Hot searches: how many days back, how many entries, how many distinct clients must
    # have asked a query (each counted once per day).
    "SEARCH_HOT_DAYS": 30,
    "SEARCH_HOT_LIMIT": 8,
    "SEARCH_HOT_MIN_COUNT": 3,
    # Page types never indexed ("app_label.modelname").
    "SEARCH_EXCLUDED_PAGE_TYPES": ["portal.sitemappage"],
}


def get(name):
    """The Django setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def elasticsearch_url():
    return (get("ELASTICSEARCH_URL") or "").strip()


def index_alias():
    return get("SEARCH_INDEX_ALIAS")
