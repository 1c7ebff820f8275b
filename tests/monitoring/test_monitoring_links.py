"""The link checker against a local server, and internal links resolved from the database."""

import time

import pytest

from monitoring.internal_links import classify, resolve_internal
from monitoring.rules.links import ERROR, OK, WARNING, LinkChecker, LinkResult


def test_classifies_ok_missing_redirect_and_server_error(local_server):
    base, _ = local_server
    urls = [f"{base}/ok", f"{base}/missing", f"{base}/redirect", f"{base}/error"]
    results = LinkChecker(timeout=5).check_links(urls)
    assert results[f"{base}/ok"].status == OK
    assert results[f"{base}/missing"].status == ERROR
    assert results[f"{base}/missing"].http_status == 404
    assert results[f"{base}/redirect"].status == OK
    assert results[f"{base}/redirect"].redirects == 1
    assert results[f"{base}/error"].http_status == 500


def test_redirect_limit(local_server):
    base, _ = local_server
    checker = LinkChecker(timeout=5, max_redirects=3, warn_redirects=1)
    results = checker.check_links([f"{base}/loop", f"{base}/chain/2", f"{base}/chain/6"])
    assert results[f"{base}/loop"].status == ERROR
    assert "跳转超过3次" in results[f"{base}/loop"].error
    assert results[f"{base}/chain/2"].status == WARNING  # works, after 3 hops
    assert results[f"{base}/chain/6"].status == ERROR


def test_timeout(local_server):
    base, _ = local_server
    started = time.monotonic()
    result = LinkChecker(timeout=0.3).check_links([f"{base}/slow"])[f"{base}/slow"]
    assert result.status == ERROR
    assert "无响应" in result.error
    assert time.monotonic() - started < 1.9


def test_falls_back_to_get_when_head_is_refused(local_server):
    base, _ = local_server
    result = LinkChecker(timeout=5).check_links([f"{base}/nohead"])[f"{base}/nohead"]
    assert result.status == OK


def test_connection_refused_is_an_error():
    # Port 9 on loopback: nothing listens there in a test environment.
    result = LinkChecker(timeout=2).check_links(["http://127.0.0.1:9/x"])["http://127.0.0.1:9/x"]
    assert result.status == ERROR
    assert result.error.startswith("无法连接")


def test_cache_avoids_repeated_requests(local_server):
    base, hits = local_server
    url = f"{base}/ok/cached"
    cache = {}
    checker = LinkChecker(timeout=5, cache=cache, cache_seconds=60)
    checker.check_links([url, url])
    assert checker.fetched == 1
    before = hits[("HEAD", "/ok/cached")]
    checker.check_links([url])
    assert checker.fetched == 0
    assert hits[("HEAD", "/ok/cached")] == before
    # An expired entry is fetched again.
    cache[url] = LinkResult(url, OK, 200, checked_at=time.time() - 120)
    checker.check_links([url])
    assert checker.fetched == 1


def test_many_links_are_checked_concurrently(local_server):
    base, _ = local_server
    urls = [f"{base}/ok/{n}" for n in range(60)]
    progress = []
    results = LinkChecker(timeout=5, concurrency=20).check_links(urls, progress=progress.append)
    assert all(result.status == OK for result in results.values())
    assert progress[-1] == 60


def test_link_classification():
    hosts = {"localhost", "zwfwj.example.gov.cn", "127.0.0.1:8000"}
    assert classify("/xxgk/", hosts) == "internal"
    assert classify("page:3", hosts) == "internal"
    assert classify("https://zwfwj.example.gov.cn/a/", hosts) == "internal"
    assert classify("http://127.0.0.1:8000/a/", hosts) == "internal"
    assert classify("http://127.0.0.1:8001/a/", hosts) == "external"
    assert classify("http://localhost:80/a/", hosts) == "internal"
    assert classify("mailto:a@b.cn", hosts) is None
    assert classify("#top", hosts) is None
    assert classify("//cdn.example.com/x.js", hosts) is None


@pytest.mark.django_db
def test_internal_links_are_resolved_against_the_page_tree(demo_site):
    assert resolve_internal("/xxgk/").status == OK
    assert resolve_internal("/xxgk/no-such-column/").status == ERROR
    assert resolve_internal("/search/").status == OK
    assert resolve_internal("/no/such/url/anywhere/").status == ERROR
    home = demo_site.root_page
    assert resolve_internal(f"page:{home.pk}").status == OK
    assert resolve_internal("page:999999").status == ERROR
    assert resolve_internal("document:999999").status == ERROR
