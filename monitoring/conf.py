"""Settings of content monitoring with their defaults.

Same shape as every app's conf.py (see disclosure/conf.py and docs/ARCHITECTURE.md): DEFAULTS,
`get(name)` (the Django setting or the default, read at call time) and a function per setting.
Environment variables are read only in portal/settings/*.py (the link checker's
MONITORING_LINK_TIMEOUT and MONITORING_LINK_CONCURRENCY can be set there from the
environment).

Thresholds marked VERIFY come from vendors' practice rather than from the indicator text;
keep them configurable (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》).
"""

from pathlib import Path

from django.conf import settings

# Column classes and their update windows. A column (a page with a 栏目类型) belongs to the first
# class whose keywords appear in its 栏目类型 or its title. Columns of no class get no window.
DEFAULT_COLUMN_CLASSES = [
    {"name": "动态要闻", "label": "动态、要闻类", "days": 14, "keywords": ["动态", "要闻", "新闻"]},
    {
        "name": "通知公告政策文件",
        "label": "通知公告、政策文件类",
        "days": 183,
        "keywords": ["通知公告", "公告", "政策文件", "政策"],
    },
]

# Disclosure metadata a policy document must carry (field names on the page model). 文号 is
# left out: it is required only when the document has one, which a check cannot know.
DEFAULT_REQUIRED_METADATA = [
    "index_number",
    "publisher",
    "topic",
    "written_date",
    "summary",
]

# Deductions for the inspection report: check code -> (points per finding, cap for the item).
DEFAULT_DEDUCTIONS = {
    "BROKEN_LINK": (0.1, 5),
    "TYPO": (0.5, 5),
    "TYPO_LIKELY": (0.5, 5),
    "PII_MOBILE": (0.5, 5),
    "COLUMN_STALE": (1, 10),
    "EMPTY_COLUMN": (1, 10),
    "MESSAGE_UNANSWERED": (1, 5),
    "INTERACTION_NO_PUBLISHED_REPLY": (3, 3),
    "ACCOUNT_DUPLICATE": (2, 6),
    "ACCOUNT_NOT_FILED": (1, 5),
    "PAGE_MISSING_METADATA": (0.5, 5),
    "POLICY_WITHOUT_INTERPRETATION": (1, 5),
    "IMAGE_WITHOUT_ALT": (0.2, 3),
}

DEFAULTS = {
    # 政务新媒体: no update within this many days before the check is a 单项否决.
    "MONITORING_ACCOUNT_STALE_DAYS": 14,
    # The home page must show new information within this many days (单项否决).
    "MONITORING_HOME_PAGE_STALE_DAYS": 14,
    "MONITORING_COLUMN_CLASSES": DEFAULT_COLUMN_CLASSES,
    # A column not updated for this long counts as 长期未更新 [VERIFY: local rules say 1 year].
    "MONITORING_LONG_STALE_DAYS": 365,
    # Veto thresholds for the whole site.
    "MONITORING_STALE_COLUMNS_VETO": 5,
    "MONITORING_LONG_STALE_COLUMNS_VETO": 10,
    "MONITORING_EMPTY_COLUMNS_VETO": 5,
    # Interaction: a valid message unanswered beyond this many days is a deduction; beyond the
    # veto limit (3 months) it is a 单项否决.
    "MONITORING_UNANSWERED_DAYS": 5,
    "MONITORING_UNANSWERED_VETO_DAYS": 90,
    # The site's 互动交流 channel: no answer published for this many days is a deduction
    # (国办秘函〔2019〕19号: 2 months without published 留言 replies, −3).
    "MONITORING_PUBLISHED_REPLY_DAYS": 60,
    # The 监测概览 dashboard says 接近否决线 when a count or a number of days is within this
    # fraction of its veto line (at least 1 below it); yes/no lines (a limit of 1) have no
    # "near".
    "MONITORING_WARNING_MARGIN": 0.3,
    # Link checker: seconds per request, redirects followed, requests at once (in all and per
    # host), and how long a link's result is reused before it is fetched again (seconds).
    "MONITORING_LINK_TIMEOUT": 10,
    "MONITORING_LINK_MAX_REDIRECTS": 5,
    "MONITORING_LINK_CONCURRENCY": 32,
    "MONITORING_LINK_PER_HOST": 16,
    "MONITORING_LINK_CACHE_SECONDS": 6 * 60 * 60,
    # Whether runs fetch external links (internal ones are always resolved in-process).
    "MONITORING_CHECK_EXTERNAL_LINKS": True,
    # Further hosts ("host" or "host:port") that serve this site, besides Wagtail's sites.
    "MONITORING_INTERNAL_HOSTS": [],
    # Page models ("app_label.ModelName") that are policy documents; None: every page model
    # with an index_number and a document_number field.
    "MONITORING_POLICY_DOCUMENT_MODELS": None,
    "MONITORING_REQUIRED_METADATA": DEFAULT_REQUIRED_METADATA,
    "MONITORING_DEDUCTIONS": DEFAULT_DEDUCTIONS,
    # The out-of-list misspelling detector (monitoring/rules/spelling.py): whether it runs,
    # and where its built model is kept (None: VAR_DIR/cache). The first build takes
    # seconds; later processes read the cached file.
    "MONITORING_SPELLING_CHECK": True,
    "MONITORING_SPELLING_CACHE_DIR": None,
}

# A score below this fails the inspection even without a veto item.
PASS_SCORE = 60


def get(name):
    """The Django setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def account_stale_days():
    return get("MONITORING_ACCOUNT_STALE_DAYS")


def home_page_stale_days():
    return get("MONITORING_HOME_PAGE_STALE_DAYS")


def column_classes():
    return get("MONITORING_COLUMN_CLASSES")


def long_stale_days():
    return get("MONITORING_LONG_STALE_DAYS")


def stale_columns_veto():
    return get("MONITORING_STALE_COLUMNS_VETO")


def long_stale_columns_veto():
    return get("MONITORING_LONG_STALE_COLUMNS_VETO")


def empty_columns_veto():
    return get("MONITORING_EMPTY_COLUMNS_VETO")


def unanswered_days():
    return get("MONITORING_UNANSWERED_DAYS")


def unanswered_veto_days():
    return get("MONITORING_UNANSWERED_VETO_DAYS")


def published_reply_days():
    return get("MONITORING_PUBLISHED_REPLY_DAYS")


def warning_margin():
    return float(get("MONITORING_WARNING_MARGIN"))


def link_check_options():
    """Keyword arguments of rules.links.LinkChecker."""
    return {
        "timeout": float(get("MONITORING_LINK_TIMEOUT")),
        "max_redirects": int(get("MONITORING_LINK_MAX_REDIRECTS")),
        "concurrency": int(get("MONITORING_LINK_CONCURRENCY")),
        "per_host": int(get("MONITORING_LINK_PER_HOST")),
    }


def link_cache_seconds():
    return get("MONITORING_LINK_CACHE_SECONDS")


def check_external_links():
    return bool(get("MONITORING_CHECK_EXTERNAL_LINKS"))


def internal_hosts():
    return list(get("MONITORING_INTERNAL_HOSTS"))


def policy_document_models():
    return get("MONITORING_POLICY_DOCUMENT_MODELS")


def required_metadata():
    return get("MONITORING_REQUIRED_METADATA")


def deductions():
    return get("MONITORING_DEDUCTIONS")


def spelling_check():
    return bool(get("MONITORING_SPELLING_CHECK"))


def spelling_cache_dir():
    directory = get("MONITORING_SPELLING_CACHE_DIR")
    if directory is None:
        return Path(settings.VAR_DIR) / "cache"
    return Path(directory)
