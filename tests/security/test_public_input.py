"""The public inputs issue 11 found answering 500: each now answers 400/404 with a message."""

import pytest
from django.test import Client

HUGE = str(10**20)


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def api_site(upload, policy_document):
    """A published policy document with an attachment (pages, documents and an
    interpretation-free catalogue are enough for the API)."""
    return policy_document(upload("api"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/policy-documents/?written_date=x",
        "/api/v2/policy-documents/?publish_date=x",
        "/api/v2/policy-documents/?effective_date=x",
        "/api/v2/policy-documents/?repeal_date=2025-13-45",
        "/api/v2/policy-interpretations/?publish_date=x",
    ],
)
def test_api_date_filters_refuse_what_is_not_a_date(api_site, client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "应为日期" in response.json()["message"]


ENDPOINTS = ["pages", "policy-interpretations", "policy-documents", "documents", "images"]


@pytest.mark.django_db
def test_api_search_without_words_is_a_bad_request(api_site, client):
    for endpoint in ENDPOINTS:
        for search in ['">', "\x00", "   ", "\u202e"]:
            response = client.get(f"/api/v2/{endpoint}/", {"search": search})
            assert response.status_code == 400, (endpoint, search)
            assert response.json()["message"] == "参数 search 应包含要查找的文字或数字。"


@pytest.mark.django_db
def test_api_search_reads_only_the_words(api_site, client):
    for endpoint in ENDPOINTS:
        for search in ['通知">', "data:", "a\x00b", '"unterminated', "OR"]:
            response = client.get(f"/api/v2/{endpoint}/", {"search": search})
            assert response.status_code == 200, (endpoint, search, response.content[:200])
            assert "items" in response.json()


@pytest.mark.django_db
def test_api_policy_documents_search_works_as_documented(api_site, client):
    document = api_site
    # 11150627011580001G/2022-00001: the search reads its words, all of which must match.
    query = {"search": document.index_number, "search_operator": "and"}
    response = client.get("/api/v2/policy-documents/", query)
    assert response.status_code == 200
    assert document.pk in [item["id"] for item in response.json()["items"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/api/v2/pages/?offset={HUGE}", 400),
        (f"/api/v2/policy-documents/?publisher={HUGE}", 400),
        (f"/api/v2/policy-documents/?topic={HUGE}", 400),
        (f"/api/v2/policy-interpretations/?policy_document={HUGE}", 400),
        (f"/api/v2/policy-documents/{HUGE}/", 404),
        (f"/api/v2/policy-interpretations/{HUGE}/", 404),
        ("/api/v2/policy-documents/?type=wagtailcore.Page", 400),
        ("/api/v2/pages/find/?id=x", 400),
        ("/api/v2/policy-documents/?topic=x", 400),
    ],
)
def test_api_numbers_and_types_are_checked(api_site, client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["message"]


@pytest.mark.django_db
def test_api_offset_past_the_end_is_an_empty_page(api_site, client):
    response = client.get("/api/v2/pages/?offset=999999")
    assert response.status_code == 200
    assert response.json()["items"] == []
