"""A translated policy document (docs/MONGOLIAN.md) is the same document in another
language: it shares the original's metadata and 索引号, and is never listed or counted as a
second document."""

from datetime import date

import pytest
from wagtail.models import Locale

from disclosure.annual_reports.sources import catalogue_counts
from disclosure.catalogue import public_documents
from disclosure.models import IndexNumberCounter, LegalForm, PolicyDocumentPage
from portal import languages


@pytest.mark.django_db
def test_translation_shares_the_metadata_and_gets_no_second_index_number(make_document, translate):
    original = make_document(
        document_number="伊政服发〔2025〕3号",
        publish_date=date(2025, 3, 1),
        legal_form=LegalForm.NORMATIVE,
    )
    translation = translate(original)
    assert translation.live and translation.locale.language_code == "mn-mong"
    assert translation.index_number is None
    assert translation.shared_index_number == original.index_number
    assert translation.original == original
    assert translation.document_number == "伊政服发〔2025〕3号"
    assert translation.written_date == original.written_date
    assert translation.publisher_id == original.publisher_id
    counter = IndexNumberCounter.objects.get(publisher=original.publisher, year=2025)
    assert counter.last_serial == 1

    # Publishing the translation again after an edit still allocates nothing.
    translation.title = "ᠲᠤᠷᠰᠢᠯᠲᠠ"
    translation.save_revision().publish()
    translation.refresh_from_db()
    counter.refresh_from_db()
    assert translation.index_number is None and counter.last_serial == 1


@pytest.mark.django_db
def test_translations_are_not_counted_in_the_catalogue_reports_or_api(
    make_document, client, translate
):
    original = make_document(written_date=date(2025, 2, 1), legal_form=LegalForm.NORMATIVE)
    before = catalogue_counts(2025)
    translate(original)
    assert PolicyDocumentPage.objects.live().count() == 2
    assert list(public_documents()) == [original]
    assert catalogue_counts(2025) == before
    listed = client.get("/api/v2/policy-documents/").json()
    assert [item["id"] for item in listed["items"]] == [original.pk]
    both = client.get("/api/v2/policy-documents/", {"locale": "mn-mong"}).json()
    assert len(both["items"]) == 1 and both["items"][0]["id"] != original.pk


@pytest.mark.django_db
def test_translated_document_page_shows_the_original_index_number(make_document, client, translate):
    original = make_document(publish_date=date(2025, 3, 1))
    translation = translate(original)
    response = client.get(translation.url)
    assert response.status_code == 200
    assert translation.url.startswith("/mn-mong/")
    assert original.index_number in response.content.decode()


@pytest.mark.django_db
def test_a_translated_column_lists_its_originals_documents_in_its_language(
    make_document,
    policy_column,
    client,
    translate,
):
    """A Mongolian column lists the documents of its Chinese original (translations are never
    listed as documents of their own); each opens its Mongolian translation when one is live,
    else the Chinese page, marked as Chinese."""
    translated = make_document(title="已有蒙古文译文的文件")
    chinese_only = make_document(title="只有中文的文件")
    mongolian = translate(translated)
    mongolian.title = "ᠲᠤᠷᠰᠢᠯᠲᠠ ᠪᠢᠴᠢᠭ"
    mongolian.save_revision().publish()
    mongolian_column = policy_column.get_translation(Locale.objects.get(language_code="mn-mong"))
    if not mongolian_column.live:
        mongolian_column.save_revision().publish()

    catalogue = client.get(mongolian_column.url).content.decode().split("catalogue-table")[1]
    assert f'<a href="{mongolian.url}">ᠲᠤᠷᠰᠢᠯᠲᠠ ᠪᠢᠴᠢᠭ</a>' in catalogue
    assert f'<a href="{chinese_only.url}" lang="zh-Hans">只有中文的文件</a>' in catalogue
    assert "已有蒙古文译文的文件" not in catalogue

    catalogue = client.get(policy_column.url).content.decode().split("catalogue-table")[1]
    assert f'<a href="{translated.url}">已有蒙古文译文的文件</a>' in catalogue
    assert "ᠲᠤᠷᠰᠢᠯᠲᠠ" not in catalogue


@pytest.mark.django_db
def test_a_translated_document_says_its_language_in_its_metadata_and_breadcrumbs(
    make_document,
    client,
    translate,
):
    original = make_document()
    mongolian = translate(original)
    html = client.get(mongolian.url).content.decode()
    assert '"inLanguage": "mn-Mong"' in html
    breadcrumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert f'<span lang="mn-Mong">{languages.MONGOLIAN_LABELS["home"]}</span> 首页' in breadcrumbs

    html = client.get(original.url).content.decode()
    assert '"inLanguage": "zh-Hans"' in html
    assert 'lang="mn-Mong"' not in html.split('class="breadcrumbs"')[1].split("</nav>")[0]
