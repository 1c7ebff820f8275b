"""Uploads (issue 11): read only after the rate limit and the captcha; decoding bounded by
memory, measured; PDFs accepted by parsing (hex-escaped names, compressed object streams);
each refusal names the rule that refused it."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from application_pdfs import PAGE_OBJECTS, pdf_with, pdf_with_object_stream
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from pypdf import PdfReader, PdfWriter
from test_applications_public import form_data, png_bytes

from disclosure.applications.models import Application, PendingUpload
from disclosure.applications.uploads import UploadRejected, check_upload

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def upload(data, name="licence.pdf"):
    return SimpleUploadedFile(name, data)


def test_a_plain_pdf_is_accepted_and_rewritten_from_its_pages():
    original = pdf_with({1: CATALOG, **PAGE_OBJECTS}) + b"% trailing bytes after EOF\n"
    content_type, stored = check_upload(upload(original))
    assert content_type == "application/pdf"
    assert b"trailing bytes" not in stored  # written by pypdf, not stored byte for byte
    assert len(PdfReader(io.BytesIO(stored)).pages) == 1


@pytest.mark.parametrize(
    ("objects", "found"),
    [
        # /J#61vaScript is /JavaScript once the parser reads the name (ISO 32000-1 §7.3.5)
        (
            {
                1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
                4: b"<< /S /J#61vaScript /JS (app.alert(1)) >>",
            },
            {"OpenAction", "JavaScript", "JS"},
        ),
        ({1: CATALOG, 4: b"<< /S /L#61unch /F (cmd.exe) >>"}, {"Launch"}),
        (
            {
                1: b"<< /Type /Catalog /Pages 2 0 R /N#61mes << /Embedd#65dFiles 4 0 R >> >>",
                4: b"<< /Names [] >>",
            },
            {"EmbeddedFiles"},
        ),
        (
            {1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /XFA 4 0 R >> >>", 4: b"<< >>"},
            {"XFA"},
        ),
        ({1: CATALOG, 4: b"<< /Type /Annot /Subtype /RichMedia >>"}, {"RichMedia"}),
        ({1: CATALOG, 4: b"<< /#41A << /O 5 0 R >> >>", 5: b"<< /S /URI /URI (x) >>"}, {"AA"}),
    ],
)
def test_active_content_is_found_by_parsing_also_when_hex_escaped(objects, found):
    data = pdf_with({**PAGE_OBJECTS, **objects})
    with pytest.raises(UploadRejected, match="含有脚本、自动动作或嵌入文件") as refused:
        check_upload(upload(data))
    named = str(refused.value).split("（")[1].split("）")[0]
    assert named in found and refused.value.rule == "含有活动内容"


def test_javascript_inside_a_compressed_object_stream_is_found():
    data = pdf_with_object_stream(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /Names 4 0 R >>",
            **PAGE_OBJECTS,
            4: b"<< /J#61vaScript 5 0 R >>",
            5: b"<< /Names [(x) 6 0 R] >>",
            6: b"<< /S /JavaScript /JS (app.alert(1)) >>",
        }
    )
    assert b"JavaScript" not in data and b"Catalog" not in data  # nothing for a byte regex
    with pytest.raises(UploadRejected, match=r"（(JavaScript|JS)）"):
        check_upload(upload(data))
    # The same file without the script is accepted: the object stream itself is fine.
    clean = pdf_with_object_stream({1: CATALOG, **PAGE_OBJECTS})
    assert check_upload(upload(clean))[0] == "application/pdf"


def test_pypdf_written_javascript_and_embedded_files_are_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_attachment("a.exe", b"MZ")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UploadRejected, match="嵌入文件"):
        check_upload(upload(buffer.getvalue()))


def test_each_refusal_names_its_rule():
    with override_settings(APPLICATIONS_UPLOAD_MAX_DECODED_BYTES=4000):
        with pytest.raises(UploadRejected, match="像素过大") as pixels:
            check_upload(upload(png_bytes(size=(100, 100)), "id.png"))
    assert pixels.value.rule == "像素过大" and "100×100" in str(pixels.value)
    with pytest.raises(UploadRejected, match="类型不符") as kind:
        check_upload(upload(b"GIF89a" + b"\x00" * 40, "id.png"))
    assert kind.value.rule == "类型不符"


MEASURE = """
import json, sys, time
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from disclosure.applications.uploads import UploadRejected, check_upload

def peak_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

data = open(sys.argv[1], "rb").read()
open("/proc/self/clear_refs", "w").write("5")  # reset the peak to the current size
before = peak_kb()
started = time.perf_counter()
try:
    check_upload(SimpleUploadedFile("id.png", data))
    outcome = "accepted"
except UploadRejected as error:
    outcome = error.rule
print(json.dumps({"outcome": outcome, "peak_rise_mb": (peak_kb() - before) / 1024,
                  "seconds": time.perf_counter() - started}))
"""


def measure(tmp_path, image: Image.Image) -> dict:
    """Check one PNG in a fresh process; its peak memory rise and time. The peak is the
    kernel's (VmHWM, reset first through /proc/self/clear_refs): it sees Pillow's own
    allocations, which tracemalloc does not, and not the memory of the test process."""
    path = tmp_path / "image.png"
    image.save(path, format="PNG")
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        cwd=BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_decoding_is_bounded_by_memory(tmp_path):
    # The case: a 152 KB PNG of 6320 x 6320 RGBA pixels (160 MB decoded, +612 MiB
    # peak before). Refused from its header now, with the rule named.
    huge = measure(tmp_path, Image.new("RGBA", (6320, 6320), (255, 255, 255, 0)))
    assert huge["outcome"] == "像素过大"
    assert huge["peak_rise_mb"] < 20, huge
    # The largest accepted image, a 12-megapixel photo (4032 x 3024), stays within ~150 MB.
    photo = measure(tmp_path, Image.new("RGB", (4032, 3024), (40, 90, 160)))
    assert photo["outcome"] == "accepted"
    assert photo["peak_rise_mb"] < 150, photo
    print(f"6320x6320 RGBA: {huge}; 4032x3024 RGB: {photo}")


def id_file(name="id.png"):
    return SimpleUploadedFile(name, png_bytes())


def test_captcha_refresh_reads_no_upload(client, db, valid_id):
    data = {**form_data(client, id_number=valid_id), "refresh_captcha": "1"}
    response = client.post("/applications/apply/", {**data, "id_document": id_file()})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="upload-not-read"' in html
    assert PendingUpload.objects.count() == 0  # nothing parsed, nothing stored
    assert "李秀英" in html  # what was typed is kept


def test_wrong_captcha_reads_no_upload(client, db, valid_id):
    data = {**form_data(client, id_number=valid_id), "captcha_1": "WRONG"}
    response = client.post("/applications/apply/", {**data, "id_document": id_file()})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    assert PendingUpload.objects.count() == 0 and Application.objects.count() == 0


@override_settings(APPLICATIONS_SUBMISSIONS_PER_HOUR=0)
def test_rate_limited_request_reads_no_upload(client, db, valid_id):
    data = form_data(client, id_number=valid_id)
    response = client.post("/applications/apply/", {**data, "id_document": id_file()})
    assert response.status_code == 429
    assert PendingUpload.objects.count() == 0 and Application.objects.count() == 0


def test_other_errors_after_a_good_captcha_keep_the_checked_upload(client, db, valid_id):
    data = form_data(client, id_number=valid_id, phone="x")
    response = client.post("/applications/apply/", {**data, "id_document": id_file()})
    assert response.status_code == 400 and "已收到您上传的文件" in response.content.decode()
    assert PendingUpload.objects.count() == 1
