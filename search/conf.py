"""Search settings with their defaults.

Each value is read from Django settings when it is used (so tests can override it), falling
back to an environment variable of the same name and then to the default here.
"""

import os

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
    # Hot searches: how many days back, how many entries, how often a query must be asked.
    "SEARCH_HOT_DAYS": 30,
    "SEARCH_HOT_LIMIT": 8,
    "SEARCH_HOT_MIN_COUNT": 3,
    # Page types never indexed ("app_label.modelname").
    "SEARCH_EXCLUDED_PAGE_TYPES": ["portal.sitemappage"],
}

_FLOATS = {
    "SEARCH_TIMEOUT_SECONDS",
    "SEARCH_RETRY_AFTER_SECONDS",
    "SEARCH_INDEXING_TIMEOUT_SECONDS",
    "SEARCH_TITLE_BOOST",
    "SEARCH_PHRASE_BOOST",
    "SEARCH_RECENCY_WEIGHT",
}


def get(name):
    """The setting `name`: Django settings, else the environment, else DEFAULTS."""
    default = DEFAULTS[name]
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(name)
    if raw is None:
        return default
    if isinstance(default, list):
        return [item.strip() for item in raw.split(",") if item.strip()]
    if name in _FLOATS:
        return float(raw)
    if isinstance(default, int):
        return int(raw)
    return raw


def elasticsearch_url():
    return (get("ELASTICSEARCH_URL") or "").strip()


def index_alias():
    return get("SEARCH_INDEX_ALIAS")
