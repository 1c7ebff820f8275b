"""Fixtures for the search tests: the real Elasticsearch that `make test` starts, and the
labelled corpus loaded into either backend.

Elasticsearch: `make test` starts the local node and exports SEARCH_TEST_ELASTICSEARCH_URL.
When the variable is missing, tests that need Elasticsearch FAIL if CI or
SEARCH_TEST_REQUIRE_ELASTICSEARCH is set, and are skipped (with the reason) only on a
developer's machine that runs plain `pytest` without the engine.
"""

import os
import uuid

import pytest
from django.test import override_settings
from search_evaluation import corpus_records

from search import engine_runner, service
from search.backends import database, elastic

ES_URL_VARIABLE = "SEARCH_TEST_ELASTICSEARCH_URL"


def _require_elasticsearch() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("SEARCH_TEST_REQUIRE_ELASTICSEARCH"))


@pytest.fixture(scope="session")
def elasticsearch_url():
    """The URL of a running Elasticsearch for the tests (see the module docstring)."""
    url = os.environ.get(ES_URL_VARIABLE, "").strip()
    if not url:
        message = (
            f"{ES_URL_VARIABLE} is not set: run `make test`, or start the local node "
            f"(`.venv/bin/python manage.py search_engine start`) and export "
            f"{ES_URL_VARIABLE}=http://127.0.0.1:{engine_runner.DEFAULT_PORT}"
        )
        if _require_elasticsearch():
            pytest.fail(message)
        pytest.skip(message)
    try:
        elastic.client(url).options(request_timeout=10).info()
    except Exception as error:
        pytest.fail(f"Elasticsearch at {url} does not answer: {error}")
    return url


def _drop_indices(url, alias):
    client = elastic.client(url).options(ignore_status=404)
    names = list(client.indices.get(index=f"{alias}*", expand_wildcards="all").body)
    if names:
        client.indices.delete(index=",".join(names))


@pytest.fixture
def es_settings(elasticsearch_url, settings):
    """Point the project at the test Elasticsearch with a fresh alias; drop it afterwards."""
    alias = f"test-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.SEARCH_INDEX_ALIAS = alias
    service.reset_elasticsearch_state()
    yield settings
    service.reset_elasticsearch_state()
    _drop_indices(elasticsearch_url, alias)


@pytest.fixture
def database_settings(settings):
    settings.ELASTICSEARCH_URL = ""
    service.reset_elasticsearch_state()
    return settings


@pytest.fixture(scope="module")
def extra_records():
    """Records a test module adds to the labelled corpus (override in the module)."""
    return []


@pytest.fixture(scope="module")
def corpus_alias(elasticsearch_url, extra_records):
    """An index holding the labelled corpus, shared by a module's tests (read-only)."""
    alias = f"test-corpus-{uuid.uuid4().hex[:12]}"
    with override_settings(ELASTICSEARCH_URL=elasticsearch_url, SEARCH_INDEX_ALIAS=alias):
        elastic.create_index(elastic.indexing_client(), set_alias=True)
        elastic.write_to(alias, corpus_records() + extra_records)
        elastic.indexing_client().indices.refresh(index=alias)
    yield alias
    _drop_indices(elasticsearch_url, alias)


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, db, settings, extra_records):
    """The contract suite's backend: the labelled corpus in it, settings pointing at it."""
    # The database store always has the data, as in production (it is the fallback).
    database.write(corpus_records() + extra_records)
    service.clear_synonym_cache()
    service.reset_elasticsearch_state()
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    else:
        alias = request.getfixturevalue("corpus_alias")
        settings.ELASTICSEARCH_URL = request.getfixturevalue("elasticsearch_url")
        settings.SEARCH_INDEX_ALIAS = alias
    yield request.param
    service.clear_synonym_cache()
    service.reset_elasticsearch_state()
