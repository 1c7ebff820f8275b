"""Monitoring defaults. Override any of them in Django settings (same name) or, for the link
checker's network limits, with environment variables.

Thresholds marked VERIFY come from vendors' practice rather than from the indicator text;
keep them configurable (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》).
"""

import os

from django.conf import settings


def setting(name, default):
    return getattr(settings, name, default)


# 政务新媒体: no update within this many days before the check is a 单项否决 (国办秘函〔2019〕19号).
def account_stale_days():
    return setting("MONITORING_ACCOUNT_STALE_DAYS", 14)


# The home page must show new information within this many days (单项否决).
def home_page_stale_days():
    return setting("MONITORING_HOME_PAGE_STALE_DAYS", 14)


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


def column_classes():
    return setting("MONITORING_COLUMN_CLASSES", DEFAULT_COLUMN_CLASSES)


# A column not updated for this long counts as 长期未更新 [VERIFY: local rules say 1 year].
def long_stale_days():
    return setting("MONITORING_LONG_STALE_DAYS", 365)


# Veto thresholds for the whole site (国办秘函〔2019〕19号).
def stale_columns_veto():
    return setting("MONITORING_STALE_COLUMNS_VETO", 5)


def long_stale_columns_veto():
    return setting("MONITORING_LONG_STALE_COLUMNS_VETO", 10)


def empty_columns_veto():
    return setting("MONITORING_EMPTY_COLUMNS_VETO", 5)


# Interaction: a valid message unanswered beyond this many days is a deduction; beyond the veto
# limit (3 months) it is a 单项否决.
def unanswered_days():
    return setting("MONITORING_UNANSWERED_DAYS", 5)


def unanswered_veto_days():
    return setting("MONITORING_UNANSWERED_VETO_DAYS", 90)


# Link checker.
def link_check_options():
    return {
        "timeout": float(
            os.environ.get("MONITORING_LINK_TIMEOUT", setting("MONITORING_LINK_TIMEOUT", 10))
        ),
        "max_redirects": int(setting("MONITORING_LINK_MAX_REDIRECTS", 5)),
        "concurrency": int(
            os.environ.get(
                "MONITORING_LINK_CONCURRENCY", setting("MONITORING_LINK_CONCURRENCY", 32)
            )
        ),
        "per_host": int(setting("MONITORING_LINK_PER_HOST", 16)),
    }


# How long a link's result is reused before it is fetched again (seconds).
def link_cache_seconds():
    return setting("MONITORING_LINK_CACHE_SECONDS", 6 * 60 * 60)


# Disclosure metadata a policy document must carry (field names on the page model). 文号 is
# left out: it is required only when the document has one, which a check cannot know.
DEFAULT_REQUIRED_METADATA = [
    "index_number",
    "publisher",
    "topic",
    "written_date",
    "summary",
]


def required_metadata():
    return setting("MONITORING_REQUIRED_METADATA", DEFAULT_REQUIRED_METADATA)


# Deductions for the inspection report: check code -> (points per finding, cap for the item).
DEFAULT_DEDUCTIONS = {
    "BROKEN_LINK": (0.1, 5),
    "TYPO": (0.5, 5),
    "PII_MOBILE": (0.5, 5),
    "COLUMN_STALE": (1, 10),
    "EMPTY_COLUMN": (1, 10),
    "MESSAGE_UNANSWERED": (1, 5),
    "ACCOUNT_DUPLICATE": (2, 6),
    "ACCOUNT_NOT_FILED": (1, 5),
    "PAGE_MISSING_METADATA": (0.5, 5),
    "POLICY_WITHOUT_INTERPRETATION": (1, 5),
    "IMAGE_WITHOUT_ALT": (0.2, 3),
}


def deductions():
    return setting("MONITORING_DEDUCTIONS", DEFAULT_DEDUCTIONS)


# A score below this fails the inspection even without a veto item.
PASS_SCORE = 60
