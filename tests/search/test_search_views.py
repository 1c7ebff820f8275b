"""The search page, its JSON twin, suggestions, hot searches and the fallback notice."""

import re
import socket
import time
from html import unescape

import pytest
from search_evaluation import corpus_records

from search import service
from search.backends import database
from search.models import SearchQueryDaily


@pytest.fixture
def corpus(db):
    database.write(corpus_records())


def hit_titles(html):
    return [
        unescape(re.sub("<[^>]+>", "", t))
        for t in re.findall(r'<h3><a href="[^"]*">(.*?)</a></h3>', html)
    ]


def test_results_page_with_facets_that_work_without_javascript(client, corpus, database_settings):
    response = client.get("/search/", {"q": "医保"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共找到 <strong>" in html
    assert '<aside class="search-facets"' in html
    assert "<mark>医保</mark>" in html
    # Follow the first 发布机构 filter link like a browser without JavaScript would.
    first_link = r'<h3 id="facet-publisher">.*?<a href="([^"]+)">([^<]+)</a> '
    facet = re.search(first_link + r'<span class="facet-count">\((\d+)\)', html, re.S)
    link, publisher, count = unescape(facet.group(1)), facet.group(2), int(facet.group(3))
    filtered = client.get("/search/" + link).content.decode()
    assert f"共找到 <strong>{count}</strong> 条结果" in filtered
    assert f"发布机构：{publisher}" in filtered
    assert 'aria-current="true" class="selected"' in filtered


def test_json_endpoint_gives_the_same_results(client, corpus, database_settings):
    page = client.get("/search/", {"q": "营商环境", "sort": "date"}).content.decode()
    data = client.get("/search/api/", {"q": "营商环境", "sort": "date"}).json()
    assert data["backend"] == "database" and data["total"] == len(data["hits"]) > 0
    assert [hit["title"] for hit in data["hits"]] == hit_titles(page)
    assert set(data["facets"]) == {
        "topic",
        "unit",
        "publisher",
        "year",
        "genre",
        "validity",
        "content_type",
        "language",
    }


def test_untrusted_parameters_are_ignored(client, corpus, database_settings):
    response = client.get(
        "/search/api/", {"q": "通知", "page": "abc", "year": "x", "sort": "evil", "bogus": "1"}
    )
    data = response.json()
    assert response.status_code == 200
    assert data["page"] == 1 and data["sort"] == "relevance" and data["filters"] == {}
    assert client.get("/search/", {"q": "x" * 500}).status_code == 200


def test_suggestions(client, corpus, database_settings):
    data = client.get("/search/suggest/", {"q": "一网通"}).json()
    assert "关于深化一网通办改革提升政务服务效能的通知" in [s["title"] for s in data["suggestions"]]


def test_hot_searches_are_aggregated_and_hold_no_personal_data(
    client, corpus, database_settings, settings
):
    settings.SEARCH_HOT_MIN_COUNT = 3
    for address in ("10.1.2.3", "10.1.2.4", "10.1.2.5"):  # 热门搜索 counts distinct clients
        client.get("/search/", {"q": "异地就医"}, REMOTE_ADDR=address)
    for _ in range(2):
        client.get("/search/", {"q": "门诊报销"})
    client.get("/search/", {"q": "异地就医", "page": "2"})  # not counted again
    client.get("/search/", {"q": "13812345678"})  # a phone number is never logged
    client.get("/search/", {"q": "110101199003074514"})
    assert sorted(SearchQueryDaily.objects.values_list("query", "count")) == [
        ("异地就医", 3),
        ("门诊报销", 2),
    ]
    fields = {field.name for field in SearchQueryDaily._meta.get_fields()}
    # `clients`, `clicks`: counts of distinct clients (salted digests are not stored here).
    assert fields == {"id", "query", "day", "count", "had_results", "clients", "clicks"}
    assert [item["query"] for item in service.hot_searches()] == ["异地就医"]
    html = client.get("/search/").content.decode()
    assert "热门搜索" in html and "?q=%E5%BC%82%E5%9C%B0%E5%B0%B1%E5%8C%BB" in html
    assert client.get("/search/hot/").json()["hot"] == [{"query": "异地就医", "count": 3}]


def test_visible_notice_when_elasticsearch_is_unreachable(client, corpus, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # refused at once
    service.reset_elasticsearch_state()
    html = client.get("/search/", {"q": "异地就医"}).content.decode()
    assert "全文检索服务暂时无法响应" in html
    assert "伊金霍洛旗医疗保障局关于进一步做好异地就医直接结算工作的通知" in hit_titles(html)
    service.reset_elasticsearch_state()


def test_fallback_within_about_a_second_when_elasticsearch_hangs(client, corpus, settings):
    # A listening socket that never answers: connections open, responses never come.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.SEARCH_TIMEOUT_SECONDS = 1.0
        service.reset_elasticsearch_state()
        started = time.monotonic()
        data = client.get("/search/api/", {"q": "异地就医"}).json()
        first = time.monotonic() - started
        assert data["fell_back"] and data["backend"] == "database" and data["total"] >= 1
        assert 0.9 <= first < 2.0
        # Right after a failure, searches skip Elasticsearch instead of waiting again.
        started = time.monotonic()
        assert client.get("/search/api/", {"q": "门诊报销"}).json()["fell_back"]
        assert time.monotonic() - started < 0.5
    finally:
        silent.close()
        service.reset_elasticsearch_state()
