"""The search schema is the one declaration: the Elasticsearch mapping, the database store, the
facet list and the results page follow it; both backends implement the same protocol."""

import ast
import inspect
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone

from search import schema, service
from search.backends import base, database, elastic
from search.backends.elastic_index import PageDocument, document_class, index_definition
from search.models import SearchEntry
from search.query import FACET_KEYS, FACETS, HIT_FIELDS, Hit
from search.schema import SearchRecord


@dataclass(kw_only=True)
class RecordWithRegion(SearchRecord):
    """A test-only extra facet, declared the way a real one would be."""

    region: str = schema.keyword("地区", max_length=50, facet=8)


# --------------------------------------------------------------------------- the schema itself


def test_the_facets_are_the_schema_facets_in_their_order():
    assert FACETS == [
        ("topic", "主题分类"),
        ("unit", "所属单位"),
        ("publisher", "发布机构"),
        ("year", "年份"),
        ("genre", "文种"),
        ("validity", "有效性"),
        ("content_type", "内容类型"),
        ("language", "语言"),
    ]
    assert FACET_KEYS == [key for key, _label in schema.facets()]
    assert schema.exact_fields() == ["document_number", "index_number"]


def test_a_record_has_exactly_the_schema_fields_and_the_year_of_its_date():
    published = timezone.make_aware(timezone.datetime(2023, 5, 4, 9))
    record = SearchRecord(doc_id="x", content_type="portal.contentpage", title="标题")
    assert set(record.as_dict()) == set(schema.field_names())
    assert record.year is None and record.topic == "" and record.page_id is None
    dated = SearchRecord(doc_id="y", content_type="c", title="t", published_at=published)
    assert dated.year == 2023
    with pytest.raises(TypeError):
        SearchRecord(doc_id="z", content_type="c", title="t", subject="不是字段")


def test_only_the_title_may_be_boosted():
    @dataclass(kw_only=True)
    class BoostedSummary(SearchRecord):
        extra: str = schema.text("额外", boost="SEARCH_PHRASE_BOOST")

    with pytest.raises(ValueError, match="only the title"):
        schema.schema_fields(BoostedSummary)


def test_filters_are_checked_and_typed_by_their_field(db):
    assert schema.clean_filter("year", "2024") == "2024"
    assert schema.clean_filter("year", "20245") is None
    assert schema.filter_value("year", "2024") == 2024
    assert schema.filter_value("topic", "卫生、体育") == "卫生、体育"
    assert service.parse_query("通知", {"year": "abc", "topic": "卫生", "bogus": "1"}).filters == {
        "topic": "卫生"
    }
    # Control characters never reach a backend: PostgreSQL refuses a NUL in a query.
    assert service.parse_query("", {"validity": "a\x00b", "topic": "\x00"}).filters == {
        "validity": "ab"
    }


def test_facet_values_are_labelled_by_their_field():
    assert schema.facet_value_label("year", "2024") == "2024年"
    assert schema.facet_value_label("content_type", "disclosure.policydocumentpage") == "政策文件"
    assert schema.facet_value_label("content_type", "portal.homepage") == "首页"
    assert schema.facet_value_label("publisher", "伊金霍洛旗财政局") == "伊金霍洛旗财政局"


# --------------------------------------------------------------------------- Elasticsearch mapping

EXPECTED_MAPPING_TYPES = {
    schema.TEXT: "text",
    schema.KEYWORD: "keyword",
    schema.STORED: "keyword",
    schema.INTEGER: "integer",
    schema.DATE: "date",
    schema.RELATION: "text",
}


def _check_mapping(properties, record_class):
    for field in schema.schema_fields(record_class):
        if field.kind == schema.ID:
            assert field.name not in properties  # it is the _id
            continue
        mapped = properties[field.name]
        assert mapped["type"] == EXPECTED_MAPPING_TYPES[field.kind], field.name
        if field.kind == schema.TEXT:
            assert mapped["copy_to"] in ("content", ["content"]), field.name
            assert mapped["analyzer"] == "standard" and "bigram" in mapped["fields"], field.name
        if field.kind == schema.STORED:
            assert mapped["index"] is False
        if field.kind == schema.RELATION:  # one token per 文号/索引号, prebuilt everywhere
            assert mapped["analyzer"] == "whitespace" and "copy_to" not in mapped, field.name
    names = set(schema.field_names(record_class)) - {"doc_id"}
    assert set(properties) == names | {"content"}


def test_the_elasticsearch_mapping_follows_the_schema():
    _check_mapping(PageDocument._doc_type.mapping.to_dict()["properties"], SearchRecord)


def test_an_extra_field_reaches_the_mapping_and_a_real_index(elasticsearch_url, settings):
    document = document_class(RecordWithRegion)
    _check_mapping(document._doc_type.mapping.to_dict()["properties"], RecordWithRegion)
    assert document._doc_type.mapping.to_dict()["properties"]["region"] == {"type": "keyword"}

    settings.ELASTICSEARCH_URL = elasticsearch_url
    name = f"test-schema-{uuid.uuid4().hex[:12]}"
    client = elastic.client(elasticsearch_url)
    index_definition(name, document).create(using=client)
    try:
        record = RecordWithRegion(
            doc_id="r1", content_type="portal.contentpage", title="牧区饮水", region="札萨克镇"
        )
        client.index(index=name, id="r1", document=document.from_record(record).to_dict())
        client.indices.refresh(index=name)
        stored = client.indices.get_mapping(index=name)[name]["mappings"]["properties"]
        assert stored["region"] == {"type": "keyword"}
        buckets = client.search(
            index=name, size=0, aggs={"region": {"terms": {"field": "region"}}}
        )["aggregations"]["region"]["buckets"]
        assert buckets == [{"key": "札萨克镇", "doc_count": 1}]
    finally:
        client.indices.delete(index=name)


# --------------------------------------------------------------------------- the database store


def test_the_database_store_has_a_column_per_schema_field():
    columns = schema.store_columns()
    assert set(columns) == set(schema.field_names())
    # `version`: the versioned writes' bookkeeping (search/backends/database.py), not a field.
    own = {f.name for f in SearchEntry._meta.concrete_fields} - {"id", "indexed_at", "version"}
    assert own == set(columns)
    for name, column in columns.items():
        # Same type and options as the declaration gives (migrations are checked to match
        # the model in tests/test_project_checks.py).
        assert SearchEntry._meta.get_field(name).deconstruct()[1:] == column.deconstruct()[1:]
    facets_and_lookups = {key for key, _ in FACETS} | set(schema.exact_fields())
    indexed = {f.name for f in SearchEntry._meta.concrete_fields if f.db_index}
    assert facets_and_lookups <= indexed


def test_an_extra_field_gets_its_column():
    column = schema.store_columns(RecordWithRegion)["region"]
    assert column.deconstruct()[1:] == (
        "django.db.models.CharField",
        [],
        {"verbose_name": "地区", "max_length": 50, "blank": True, "db_index": True},
    )


# --------------------------------------------------------------------------- the facet list


def test_an_extra_field_joins_the_facet_list_in_its_place():
    assert schema.facets(RecordWithRegion) == [*FACETS, ("region", "地区")]


def test_the_results_page_shows_the_schema_facets_in_order(client, backend):
    results = service.search("通知")
    assert list(results.facets) == FACET_KEYS
    html = client.get("/search/", {"q": "通知"}).content.decode()
    shown = re.findall(r'<h3 id="facet-(\w+)">([^<]+)</h3>', html)
    # A facet with no value among the hits (the corpus has no 所属单位) is not shown.
    assert shown == [(key, label) for key, label in FACETS if results.facets[key]]
    assert len(shown) >= len(FACETS) - 1
    data = client.get("/search/api/", {"q": "通知"}).json()
    assert list(data["facets"]) == FACET_KEYS


# --------------------------------------------------------------------------- backends


def test_hits_show_schema_fields():
    assert set(HIT_FIELDS) <= set(schema.field_names())
    own = {"title_html", "snippet_html", "score", "pinned", "click_url"}  # not indexed
    assert {f for f in Hit.__dataclass_fields__} == set(HIT_FIELDS) | own


PROTOCOL_MEMBERS = ["search", "suggest", "write", "rebuild", "count", "health"]


@pytest.mark.parametrize("backend_module", [database, elastic], ids=["database", "elasticsearch"])
def test_both_backends_implement_the_protocol(backend_module):
    assert isinstance(backend_module, base.SearchBackend)
    assert isinstance(backend_module.NAME, str)
    assert all(issubclass(error, Exception) for error in backend_module.ERRORS)
    for name in PROTOCOL_MEMBERS:
        expected = inspect.signature(getattr(base.SearchBackend, name))
        parameters = [p for p in expected.parameters.values() if p.name != "self"]
        actual = inspect.signature(getattr(backend_module, name))
        assert [(p.name, p.default) for p in actual.parameters.values()] == [
            (p.name, p.default) for p in parameters
        ], name


def test_the_service_uses_backends_only_through_the_protocol():
    tree = ast.parse(Path(service.__file__).read_text("utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in {"database", "elastic", "backend", "FALLBACK"}
    }
    assert used <= {*PROTOCOL_MEMBERS, "NAME", "ERRORS"}, used
