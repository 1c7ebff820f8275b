"""The database search store is written with versions (a stale drain cannot re-add a page
that went private), and 热门搜索 counts distinct clients, not requests."""

import pytest
from django.test import Client, override_settings

from search import service
from search.backends import database
from search.backends.base import now_version
from search.models import SearchEntry, SearchQueryClient, SearchQueryDaily, SearchTombstone
from search.records import page_record


@pytest.mark.django_db
def test_a_stale_drain_cannot_re_add_a_page_that_went_private(
    upload, policy_document, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = policy_document(upload("Quokka5521"))
    assert SearchEntry.objects.filter(page_id=page.pk).exists()
    # A drain reads the page while it is public, then stalls ...
    stale_version = now_version()
    stale_record = page_record(page)
    # ... meanwhile the page is unpublished and a later drain removes it ...
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()
    assert SearchTombstone.objects.filter(doc_id=str(page.pk)).exists()
    # ... and the stalled drain finally writes what it read: nothing is applied.
    assert database.write([stale_record], version=stale_version) == 0
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()
    assert service.search("Quokka5521").total == 0
    # A newer read is applied and clears the tombstone.
    assert database.write([stale_record], version=now_version() + 1) == 1
    assert SearchEntry.objects.filter(page_id=page.pk).exists()
    assert not SearchTombstone.objects.filter(doc_id=str(page.pk)).exists()


@pytest.mark.django_db
def test_an_older_write_does_not_overwrite_a_newer_one(
    upload, policy_document, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = policy_document(upload("first"))
    record = page_record(page)
    entry = SearchEntry.objects.get(page_id=page.pk)
    record.title = "旧的标题"
    assert database.write([record], version=entry.version - 1) == 0
    assert SearchEntry.objects.get(page_id=page.pk).title == page.title


@pytest.mark.django_db
@override_settings(SEARCH_HOT_MIN_COUNT=3)
def test_one_client_searching_three_times_does_not_make_a_term_hot(
    upload, policy_document, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        policy_document(upload("hot"), title="关于推进草原防火工作的通知")
    client = Client()
    for _ in range(3):
        assert client.get("/search/", {"q": "草原防火"}, REMOTE_ADDR="203.0.113.7").status_code
    row = SearchQueryDaily.objects.get(query="草原防火")
    assert (row.count, row.clients) == (3, 1)
    assert service.hot_searches() == []
    for address in ("203.0.113.8", "203.0.113.9"):
        client.get("/search/", {"q": "草原防火"}, REMOTE_ADDR=address)
    assert [item["query"] for item in service.hot_searches()] == ["草原防火"]
    # Only digests are kept: no address anywhere.
    digests = list(SearchQueryClient.objects.values_list("digest", flat=True))
    assert len(digests) == 3
    assert not any("203.0.113" in digest for digest in digests)
