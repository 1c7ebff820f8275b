"""Machine-readable views: RSS/Atom per column, Wagtail API v2, CSV/XLSX catalogue export."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from openpyxl import load_workbook

from disclosure.exports import HEADINGS
from disclosure.models import PolicyDocumentPage, Topic

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def documents(make_document):
    return [
        make_document(
            title="第一号文件", publish_date=date(2025, 1, 6), document_number="伊政服发〔2025〕1号"
        ),
        make_document(
            title="第二号文件",
            publish_date=date(2025, 2, 6),
            topic=Topic.objects.get(code="4.1"),
            genre="报告",
        ),
        make_document(
            title="待定文件",
            publish=False,
            disclosure_attribute="on_request",
            non_disclosure_reason="涉及第三方",
        ),
    ]


@pytest.mark.django_db
def test_rss_feed_lists_the_column_newest_first(client, documents, policy_column):
    response = client.get(f"/disclosure/columns/{policy_column.pk}/rss.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "政策文件 - 政府信息公开"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["第二号文件", "第一号文件"]
    assert items[0].findtext("link").endswith(documents[1].url)
    assert "06 Feb 2025" in items[0].findtext("pubDate")
    assert items[1].findtext("category") == "综合政务\\政务公开"
    assert documents[0].index_number in items[1].findtext("description")


@pytest.mark.django_db
def test_atom_feed_and_unknown_columns(client, documents, policy_column, column_root):
    response = client.get(f"/disclosure/columns/{column_root.pk}/atom.xml")  # includes below
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["第二号文件", "第一号文件"]
    assert client.get(f"/disclosure/columns/{documents[0].pk}/rss.xml").status_code == 404
    assert client.get("/disclosure/columns/999999/atom.xml").status_code == 404


@pytest.mark.django_db
def test_column_page_advertises_its_feeds(client, policy_column):
    html = client.get(policy_column.url).content.decode()
    assert f'href="/disclosure/columns/{policy_column.pk}/rss.xml"' in html
    assert 'type="application/atom+xml"' in html


@pytest.mark.django_db
def test_api_lists_public_documents_with_metadata(client, documents):
    response = client.get("/api/v2/policy-documents/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 2
    first = data["items"][0]
    assert first["title"] == "第二号文件"
    assert first["index_number"] == documents[1].index_number
    assert first["publisher"] == {"name": "伊金霍洛旗政务服务局", "uscc": "11150627011580001G"}
    assert first["topic"] == {"code": "4.1", "full_name": "财政、金融、审计\\财政"}
    assert first["publish_date"] == "2025-02-06"
    # Filter on a metadata field, and the detail view with every field.
    filtered = client.get("/api/v2/policy-documents/", {"genre": "报告"}).json()
    assert [item["title"] for item in filtered["items"]] == ["第二号文件"]
    detail = client.get(f"/api/v2/policy-documents/{documents[0].pk}/").json()
    assert detail["document_number"] == "伊政服发〔2025〕1号"
    assert detail["validity"] == "valid" and detail["validity_display"] == "有效"
    assert detail["interpretation_urls"] == []
    assert detail["meta"]["html_url"].endswith(documents[0].url)
    assert client.get(f"/api/v2/policy-documents/{documents[2].pk}/").status_code == 404


@pytest.mark.django_db
def test_api_exposes_interpretations_and_attachments(client, disclosure_demo_site):
    report = PolicyDocumentPage.objects.get(slug="2021-performance-evaluation")
    detail = client.get(f"/api/v2/policy-documents/{report.pk}/").json()
    attachment = detail["attachments"][0]
    assert attachment["file_type"] == "DOCX" and attachment["file_size"] > 1000
    assert client.get(attachment["url"]).status_code == 200
    interpreted = PolicyDocumentPage.objects.get(slug="one-network-plan")
    detail = client.get(f"/api/v2/policy-documents/{interpreted.pk}/").json()
    assert len(detail["interpretation_urls"]) == 1
    listing = client.get("/api/v2/policy-interpretations/", {"fields": "policy_document"}).json()
    assert listing["meta"]["total_count"] >= 5
    assert listing["items"][0]["policy_document"]["id"]
    pages = client.get("/api/v2/pages/", {"type": "disclosure.PolicyDocumentPage"}).json()
    assert pages["meta"]["total_count"] == PolicyDocumentPage.objects.live().count()


@pytest.mark.django_db
def test_csv_export_follows_the_filters(client, documents, policy_column):
    response = client.get(f"/disclosure/columns/{policy_column.pk}/catalogue.csv", {"year": "2025"})
    assert response.status_code == 200
    assert "attachment; filename*=UTF-8''" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == HEADINGS
    assert [row[1] for row in rows[1:]] == ["第二号文件", "第一号文件"]
    assert rows[2][0] == documents[0].index_number
    assert rows[2][2] == "伊政服发〔2025〕1号"
    filtered = client.get(
        f"/disclosure/columns/{policy_column.pk}/catalogue.csv", {"genre": "报告"}
    ).content.decode("utf-8")
    assert "第二号文件" in filtered and "第一号文件" not in filtered


@pytest.mark.django_db
def test_xlsx_export_is_a_real_workbook(client, documents, policy_column):
    response = client.get(f"/disclosure/columns/{policy_column.pk}/catalogue.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    assert {row[1] for row in rows[1:]} == {"第一号文件", "第二号文件"}
    assert "待定文件" not in {row[1] for row in rows[1:]}
