"""Settings of the disclosure domain with their defaults.

Every app's conf.py has this shape (docs/ARCHITECTURE.md): DEFAULTS names each setting with
its default, `get(name)` returns the Django setting of that name or else the default, and a
function per setting gives the value its type. Values are read at call time, so a changed
setting (or a test's ``override_settings``) takes effect at once. Environment variables are
read only in portal/settings/*.py, which turn them into settings.

Regions differ in how they number and arrange their catalogue, so these are settings rather
than code.
"""

from django.conf import settings

from core.rules.index_number import DEFAULT_PATTERN

# The level-1 sub-columns created under a new 政府信息公开 column root (国办公开办函〔2019〕61号
# and common practice). "kind" picks the page type: "guide" (政府信息公开指南) or "column";
# "content" what a column holds (disclosure/models/column_content.py; default "documents").
LEVEL1_COLUMNS = [
    {"slug": "guide", "title": "政府信息公开指南", "kind": "guide"},
    {"slug": "rules", "title": "政府信息公开制度", "kind": "column"},
    {"slug": "statutory", "title": "法定主动公开内容", "kind": "column", "content": "sections"},
    {
        "slug": "annual-reports",
        "title": "政府信息公开年报",
        "kind": "column",
        "content": "annual_reports",
    },
    {"slug": "apply", "title": "依申请公开", "kind": "column"},
]

DEFAULTS = {
    # 索引号 layout (core/rules/index_number.py).
    "DISCLOSURE_INDEX_NUMBER_PATTERN": DEFAULT_PATTERN,
    # 内容概述 length limit, in characters.
    "DISCLOSURE_SUMMARY_MAX_LENGTH": 200,
    # 条例 Art.26: publish within 20 working days of 成文日期.
    "DISCLOSURE_PUBLICATION_DUE_WORKING_DAYS": 20,
    # 政策解读 at most this many working days after the document.
    "DISCLOSURE_INTERPRETATION_DUE_WORKING_DAYS": 3,
    # Items per page in the public catalogue.
    "DISCLOSURE_CATALOGUE_PAGE_SIZE": 20,
    # The 政府信息公开 column's level-1 sub-columns.
    "DISCLOSURE_LEVEL1_COLUMNS": LEVEL1_COLUMNS,
    # 订阅提醒: subscription requests one client may make per hour.
    "DISCLOSURE_ALERTS_SUBSCRIBE_PER_HOUR": 5,
}


def get(name):
    """The Django setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def index_number_pattern():
    return get("DISCLOSURE_INDEX_NUMBER_PATTERN")


def summary_max_length():
    return int(get("DISCLOSURE_SUMMARY_MAX_LENGTH"))


def publication_due_working_days():
    return int(get("DISCLOSURE_PUBLICATION_DUE_WORKING_DAYS"))


def interpretation_due_working_days():
    return int(get("DISCLOSURE_INTERPRETATION_DUE_WORKING_DAYS"))


def catalogue_page_size():
    return int(get("DISCLOSURE_CATALOGUE_PAGE_SIZE"))


def level1_columns():
    return get("DISCLOSURE_LEVEL1_COLUMNS")


def alerts_subscribe_per_hour():
    return int(get("DISCLOSURE_ALERTS_SUBSCRIBE_PER_HOUR"))
