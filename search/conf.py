"""Search settings with their defaults.

Same shape as every app's conf.py (see disclosure/conf.py and docs/ARCHITECTURE.md): DEFAULTS,
`get(name)` (the Django setting or the default, read at call time so tests can override it)
and functions for values that need shaping. Environment variables are read only in
portal/settings/*.py (ELASTICSEARCH_URL, SEARCH_INDEX_ALIAS and the timeouts).
"""

import base64

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from core.ocr import OcrOptions

DEFAULTS = {
    # Empty: the database backend answers every search. One URL, or several nodes of one
    # cluster comma-separated: a request that cannot reach one node is sent to the next.
    "ELASTICSEARCH_URL": "",
    # Authentication: an API key ("id:key" or its base64 form), or a user name and password
    # (basic auth). At most one of the two; empty: no authentication.
    "ELASTICSEARCH_API_KEY": "",
    "ELASTICSEARCH_USERNAME": "",
    "ELASTICSEARCH_PASSWORD": "",
    # A PEM file of the CA that signed the cluster's certificate (https:// URLs); empty: the
    # system's CAs. Certificates are always verified.
    "ELASTICSEARCH_CA_CERTS": "",
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
    # 搜索分析: a query is listed under low click-through only when it was searched at least
    # this often in the week; each list shows at most this many rows.
    "SEARCH_ANALYTICS_MIN_SEARCHES": 5,
    "SEARCH_ANALYTICS_ROWS": 50,
    # Page types never indexed ("app_label.modelname").
    "SEARCH_EXCLUDED_PAGE_TYPES": ["portal.sitemappage"],
    # OCR of scanned attachments (search/ocr.py, core/ocr.py): image-only PDF pages and
    # PNG/JPEG/TIFF images are read by Debian's tesseract in a background task.
    "SEARCH_OCR_ENABLED": True,
    # The programs (a name on PATH or a full path): tesseract-ocr and poppler-utils' pdftoppm.
    "SEARCH_OCR_TESSERACT": "tesseract",
    "SEARCH_OCR_PDFTOPPM": "pdftoppm",
    # Tesseract language models (Debian: tesseract-ocr-chi-sim, tesseract-ocr-eng).
    "SEARCH_OCR_LANGUAGES": "chi_sim+eng",
    # Pages recognised per document at most, and the rasterising resolution.
    "SEARCH_OCR_MAX_PAGES": 30,
    "SEARCH_OCR_DPI": 300,
    # Each pdftoppm or tesseract run is killed after this long.
    "SEARCH_OCR_TIMEOUT_SECONDS": 120,
    # A PDF page with fewer characters of its own text than this is recognised by OCR; an
    # attachment whose extracted text is shorter than this is an OCR candidate.
    "SEARCH_OCR_MIN_TEXT_CHARACTERS": 20,
}


def get(name):
    """The Django setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def elasticsearch_url():
    """The ELASTICSEARCH_URL setting as written (one URL or several, comma-separated)."""
    return (get("ELASTICSEARCH_URL") or "").strip()


def elasticsearch_nodes(url: str | None = None) -> list[str]:
    """The node URLs of `url` (default: ELASTICSEARCH_URL), in order."""
    text = elasticsearch_url() if url is None else url
    return [node.strip() for node in text.split(",") if node.strip()]


def elasticsearch_auth() -> dict:
    """The client's authentication arguments: {"api_key": ...}, {"basic_auth": (user, pw)}
    or {} (no authentication)."""
    api_key = (get("ELASTICSEARCH_API_KEY") or "").strip()
    username = (get("ELASTICSEARCH_USERNAME") or "").strip()
    password = get("ELASTICSEARCH_PASSWORD") or ""
    if api_key and (username or password):
        raise ImproperlyConfigured(
            "Elasticsearch 认证只能二选一：ELASTICSEARCH_API_KEY，或 ELASTICSEARCH_USERNAME 与 "
            "ELASTICSEARCH_PASSWORD。"
        )
    if api_key:
        if ":" in api_key:  # "id:key" as Elasticsearch prints it when the key is created
            api_key = base64.b64encode(api_key.encode()).decode()
        return {"api_key": api_key}
    if username or password:
        if not (username and password):
            raise ImproperlyConfigured(
                "ELASTICSEARCH_USERNAME 与 ELASTICSEARCH_PASSWORD 须同时设置。"
            )
        return {"basic_auth": (username, password)}
    return {}


def elasticsearch_ca_certs() -> str:
    return (get("ELASTICSEARCH_CA_CERTS") or "").strip()


def index_alias():
    return get("SEARCH_INDEX_ALIAS")


def ocr_options():
    """core.ocr.OcrOptions from the SEARCH_OCR_* settings."""
    return OcrOptions(
        tesseract=str(get("SEARCH_OCR_TESSERACT")),
        pdftoppm=str(get("SEARCH_OCR_PDFTOPPM")),
        languages=str(get("SEARCH_OCR_LANGUAGES")),
        dpi=int(get("SEARCH_OCR_DPI")),
        max_pages=int(get("SEARCH_OCR_MAX_PAGES")),
        timeout_seconds=float(get("SEARCH_OCR_TIMEOUT_SECONDS")),
        min_page_characters=int(get("SEARCH_OCR_MIN_TEXT_CHARACTERS")),
    )


def ocr_enabled() -> bool:
    return bool(get("SEARCH_OCR_ENABLED"))


def analytics_min_searches() -> int:
    return max(1, int(get("SEARCH_ANALYTICS_MIN_SEARCHES")))


def analytics_rows() -> int:
    return max(1, int(get("SEARCH_ANALYTICS_ROWS")))
