"""Relevance on the issue-19 set, for both backends, through the public interfaces.

The 316 documents (tests/search/data/relevance_set_documents.csv) are imported with
`manage.py import_documents` into the demo site's pages and columns (without the demo's own
documents, which no query of the set was graded against), indexed as `search_index rebuild`
does, and the 212 graded queries (relevance_set_queries.json, grades 0-3 by document role,
written before any ranking was run) are asked through `/search/api/`.

The issue's goals, nDCG@10 >= 0.92 on Elasticsearch and >= 0.88 on the database backend, are
reached (0.922 and 0.913 on SQLite; 0.833 / 0.842 before the query understanding of
bench/results/search-relevance-set.json) and asserted, with the no-answer queries staying
empty. `bench/search_relevance.py --set` writes the same figures, per category and per query,
to bench/results/search-relevance-set.json.
"""

import json
import os
import uuid
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from search_evaluation import (
    api_titles,
    evaluate_set,
    import_relevance_set,
    index_site_pages,
    relevance_set_queries,
    relevance_site,
    report_line,
)
from wagtail.models import Site

from search import service
from search.backends import elastic

ELASTICSEARCH_NDCG_GOAL = 0.92
DATABASE_NDCG_GOAL = 0.88
NO_ANSWER_EMPTY_FLOOR = 0.875  # at most one of the 8 no-answer queries gets results


@pytest.fixture(scope="module")
def imported_set(django_db_setup, django_db_blocker):
    """The site with the set's documents, in the database store; inside a transaction rolled
    back at the end of the module."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            relevance_site()
            report = import_relevance_set()
            with override_settings(ELASTICSEARCH_URL=""):
                index_site_pages(elasticsearch=False)
            yield report
            transaction.set_rollback(True)
        Site.clear_site_root_paths_cache()


@pytest.fixture(scope="module")
def set_alias(imported_set, elasticsearch_url):
    alias = f"test-set-{uuid.uuid4().hex[:12]}"
    with override_settings(ELASTICSEARCH_URL=elasticsearch_url, SEARCH_INDEX_ALIAS=alias):
        index = index_site_pages(elasticsearch=True)["index"]
    yield alias
    elastic.client(elasticsearch_url).options(ignore_status=404).indices.delete(index=index)


@pytest.fixture(params=["database", "elasticsearch"])
def set_backend(request, imported_set, db, settings):
    service.clear_synonym_cache()
    service.reset_elasticsearch_state()
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    else:
        settings.SEARCH_INDEX_ALIAS = request.getfixturevalue("set_alias")
        settings.ELASTICSEARCH_URL = request.getfixturevalue("elasticsearch_url")
    yield request.param
    service.clear_synonym_cache()
    service.reset_elasticsearch_state()


@pytest.mark.django_db  # ordered with the other database tests, before any flush of the data
def test_every_document_of_the_set_is_imported(imported_set):
    assert "已导入 316 行" in imported_set and "拒绝 0 行" in imported_set, imported_set


def test_the_set_is_large_and_varied():
    queries = relevance_set_queries()
    graded = [q for q in queries if q["relevant"]]
    assert len(graded) >= 150
    categories = {q["category"] for q in queries}
    assert {"question", "colloquial", "abbreviation", "document_number", "replaced"} <= categories
    assert "no_answer" in categories


def test_relevance_on_the_set(set_backend, client):
    report = evaluate_set(lambda query: api_titles(client, query), relevance_set_queries())
    categories = ", ".join(
        f"{name} {value['ndcg@10']:.3f} ({value['queries']})"
        for name, value in report["categories"].items()
    )
    print(f"\n{report_line(f'issue-19 set, {set_backend}', report)}\n  per category: {categories}")
    print(f"  no answer: {report.get('no_answer')}")
    # bench/search_relevance.py --set asks for the whole report (per query) in this folder.
    output = os.environ.get("SEARCH_RELEVANCE_SET_OUTPUT")
    if output:
        path = Path(output) / f"{set_backend}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    goal = ELASTICSEARCH_NDCG_GOAL if set_backend == "elasticsearch" else DATABASE_NDCG_GOAL
    print(f"  goal {goal}")
    assert report["ndcg@10"] >= goal
    assert report["no_answer"]["no_answer_empty"] >= NO_ANSWER_EMPTY_FLOOR
