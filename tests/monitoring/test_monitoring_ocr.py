"""The monitoring text checks read a scanned attachment's machine-recognised text (search/ocr.py):
a 居民身份证号码 that only a scan shows is found. Real tesseract (make system-deps installs it);
the test fails, never skips, without it."""

import io
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents import get_document_model

from core.rules.identifiers import resident_id_check_char
from monitoring.models import Finding
from portal.models import ContentPage
from search import tasks

pytestmark = pytest.mark.django_db
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def scanned_png(lines):
    if shutil.which("tesseract") is None or not FONT.exists():
        pytest.fail("tesseract or fonts-noto-cjk missing: run make system-deps")
    font = ImageFont.truetype(str(FONT), 56)
    image = Image.new("L", (1800, 120 + 120 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((90, 70 + 120 * number), line, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_personal_data_in_a_scanned_attachment_is_found(demo_site, settings):
    settings.MONITORING_CHECK_EXTERNAL_LINKS = False
    first17 = "15062719900101002"
    number = first17 + resident_id_check_char(first17)
    document = get_document_model().objects.create(
        title="补贴名单扫描件",
        file=ContentFile(scanned_png(["补贴发放名单", f"张三 {number}"]), name="list.png"),
    )
    page = ContentPage(
        title="补贴发放公示",
        slug="subsidy-scan",
        body=[("document", {"document": document, "title": ""})],
    )
    demo_site.root_page.specific.add_child(instance=page)
    page.save_revision().publish()

    call_command("monitor_run", "site", stdout=StringIO())
    assert not Finding.objects.filter(check_code="PII_RESIDENT_ID", page=page).exists()

    assert tasks.run_ocr(document.pk)["status"] == "recognised"
    call_command("monitor_run", "site", stdout=StringIO())
    finding = Finding.objects.get(check_code="PII_RESIDENT_ID", page=page)
    assert "附件“补贴名单扫描件”" in finding.message
    assert first17 not in finding.message + finding.excerpt
