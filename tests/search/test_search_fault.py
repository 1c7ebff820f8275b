"""Fault: Elasticsearch stops while visitors search and editors publish.

Runs its own local node (built from Maven Central like the shared one) so stopping it does
not disturb other tests. While it is down, searches answer from the database with a notice
and publishes wait in the outbox; after a restart the outbox drains and the index holds
exactly the pages the database says are public.
"""

import io
import socket
import time

import pytest
from django.core.management import call_command
from wagtail.models import Site

from portal.models import ContentPage
from search import engine_runner, indexing, service
from search.backends import elastic
from search.models import IndexOutbox


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_engine(elasticsearch_url, tmp_path, settings):
    """A second local node (elasticsearch_url is required so CI fails without the engine)."""
    var_dir = tmp_path / "engine"
    port = free_port()
    url = engine_runner.start(port=port, var_dir=var_dir, wait_seconds=180)
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_ALIAS = "fault-test"
    # A freshly started node answers its first queries slowly on a loaded machine; this test
    # is about the outage, not speed, so the healthy phases get time to answer. A node that is
    # down refuses the connection at once, whatever the timeout.
    settings.SEARCH_TIMEOUT_SECONDS = 10.0
    service.reset_elasticsearch_state()
    yield {"url": url, "port": port, "var_dir": var_dir}
    engine_runner.stop(var_dir=var_dir)
    service.reset_elasticsearch_state()


def publish(parent, title, body):
    page = ContentPage(title=title, slug=f"f{ContentPage.objects.count() + 1}")
    page.body = [("paragraph", f"<p>{body}</p>")]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_search_and_publishing_survive_an_elasticsearch_outage(
    own_engine, db, monkeypatch, django_capture_on_commit_callbacks
):
    root = Site.objects.get(is_default_site=True).root_page
    with django_capture_on_commit_callbacks(execute=True):
        before = [publish(root, f"停电前发布的第{i}份通知", "供热管网维修安排。") for i in range(3)]
    assert service.search("供热管网维修").backend == "elasticsearch"
    assert service.search("供热管网维修").total == 3

    monkeypatch.setenv("SEARCH_ENGINE_VAR_DIR", str(own_engine["var_dir"]))
    out = io.StringIO()
    call_command("search_engine", "status", stdout=out)
    assert "运行中" in out.getvalue() and "8.19" in out.getvalue()

    assert engine_runner.stop(var_dir=own_engine["var_dir"])
    during = []
    for i in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            during.append(publish(root, f"停电期间发布的第{i}份通知", "供热管网维修安排。"))
        started = time.monotonic()
        results = service.search("供热管网维修")
        assert time.monotonic() - started < 1.5
        assert results.fell_back and results.backend == "database" and results.notice
        assert results.total == 3 + i + 1  # the fallback already has every publish
    assert IndexOutbox.objects.filter(attempts__gt=0).count() >= 1
    assert IndexOutbox.objects.filter(page_id__in=[p.pk for p in during]).count() == 4
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "无法连接" in out.getvalue()

    engine_runner.start(port=own_engine["port"], var_dir=own_engine["var_dir"], wait_seconds=180)
    service.reset_elasticsearch_state()
    report = indexing.drain(retry_now=True)
    assert report.failed == 0 and not IndexOutbox.objects.exists()
    assert elastic.count() == indexing.expected_count()
    results = service.search("供热管网维修")
    assert results.backend == "elasticsearch" and not results.fell_back
    assert {hit.page_id for hit in results.hits} == {p.pk for p in before + during}
