"""The public inputs issue 11 found answering 500: each now answers 400/404 with a message."""

import pytest
from django.test import Client

HUGE = str(10**20)


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


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
def test_api_date_filters_refuse_what_is_not_a_date(demo_site, client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "应为日期" in response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "endpoint", ["pages", "policy-interpretations", "policy-documents", "documents", "images"]
)
@pytest.mark.parametrize("search", ['">', "\x00", "   ", "\u202e"])
def test_api_search_without_words_is_a_bad_request(demo_site, client, endpoint, search):
    response = client.get(f"/api/v2/{endpoint}/", {"search": search})
    assert response.status_code == 400
    assert response.json()["message"] == "参数 search 应包含要查找的文字或数字。"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pages", "policy-interpretations", "documents"])
@pytest.mark.parametrize("search", ['通知">', "data:", "a\x00b", '"unterminated', "OR"])
def test_api_search_reads_only_the_words(demo_site, client, endpoint, search):
    response = client.get(f"/api/v2/{endpoint}/", {"search": search})
    assert response.status_code == 200
    assert "items" in response.json()


@pytest.mark.django_db
def test_api_policy_documents_search_works_as_documented(demo_site, client):
    from disclosure.models import PolicyDocumentPage

    document = PolicyDocumentPage.objects.live().filter(disclosure_attribute="proactive").first()
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
def test_api_numbers_and_types_are_checked(demo_site, client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["message"]


@pytest.mark.django_db
def test_api_offset_past_the_end_is_an_empty_page(demo_site, client):
    response = client.get("/api/v2/pages/?offset=999999")
    assert response.status_code == 200
    assert response.json()["items"] == []
