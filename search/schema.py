"""The search schema: every field of a search record, declared once, in `SearchRecord`.

Each attribute of `SearchRecord` is a field of the index, declared with its kind, its Chinese
label and, for a facet, its place in the facet list. The rest follows from that declaration:

- the Elasticsearch mapping: `search.backends.elastic_index.PageDocument`;
- the database store's columns: `search.models.SearchEntry` gets one column per field, so a
  new field is a new column and `manage.py makemigrations search` writes its migration;
- the facets the service counts, the filters it accepts and the search page shows: `FACETS`;
- what the page models fill in: the names their `search_record_values()` returns (see
  search/records.py and search/README.md).

Kinds:

- TEXT: words visitors search for. Elasticsearch analyses it for Chinese and gathers it in its
  `content` field; the database store puts it in its full-text table. `boost` names the setting
  (search/conf.py) that multiplies a match in the title (the only boosted field: both backends
  rank on it); `snippet` says in which order text fields are tried for a hit's snippet.
- KEYWORD: an exact value. `facet` makes it a facet and a filter; `exact` makes a query that is
  exactly such a value (a 文号, an 索引号) find it before any text search. Both index the column.
- INTEGER, DATE: numbers and moments (filters, sorting, recency); INTEGER may be a facet too.
- RELATION: the 文号 and 索引号 of other documents this one is related to (it interprets,
  amends or cites them), separated by spaces: a query that is a 文号/索引号 finds the document
  that has it, then the documents related to it (search/ranking.py: RELATION_SCORES).
  Elasticsearch analyses it with the prebuilt `whitespace` analyser (one token per number);
  the store keeps it as text with a space on both sides, so " <number> " is found as is.
- STORED: kept to show (the page's URL), never searched.
- ID: the record's identity (`doc_id`): the Elasticsearch `_id`, a unique column in the store.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, field, fields

from django.apps import apps
from django.db import models

ID = "id"
TEXT = "text"
KEYWORD = "keyword"
INTEGER = "integer"
DATE = "date"
STORED = "stored"
RELATION = "relation"

SPEC = "search"  # the key of a field's declaration in its dataclass metadata


@dataclass(frozen=True)
class FieldSpec:
    """How one SearchRecord field is indexed, stored and shown (see the module docstring)."""

    kind: str
    label: str
    required: bool = False
    facet: int | None = None  # position in the facet list, 1 first; None: not a facet
    exact: bool = False  # KEYWORD: looked up exactly (文号, 索引号)
    boost: str | None = None  # TEXT: setting that multiplies a match in this field
    snippet: int | None = None  # TEXT: order in which snippets are taken from it, 1 first
    snippet_prefix: str = ""  # TEXT: shown before a snippet taken from it
    max_length: int | None = None  # a bounded column (CharField); TEXT without: TextField
    column: type[models.Field] | None = None  # INTEGER: the database column type
    filter_pattern: str | None = None  # facets: what a valid filter value looks like
    value_label: Callable[[str], str] | None = None  # facets: a value's label (default: itself)


def _declare(spec: FieldSpec, default=MISSING, init: bool = True):
    if spec.required:
        return field(metadata={SPEC: spec})
    return field(default=default, init=init, metadata={SPEC: spec})


def identity(label: str):
    return _declare(FieldSpec(ID, label, required=True, max_length=64))


def text(
    label: str, *, required=False, boost=None, snippet=None, snippet_prefix="", max_length=None
):
    spec = FieldSpec(
        TEXT,
        label,
        required=required,
        boost=boost,
        snippet=snippet,
        snippet_prefix=snippet_prefix,
        max_length=max_length,
    )
    return _declare(spec, default="")


def keyword(
    label: str,
    *,
    max_length: int,
    required=False,
    facet=None,
    exact=False,
    filter_pattern=None,
    value_label=None,
):
    spec = FieldSpec(
        KEYWORD,
        label,
        required=required,
        facet=facet,
        exact=exact,
        max_length=max_length,
        filter_pattern=filter_pattern,
        value_label=value_label,
    )
    return _declare(spec, default="")


def integer(label: str, *, column, facet=None, filter_pattern=None, value_label=None, init=True):
    spec = FieldSpec(
        INTEGER,
        label,
        facet=facet,
        column=column,
        filter_pattern=filter_pattern,
        value_label=value_label,
    )
    return _declare(spec, default=None, init=init)


def date(label: str):
    return _declare(FieldSpec(DATE, label), default=None)


def relation(label: str):
    return _declare(FieldSpec(RELATION, label), default="")


def stored(label: str, *, max_length: int):
    return _declare(FieldSpec(STORED, label, max_length=max_length), default="")


def content_type_label(key: str) -> str:
    """The Chinese name of a page type ("app_label.modelname"): its model's verbose_name."""
    try:
        return str(apps.get_model(key)._meta.verbose_name)
    except (LookupError, ValueError):
        return key


LANGUAGE_LABELS = {"zh-hans": "中文", "mn-mong": "蒙古文"}  # portal/languages.py's codes


def language_label(value: str) -> str:
    return LANGUAGE_LABELS.get(value, value)


def year_label(value: str) -> str:
    return f"{value}年"


# --------------------------------------------------------------------------- the schema


@dataclass(kw_only=True)
class SearchRecord:
    """What is indexed for one page (or one benchmark or test document)."""

    doc_id: str = identity("文档ID")
    page_id: int | None = integer("页面ID", column=models.PositiveBigIntegerField)
    content_type: str = keyword(
        "内容类型", required=True, max_length=100, facet=7, value_label=content_type_label
    )
    content_type_label: str = keyword("内容类型名称", max_length=100)
    url: str = stored("地址", max_length=500)
    title: str = text("标题", required=True, boost="SEARCH_TITLE_BOOST", max_length=500)
    summary: str = text("摘要", snippet=2)
    keywords: str = text("关键词", max_length=500)
    body: str = text("正文", snippet=1)
    attachments_text: str = text("附件文字", snippet=3, snippet_prefix="附件：")
    document_number: str = keyword("文号", max_length=100, exact=True)
    index_number: str = keyword("索引号", max_length=100, exact=True)
    topic: str = keyword("主题分类", max_length=100, facet=1)
    # 集约化: the unit whose section the page is in (disclosure/units.py); "" for the banner's
    # own pages. A unit's search box filters on it; removing the filter widens to every unit.
    unit: str = keyword("所属单位", max_length=100, facet=2)
    publisher: str = keyword("发布机构", max_length=200, facet=3)
    genre: str = keyword("文种", max_length=50, facet=5)
    validity: str = keyword("有效性", max_length=50, facet=6)
    # Documents this one is related to (文号 and 索引号; search/records.py fills them).
    interprets: str = relation("解读的文件")
    amends: str = relation("修改、替代或废止的文件")
    cites: str = relation("引用的文件")
    # Not given: the year of published_at (__post_init__).
    year: int | None = integer(
        "年份",
        column=models.PositiveSmallIntegerField,
        facet=4,
        filter_pattern=r"\d{4}",
        value_label=year_label,
        init=False,
    )
    published_at: dt.datetime | None = date("发布日期")
    # The page's language (docs/MONGOLIAN.md): the facet and the ?lang= filter. A record
    # that does not say (benchmarks, older records until `search_index rebuild`) is Chinese.
    language: str = _declare(
        FieldSpec(
            KEYWORD,
            "语言",
            facet=8,
            max_length=20,
            filter_pattern=r"[a-z]{2,3}(-[a-z]{2,8})?",
            value_label=language_label,
        ),
        default="zh-hans",
    )

    def __post_init__(self):
        self.year = self.published_at.year if self.published_at else None

    def as_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- derived views


@dataclass(frozen=True)
class SchemaField:
    name: str
    spec: FieldSpec

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def empty(self):
        """The value of the field when a record does not have it."""
        return "" if self.kind in (TEXT, KEYWORD, STORED, ID, RELATION) else None


@functools.cache
def schema_fields(record_class=SearchRecord) -> list[SchemaField]:
    """The fields of a record class, in declaration order."""
    found = [SchemaField(f.name, f.metadata[SPEC]) for f in fields(record_class)]
    for f in found:
        if f.spec.boost and f.name != "title":
            raise ValueError(f"{f.name}: only the title is boosted (both backends rank on it)")
    return found


def field_names(record_class=SearchRecord) -> list[str]:
    return [f.name for f in schema_fields(record_class)]


def get_field(name: str, record_class=SearchRecord) -> SchemaField:
    return _by_name(record_class)[name]


@functools.cache
def _by_name(record_class) -> dict[str, SchemaField]:
    return {f.name: f for f in schema_fields(record_class)}


def facet_fields(record_class=SearchRecord) -> list[SchemaField]:
    """The facets in display order."""
    facets = [f for f in schema_fields(record_class) if f.spec.facet is not None]
    return sorted(facets, key=lambda f: f.spec.facet)


def facets(record_class=SearchRecord) -> list[tuple[str, str]]:
    """(key, Chinese label) of every facet, in display order."""
    return [(f.name, f.label) for f in facet_fields(record_class)]


def relation_fields(record_class=SearchRecord) -> list[str]:
    """Fields naming the documents a record is related to (RELATION)."""
    return [f.name for f in schema_fields(record_class) if f.kind == RELATION]


def exact_fields(record_class=SearchRecord) -> list[str]:
    """Fields a query equal to their value finds exactly (文号, 索引号)."""
    return [f.name for f in schema_fields(record_class) if f.spec.exact]


def text_fields(record_class=SearchRecord) -> list[SchemaField]:
    return [f for f in schema_fields(record_class) if f.kind == TEXT]


def snippet_fields(record_class=SearchRecord) -> list[SchemaField]:
    """Text fields snippets come from, in the order they are tried."""
    return sorted(
        (f for f in text_fields(record_class) if f.spec.snippet is not None),
        key=lambda f: f.spec.snippet,
    )


def facet_value_label(key: str, value: str) -> str:
    label = get_field(key).spec.value_label
    return label(value) if label else value


def clean_filter(key: str, value: str):
    """A filter's value as the backends compare it, or None when it is not valid for `key`."""
    spec = get_field(key).spec
    if spec.filter_pattern and not re.fullmatch(spec.filter_pattern, value):
        return None
    return value


def filter_value(key: str, value: str):
    """The value a backend compares a field with: a number for INTEGER fields."""
    return int(value) if get_field(key).kind == INTEGER else value


def store_columns(record_class=SearchRecord) -> dict[str, models.Field]:
    """The database store's column for each field (SearchEntry adds them; see search/models.py)."""
    columns = {}
    for f in schema_fields(record_class):
        spec, label = f.spec, f.label
        if f.kind == ID:
            column = models.CharField(label, max_length=spec.max_length, unique=True)
        elif f.kind == RELATION:
            column = models.TextField(label, blank=True)
        elif f.kind in (TEXT, KEYWORD, STORED):
            indexed = spec.facet is not None or spec.exact
            options = {"blank": not spec.required}
            if indexed:
                options["db_index"] = True
            if spec.max_length:
                column = models.CharField(label, max_length=spec.max_length, **options)
            else:
                column = models.TextField(label, **options)
        elif f.kind == INTEGER:
            column = spec.column(label, null=True, blank=True, db_index=True)
        elif f.kind == DATE:
            column = models.DateTimeField(label, null=True, blank=True, db_index=True)
        else:
            raise ValueError(f"search schema field {f.name!r} has an unknown kind {f.kind!r}")
        columns[f.name] = column
    return columns
