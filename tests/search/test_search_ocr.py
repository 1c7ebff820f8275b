"""OCR of scanned attachments with the real tesseract (core/ocr.py, search/ocr.py): a scan
made here is recognised, its words are found by search on both backends, the results say the
text is 机器识别, hostile files and a missing tesseract never raise."""

import io
import json
import struct
import zlib
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from ocr_samples import png_bytes, require_tesseract, scanned_pdf_bytes
from pypdf import PdfWriter
from wagtail.documents import get_document_model
from wagtail.models import Site

from core import ocr
from portal.models import ContentPage
from search import ocr as search_ocr
from search import service, tasks
from search.models import ExtractedText

NOTICE = ["伊金霍洛旗政府信息公开工作通知", "请于本月底前报送材料"]
GUIDE = ["政务服务事项清单", "扫描件编号 QX4821"]


@pytest.fixture(autouse=True)
def _tesseract():
    require_tesseract()


@pytest.fixture
def root(db):
    return Site.objects.get(is_default_site=True).root_page


def publish(parent, title, documents, slug):
    page = ContentPage(
        title=title,
        slug=slug,
        body=[("document", {"document": document, "title": ""}) for document in documents],
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def document(title, data, name):
    # Created outside on-commit capture: its OCR task is run by the test itself.
    return get_document_model().objects.create(title=title, file=ContentFile(data, name=name))


def found(query):
    return [hit.page_id for hit in service.search(query).hits]


# --------------------------------------------------------------------------- core/ocr.py


def test_a_png_scan_is_recognised_with_its_confidence():
    result = ocr.recognise(png_bytes(NOTICE))
    assert "政府信息公开" in result.text
    assert "报送材料" in result.text
    assert result.error == "" and result.pages == 1
    assert result.engine.startswith("tesseract ")
    assert 50 < result.confidence <= 100


def test_only_pdf_pages_without_a_text_layer_are_recognised():
    data = scanned_pdf_bytes(GUIDE)
    assert ocr.pages_without_text(data, ocr.OcrOptions()) == [1]
    result = ocr.recognise(data)
    assert "政务服务事项清单" in result.text and "QX4821" in result.text


def _png_header_only(width, height):
    """A PNG whose header claims width x height pixels (a decompression bomb's shape)."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _pdf_with_a_huge_blank_page():
    writer = PdfWriter()
    writer.add_blank_page(width=14400, height=14400)  # 200 x 200 inches
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "文件为空"),
        (scanned_pdf_bytes(GUIDE)[:400], "无法识别"),  # truncated PDF
        (b"<html>not a scan</html>", "不是可识别的"),  # wrong extension: named .png below
        (_png_header_only(40_000, 40_000), "无法识别"),  # 1.6 billion pixels: not decoded
        (_png_header_only(9_000, 9_000), "图像过大"),  # over MAX_PIXELS, under Pillow's limit
        (_pdf_with_a_huge_blank_page(), "尺寸过大"),
    ],
    ids=["zero-byte", "truncated-pdf", "wrong-extension", "bomb", "huge-image", "huge-pdf-page"],
)
def test_hostile_files_give_a_reason_and_never_raise(data, reason):
    result = ocr.recognise(data)
    assert result.text == ""
    assert reason in result.error


def test_a_missing_tesseract_is_reported_not_raised():
    result = ocr.recognise(png_bytes(NOTICE), ocr.OcrOptions(tesseract="/nonexistent/tesseract"))
    assert result.engine_missing and result.text == ""
    assert "未安装识别程序" in result.error


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize("search_backend", ["database", "elasticsearch"])
def test_scanned_attachments_are_searchable_and_marked_machine_recognised(
    root, search_backend, request, client, django_capture_on_commit_callbacks
):
    request.getfixturevalue(
        "es_settings" if search_backend == "elasticsearch" else "database_settings"
    )
    pdf = document("附件一", scanned_pdf_bytes(NOTICE), "notice-scan.pdf")
    png = document("附件二", png_bytes(GUIDE), "guide.png")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(root, "季度工作安排", [pdf, png], "scan")
    assert found("QX4821") == []  # indexed before OCR: only the titles
    assert found("附件二") == [page.pk]

    with django_capture_on_commit_callbacks(execute=True):
        tasks.ocr_attachment.enqueue(pdf.pk)
        tasks.ocr_attachment.enqueue(png.pk)
    row = ExtractedText.objects.get(document_id=png.pk)
    assert row.ocr and row.ocr_language == "chi_sim+eng"
    assert row.ocr_engine.startswith("tesseract ") and row.ocr_confidence > 50
    assert found("QX4821") == [page.pk]
    assert found("政府信息公开") == [page.pk]

    api = json.loads(client.get("/search/api/", {"q": "QX4821"}).content)
    assert api["backend"] == search_backend
    hit = api["hits"][0]
    assert hit["page_id"] == page.pk and hit["ocr"] is True
    assert {a["title"]: a["matched"] for a in hit["ocr_attachments"]} == {
        "附件一": False,
        "附件二": True,
    }
    assert all(a["ocr"] is True for a in hit["ocr_attachments"])
    html = client.get("/search/", {"q": "QX4821"}).content.decode()
    assert "search-ocr-label" in html and "机器识别" in html
    # A match in the title only is not marked.
    api = json.loads(client.get("/search/api/", {"q": "季度工作安排"}).content)
    assert api["hits"][0]["ocr"] is False and "title" in api["hits"][0]
    assert "search-ocr-label" not in client.get("/search/", {"q": "季度工作安排"}).content.decode()


def test_ocr_is_idempotent_and_reads_a_changed_file_again(root, database_settings):
    png = document("附件", png_bytes(GUIDE), "guide.png")
    page = publish(root, "办事指南", [png], "guide")
    assert tasks.run_ocr(png.pk)["status"] == "recognised"
    first = ExtractedText.objects.get(document_id=png.pk)
    again = tasks.run_ocr(png.pk)
    assert again["status"] == "already_done" and again["pages"] == []
    assert ExtractedText.objects.get(document_id=png.pk).ocr_at == first.ocr_at

    png.file = ContentFile(png_bytes(["档案查阅须知", "编号 KM3390"]), name="guide2.png")
    png.save()
    outcome = tasks.run_ocr(png.pk)
    assert outcome["status"] == "recognised" and outcome["pages"] == [page.pk]
    row = ExtractedText.objects.get(document_id=png.pk)
    assert "KM3390" in row.text and "QX4821" not in row.text


def test_a_text_pdf_is_not_ocred(root, database_settings):
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    blank = document("空白页", out.getvalue(), "blank.pdf")
    docx_like = document("说明", "伊金霍洛旗政务服务局办事说明".encode() * 3, "notes.txt")
    assert tasks.run_ocr(docx_like.pk)["status"] == "not_needed"
    assert tasks.run_ocr(blank.pk)["status"] == "failed"  # nothing to read on a blank page
    row = ExtractedText.objects.get(document_id=blank.pk)
    assert not row.ocr and row.ocr_file_hash and row.ocr_engine


def test_hostile_attachments_are_indexed_without_text(root, database_settings):
    files = {
        "empty.png": b"",
        "truncated.pdf": scanned_pdf_bytes(GUIDE)[:500],
        "not-an-image.tiff": b"plain words, wrong extension",
        "bomb.png": _png_header_only(40_000, 40_000),
    }
    documents = [document(f"附件{i}", data, name) for i, (name, data) in enumerate(files.items())]
    page = publish(root, "附件测试页", documents, "hostile")
    for item in documents:
        outcome = tasks.run_ocr(item.pk)
        assert outcome["status"] == "failed" and outcome["error"], item.file.name
    errors = ExtractedText.objects.filter(document_id__in=[d.pk for d in documents])
    assert all(row.ocr_error and not row.ocr for row in errors)
    call_command("search_index", "drain", stdout=StringIO())
    assert found("附件测试页") == [page.pk]


def test_missing_tesseract_degrades_and_the_backlog_command_catches_up(
    root, database_settings, settings, caplog
):
    png = document("附件", png_bytes(GUIDE), "guide.png")
    page = publish(root, "办事指南", [png], "guide")
    settings.SEARCH_OCR_TESSERACT = "/nonexistent/tesseract"
    out = StringIO()
    call_command("search_index", "ocr", stdout=out)
    assert "未安装识别程序 1" in out.getvalue()
    assert "is not installed" in caplog.text
    row = ExtractedText.objects.get(document_id=png.pk)
    assert not row.ocr and "未安装识别程序" in row.ocr_error and row.ocr_file_hash == ""
    assert found("附件") == [page.pk] and found("QX4821") == []

    settings.SEARCH_OCR_TESSERACT = "tesseract"
    assert search_ocr.backlog() == [png.pk]
    out = StringIO()
    call_command("search_index", "ocr", stdout=out)
    assert "已识别 1" in out.getvalue()
    assert found("QX4821") == [page.pk]
    assert search_ocr.backlog() == []
    out = StringIO()
    call_command("search_index", "ocr", stdout=out)
    assert "没有待识别的附件" in out.getvalue()


def test_uploading_a_scan_queues_its_ocr(
    root, database_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        png = get_document_model().objects.create(
            title="上传的扫描件", file=ContentFile(png_bytes(GUIDE), name="upload.png")
        )
    assert ExtractedText.objects.get(document_id=png.pk).ocr
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(root, "新发布的页面", [png], "uploaded")
    assert found("QX4821") == [page.pk]
