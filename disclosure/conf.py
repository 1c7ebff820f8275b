"""Configurable values of the disclosure domain, read from Django settings with defaults.

Regions differ in how they number and arrange their catalogue, so these are settings rather
than code. Each value is read through a function, so a changed setting (or a test's
``override_settings``) takes effect without a restart of the module.

| setting | default | meaning |
|---|---|---|
| DISCLOSURE_INDEX_NUMBER_PATTERN | ``{uscc}/{year}-{serial:05d}`` | 索引号 layout (rules/) |
| DISCLOSURE_SUMMARY_MAX_LENGTH | 200 | 内容概述 length limit, in characters |
| DISCLOSURE_PUBLICATION_DUE_WORKING_DAYS | 20 | 条例 Art.26: publish within 20 wd of 成文日期 |
| DISCLOSURE_INTERPRETATION_DUE_WORKING_DAYS | 3 | 政策解读 at most N wd after the document |
| DISCLOSURE_CATALOGUE_PAGE_SIZE | 20 | items per page in the public catalogue |
| DISCLOSURE_LEVEL1_COLUMNS | see LEVEL1_COLUMNS | the 政府信息公开 column's level-1 sub-columns |
"""

from django.conf import settings

from core.rules.index_number import DEFAULT_PATTERN

# The level-1 sub-columns created under a new 政府信息公开 column root (国办公开办函〔2019〕61号
# and common practice). "kind" picks the page type: "guide" (政府信息公开指南) or "column".
LEVEL1_COLUMNS = [
    {"slug": "guide", "title": "政府信息公开指南", "kind": "guide"},
    {"slug": "rules", "title": "政府信息公开制度", "kind": "column"},
    {"slug": "statutory", "title": "法定主动公开内容", "kind": "column"},
    {"slug": "annual-reports", "title": "政府信息公开年报", "kind": "column"},
    {"slug": "apply", "title": "依申请公开", "kind": "column"},
]


def index_number_pattern():
    return getattr(settings, "DISCLOSURE_INDEX_NUMBER_PATTERN", DEFAULT_PATTERN)


def summary_max_length():
    return int(getattr(settings, "DISCLOSURE_SUMMARY_MAX_LENGTH", 200))


def publication_due_working_days():
    return int(getattr(settings, "DISCLOSURE_PUBLICATION_DUE_WORKING_DAYS", 20))


def interpretation_due_working_days():
    return int(getattr(settings, "DISCLOSURE_INTERPRETATION_DUE_WORKING_DAYS", 3))


def catalogue_page_size():
    return int(getattr(settings, "DISCLOSURE_CATALOGUE_PAGE_SIZE", 20))


def level1_columns():
    return getattr(settings, "DISCLOSURE_LEVEL1_COLUMNS", LEVEL1_COLUMNS)
