"""Issue 22, privacy first: an ID number inside a policy document's attached PDF is caught by
the 内容安全审查 gate and by `monitor_run site`; and the public search never stores or shows a
居民身份证号码 or bank card number (masked in the indexed text, so in every snippet)."""

import io
import json

import pytest
from django.core.management import call_command

from core.rules.identifiers import is_valid_resident_id
from core.rules.personal_data import luhn_valid, mask_identity_numbers
from monitoring.gate import blocking, check_page
from monitoring.models import Finding
from search import service
from search.models import SearchEntry

ID_NUMBER = "11010519491231002X"
BANK_CARD = "6222020200112233446"  # Luhn-valid, see the test below
NOT_AN_ID = "110105194912310021"  # wrong check character: an ordinary number
PDF_TEXT = f"Applicant ID {ID_NUMBER} card {BANK_CARD} ref {NOT_AN_ID} Wuxing7731"


def test_the_numbers_are_what_the_test_says():
    assert is_valid_resident_id(ID_NUMBER)
    assert not is_valid_resident_id(NOT_AN_ID)
    assert luhn_valid(BANK_CARD)


def test_masking_keeps_ordinary_numbers():
    masked = mask_identity_numbers(PDF_TEXT)
    assert ID_NUMBER not in masked and "110105********002X" in masked
    assert BANK_CARD not in masked and "6222***********3446" in masked
    assert NOT_AN_ID in masked
    assert mask_identity_numbers("电话 0477-8612345，2024年第12345678号") == (
        "电话 0477-8612345，2024年第12345678号"
    )


@pytest.mark.django_db
def test_the_gate_reads_the_attached_pdf(upload, policy_document):
    page = policy_document(upload(PDF_TEXT), publish=False)
    vetoes = blocking(check_page(page.get_latest_revision().as_object()))
    codes = {check.code for check, _detection in vetoes}
    assert "PII_RESIDENT_ID" in codes
    assert "PII_BANK_CARD" in codes
    messages = " ".join(detection.message for _check, detection in vetoes)
    assert ID_NUMBER not in messages  # the finding itself is masked


@pytest.mark.django_db
def test_a_site_monitoring_run_reads_the_attached_pdf(upload, policy_document):
    page = policy_document(upload(PDF_TEXT))
    out = io.StringIO()
    call_command("monitor_run", "site", "--json", stdout=out)
    assert json.loads(out.getvalue())["findings"]
    finding = Finding.objects.get(check_code="PII_RESIDENT_ID", page=page)
    assert ID_NUMBER not in finding.message + finding.excerpt


@pytest.mark.django_db
def test_search_never_stores_or_shows_the_numbers(
    upload, policy_document, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = policy_document(upload(PDF_TEXT))
    stored = SearchEntry.objects.get(page_id=page.pk)
    assert ID_NUMBER not in stored.attachments_text
    assert BANK_CARD not in stored.attachments_text
    assert NOT_AN_ID in stored.attachments_text
    results = service.search("Wuxing7731")
    assert [hit.page_id for hit in results.hits] == [page.pk]
    snippet = results.hits[0].snippet_html
    assert ID_NUMBER not in snippet and "110105********002X" in snippet
    assert service.search(ID_NUMBER).total == 0
