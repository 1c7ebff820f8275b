"""Site checks on the real page models: policy documents and interpretations (disclosure app),
images without alt text, personal data in attachments, 网站纠错 reports left unanswered."""

import io
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.rules.identifiers import resident_id_check_char
from disclosure.models import PolicyDocumentPage
from monitoring.gate import check_page
from monitoring.models import Finding
from portal.models import ContentPage, ErrorReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_site, settings):
    settings.MONITORING_CHECK_EXTERNAL_LINKS = False
    return demo_site


def run_site():
    call_command("monitor_run", "site", stdout=StringIO())


def flagged(code):
    return set(
        Finding.objects.filter(check_code=code, is_present=True).values_list("page_id", flat=True)
    )


def test_policy_documents_without_interpretation(site):
    run_site()
    expected = {
        document.pk
        for document in PolicyDocumentPage.objects.live()
        if document.requires_interpretation and not document.interpretations.live().exists()
    }
    interpreted = {
        document.pk
        for document in PolicyDocumentPage.objects.live()
        if document.interpretations.live().exists()
    }
    assert interpreted, "the demo has interpreted documents"
    assert flagged("POLICY_WITHOUT_INTERPRETATION") == expected
    assert not flagged("POLICY_WITHOUT_INTERPRETATION") & interpreted


def test_missing_disclosure_metadata(site):
    run_site()
    # The demo's 札萨克镇 documents lack their 内容概述 on purpose (the 考核评价 demo).
    before = flagged("PAGE_MISSING_METADATA")
    document = PolicyDocumentPage.objects.live().exclude(pk__in=before).first()
    document.summary = ""
    document.save_revision().publish()
    run_site()
    assert flagged("PAGE_MISSING_METADATA") == before | {document.pk}
    finding = Finding.objects.get(check_code="PAGE_MISSING_METADATA", page=document)
    assert "内容概述" in finding.message
    # The gate reads the same metadata, and a deduction does not block publication.
    found = [(check.code, check.severity) for check, _ in check_page(document.specific)]
    assert ("PAGE_MISSING_METADATA", "deduct") in found


def png_image(title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name=f"{title}.png")
    )


def article(site, slug, body):
    home = site.root_page.specific
    page = ContentPage(title=f"测试{slug}", slug=slug, body=body)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_images_without_alt_text(site):
    image = png_image("现场照片")
    bare = article(
        site,
        "no-alt",
        [("paragraph", f'<embed embedtype="image" id="{image.pk}" alt="" format="fullwidth"/>')],
    )
    described = article(
        site,
        "with-alt",
        [
            (
                "paragraph",
                f'<embed embedtype="image" id="{image.pk}" alt="政务大厅" format="fullwidth"/>',
            )
        ],
    )
    run_site()
    assert bare.pk in flagged("IMAGE_WITHOUT_ALT")
    assert described.pk not in flagged("IMAGE_WITHOUT_ALT")


def test_personal_data_in_an_attachment(site):
    first17 = "15062719900101002"
    text = f"补贴发放名单\n张三 {first17}{resident_id_check_char(first17)}\n"
    document = get_document_model().objects.create(
        title="补贴名单", file=ContentFile(text.encode(), name="list.txt")
    )
    page = article(site, "subsidy", [("document", {"document": document, "title": ""})])
    run_site()
    finding = Finding.objects.get(check_code="PII_RESIDENT_ID", page=page)
    assert "附件“补贴名单”" in finding.message
    assert first17 not in finding.message + finding.excerpt


def test_unanswered_error_reports_count_as_site_interaction(site):
    report = ErrorReport.objects.create(category="typo", description="错别字", client_hash="x")
    ErrorReport.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(days=10))
    run_site()
    finding = Finding.objects.get(check_code="MESSAGE_UNANSWERED", target_kind="error_report")
    assert finding.scope == "site" and finding.target_kind == "error_report"
    report.status = ErrorReport.Status.HANDLED
    report.save()
    run_site()
    finding.refresh_from_db()
    assert not finding.is_present
