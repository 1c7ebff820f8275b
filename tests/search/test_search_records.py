"""What the record of a page holds: the generic values, and what its page type declares in
search_record_values(). Over the seeded demo site (seeded once, rolled back at the end)."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Site

from disclosure.annual_reports.models import AnnualReportPage
from disclosure.models import PolicyDocumentPage, PolicyInterpretationPage
from portal.models import ContentPage
from search.records import page_record


def midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day))


def test_a_policy_document_record_carries_its_catalogue_metadata(seeded_demo, db):
    page = PolicyDocumentPage.objects.live().exclude(document_number="").first()
    record = page_record(page)
    assert (record.doc_id, record.page_id, record.url) == (str(page.pk), page.pk, page.url)
    assert record.content_type == "disclosure.policydocumentpage"
    assert record.content_type_label == "政策文件"  # the model's verbose_name
    assert record.document_number == page.document_number
    assert record.index_number == page.index_number
    assert record.topic == str(page.topic) and record.publisher == str(page.publisher)
    assert record.genre == page.get_genre_display()
    assert record.validity == page.get_validity_display()
    assert record.keywords == page.keywords
    assert record.published_at == midnight(page.publish_date)
    assert record.year == page.publish_date.year
    assert record.summary.startswith(page.summary)


def test_document_numbers_are_normalised(seeded_demo, db):
    page = PolicyDocumentPage.objects.live().exclude(document_number="").first()
    number = page.document_number
    page.document_number = number.replace("〔", "[").replace("〕", "]")
    assert page.document_number != number
    assert page_record(page).document_number == number


def test_an_interpretation_has_the_catalogue_values_and_no_document_metadata(seeded_demo, db):
    page = PolicyInterpretationPage.objects.live().first()
    record = page_record(page)
    assert record.publisher == str(page.publisher)
    assert record.published_at == midnight(page.publish_date)
    assert (record.topic, record.genre, record.document_number) == ("", "", "")
    assert strip_tags(page.main_content)[:20] in record.body


def test_the_home_page_intro_is_its_summary(seeded_demo, db):
    page = Site.objects.get(is_default_site=True).root_page.specific
    assert page_record(page).summary == strip_tags(page.intro)


def test_pages_that_declare_nothing_get_the_generic_values(seeded_demo, db):
    bureau = Site.objects.get(is_default_site=True).root_page
    report = AnnualReportPage.objects.live().descendant_of(bureau).get(year=2025)
    assert not hasattr(report, "search_record_values")
    record = page_record(report)
    assert record.title == report.title
    assert record.published_at == report.first_published_at
    assert "一、总体情况" in record.body  # its search_fields text
    assert (record.publisher, record.keywords, record.topic) == ("", "", "")
    assert record.content_type_label == "政府信息公开工作年度报告"


def test_a_declaration_with_an_unknown_field_is_refused_clearly(seeded_demo, db):
    page = ContentPage.objects.live().first()
    page.search_record_values = lambda: {"subject": "旧别名"}
    with pytest.raises(ValueError, match=r"ContentPage.search_record_values\(\).*subject"):
        page_record(page)
