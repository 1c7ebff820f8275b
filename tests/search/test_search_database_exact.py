"""The database backend's 文号 lookup: the document, then those related to it, found without
reading every row's text (search/backends/database.py: _exact_ids, migration search 0013)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import service
from search.backends import database
from search.schema import SearchRecord


def _record(doc_id, title, **fields):
    return SearchRecord(
        doc_id=doc_id,
        content_type="disclosure.policydocumentpage",
        content_type_label="政策文件",
        title=title,
        url=f"/exact/{doc_id}/",
        body="正文。",
        **fields,
    )


@pytest.fixture
def related(db, settings):
    settings.ELASTICSEARCH_URL = ""
    service.clear_synonym_cache()
    database.write(
        [
            _record("policy", "伊金霍洛旗示范管理办法", document_number="伊政发〔2024〕7号"),
            _record("reading", "《示范管理办法》政策解读", interprets=" 伊政发〔2024〕7号 "),
            _record("citing", "关于落实示范管理办法的通知", cites=" 伊政发〔2024〕7号 "),
            _record("other", "另一份文件", document_number="伊政发〔2024〕8号"),
        ]
    )


def test_a_document_number_finds_the_document_then_its_relations(related):
    results = service.search("伊政发〔2024〕7号")
    assert results.exact_match
    assert [hit.doc_id for hit in results.hits] == ["policy", "reading", "citing"]


def test_a_number_cited_very_often_is_matched_in_sql(related, monkeypatch):
    monkeypatch.setattr(database, "MAX_EXACT_IDS", 1)
    results = service.search("伊政发〔2024〕7号")
    assert [hit.doc_id for hit in results.hits] == ["policy", "reading", "citing"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the index is SQLite's (migration 0013)")
def test_the_lookup_reads_the_covering_index_not_the_rows(related):
    with CaptureQueriesContext(connection) as queries:
        assert len(database._exact_ids("document_number", "伊政发〔2024〕7号")) == 3
    (lookup,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + lookup["sql"])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX search_entry_exact_lookup" in plan
