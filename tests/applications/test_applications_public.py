"""The public side: the application form (Art.29 fields, upload checked by content, ID and
USCC check characters, CSRF, captcha, rate limit, nothing lost on errors), the one-time
receipt, and the status look-up."""

import io
import re
import statistics
import time
from datetime import date

import pytest
from captcha.models import CaptchaStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image

from disclosure.applications import services, views
from disclosure.applications.models import Application, IdentityDocument, Letter
from disclosure.applications.uploads import UploadRejected, check_upload
from disclosure.applications.workflow import Action


def png_bytes(size=(60, 40), extra=b""):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue() + extra


def jpeg_bytes():
    buffer = io.BytesIO()
    image = Image.new("RGB", (50, 50), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010E] = "secret comment 110101199003074514"  # ImageDescription
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def captcha_answer(page_html):
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', page_html).group(1)
    return key, CaptchaStore.objects.get(hashkey=key).response


def form_data(client, **overrides):
    """A valid submission: the form page is fetched first, its captcha answered from the
    store (as a person would read it from the image)."""
    page = client.get("/applications/apply/").content.decode()
    key, answer = captcha_answer(page)
    data = {
        "applicant_type": "citizen",
        "citizen_name": "李秀英",
        "id_type": "resident_id",
        "id_number": "11010119900307451x".upper(),
        "phone": "13904770002",
        "email": "li@example.com",
        "address": "内蒙古自治区鄂尔多斯市伊金霍洛旗测试路2号",
        "postcode": "017200",
        "information_title": "2024年部门预算",
        "medium": "electronic",
        "delivery": "email",
        "captcha_0": key,
        "captcha_1": answer,
    }
    data.update(overrides)
    return data


def upload(content=None, name="id.png"):
    return SimpleUploadedFile(name, content if content is not None else png_bytes())


def test_submission_receipt_once_and_lookup(client, db, valid_id, mailoutbox):
    response = client.post(
        "/applications/apply/", {**form_data(client, id_number=valid_id), "id_document": upload()}
    )
    assert response.status_code == 302 and response["Location"] == "/applications/receipt/"
    application = Application.objects.get()
    assert application.status == "awaiting_confirmation" and application.channel == "online"
    assert application.id_number == valid_id and application.name == "李秀英"
    assert IdentityDocument.objects.get().content_type == "image/png"
    receipt = client.get("/applications/receipt/").content.decode()
    code = re.search(r'id="receipt-code" class="code">([A-Z0-9-]+)<', receipt).group(1)
    assert application.number in receipt and "李**" in receipt and valid_id not in receipt
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert code.replace("-", "") not in application.lookup_code_hash  # stored hashed
    # Shown once.
    assert client.get("/applications/receipt/").status_code == 410
    # Look-up with the code (lower case and without dashes is fine).
    found = client.post(
        "/applications/status/",
        {"number": application.number, "code": code.lower().replace("-", "")},
    )
    assert found.status_code == 302
    status = client.get(found["Location"]).content.decode()
    assert "待确认" in status and "李**" in status and "李秀英" not in status
    assert valid_id not in status and "13904770002" not in status
    # Another browser without the code sees nothing.
    other = Client()
    assert other.get(found["Location"]).status_code == 302


def test_wrong_code_is_refused_and_attempts_are_limited(client, make_application):
    application = make_application()
    for _ in range(3):
        response = client.post(
            "/applications/status/", {"number": application.number, "code": "AAAA-BBBB-CCCC"}
        )
        assert response.status_code == 400
        assert "受理编号或查询码不正确" in response.content.decode()
    with override_settings(APPLICATIONS_FAILED_LOOKUPS_PER_HOUR=3):
        blocked = client.post(
            "/applications/status/", {"number": application.number, "code": application.lookup_code}
        )
    assert blocked.status_code == 429 and "查询失败次数过多" in blocked.content.decode()


def test_status_shows_letters_and_due_date(client, make_application, officer):
    application = make_application(received_on=date(2025, 3, 3))
    services.perform(
        application,
        Action.START_CONSULTATION,
        actor=officer,
        reason="第三方",
        effective_on=date(2025, 3, 5),
        kind="third_party",
        consultee="某公司",
        letter=services.LetterDraft("consultation", "征询函", "致第三方", "某公司"),
    )
    services.perform(
        application,
        Action.END_CONSULTATION,
        actor=officer,
        reason="意见",
        effective_on=date(2025, 3, 12),
    )
    services.perform(
        application,
        Action.REPLY,
        actor=officer,
        reason="答复",
        effective_on=date(2025, 3, 20),
        resolution="granted",
        letter=services.LetterDraft("reply", "政府信息公开申请答复书", "答复正文"),
    )
    client.post(
        "/applications/status/", {"number": application.number, "code": application.lookup_code}
    )
    page = client.get(f"/applications/status/{application.number}/").content.decode()
    assert "已办结" in page and "予以公开" in page and "政府信息公开申请答复书" in page
    assert "征询函" not in page  # letters to third parties are not the applicant's
    reply = Letter.objects.get(kind="reply")
    third = Letter.objects.get(kind="consultation")
    assert "答复正文" in client.get(f"/applications/status/letters/{reply.pk}/").content.decode()
    assert client.get(f"/applications/status/letters/{reply.pk}/?format=docx").content[:2] == b"PK"
    assert client.get(f"/applications/status/letters/{third.pk}/").status_code == 404
    assert Client().get(f"/applications/status/letters/{reply.pk}/").status_code == 404


def test_invalid_check_digits_and_nothing_lost(client, db, valid_id, ids):
    bad_id = valid_id[:17] + ("0" if valid_id[17] != "0" else "1")
    response = client.post(
        "/applications/apply/", {**form_data(client, id_number=bad_id), "id_document": upload()}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "居民身份证号码校验位不正确" in html
    # What was typed is still there, and the checked upload is kept.
    assert 'value="2024年部门预算"' in html and 'value="13904770002"' in html
    assert "已收到您上传的文件，无需重新选择" in html
    token = re.search(r'name="upload_token" value="([^"]+)"', html).group(1)
    assert Application.objects.count() == 0
    good = ids.uscc("91150627MA0N3K8X1")
    bad_uscc = good[:17] + ("1" if good[17] != "1" else "2")
    org = form_data(
        client,
        applicant_type="organisation",
        citizen_name="",
        org_name="某公司",
        uscc=bad_uscc,
        contact_person="孙某",
        upload_token=token,
    )
    response = client.post("/applications/apply/", org)
    assert "统一社会信用代码校验位不正确" in response.content.decode()
    # Fixed: the kept upload is used without choosing the file again.
    fixed = form_data(
        client,
        applicant_type="organisation",
        org_name="某公司",
        uscc=good,
        contact_person="孙某",
        upload_token=token,
    )
    assert client.post("/applications/apply/", fixed).status_code == 302
    application = Application.objects.get()
    assert (application.id_type, application.id_number) == ("uscc", good)
    assert application.identity_document.size > 0


def test_art29_fields_are_required_and_purpose_is_not(client, db):
    page = client.get("/applications/apply/").content.decode()
    assert "用途" not in page.split("本表不要求说明申请用途")[1]
    response = client.post("/applications/apply/", {"captcha_0": "x", "captcha_1": "y"})
    html = response.content.decode()
    for message in [
        "请选择申请人类型。",
        "请填写联系电话。",
        "请填写所需信息的名称。",
        "请选择获取信息的方式。",
        "请选择获取信息的途径。",
        "请上传身份证明",
    ]:
        assert message in html
    assert "验证码不正确" in html
    response = client.post(
        "/applications/apply/",
        form_data(client, citizen_name="", id_number="", delivery="post", address=""),
    )
    html = response.content.decode()
    assert "请填写姓名。" in html and "请填写证件号码。" in html
    assert "选择邮寄获取信息时，请填写通信地址。" in html


def test_captcha_and_csrf_are_enforced(client, db, valid_id):
    data = {**form_data(client, id_number=valid_id), "captcha_1": "wrong"}
    response = client.post("/applications/apply/", {**data, "id_document": upload()})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/applications/apply/", {**form_data(strict, id_number=valid_id), "id_document": upload()}
    )
    assert response.status_code == 403
    assert Application.objects.count() == 0


def test_refreshing_the_captcha_keeps_what_was_typed(client, db):
    data = form_data(client, information_title="请保留我", refresh_captcha="1")
    response = client.post("/applications/apply/", data)
    html = response.content.decode()
    assert response.status_code == 200 and 'value="请保留我"' in html
    assert "提交未成功" not in html
    assert re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1) != data["captcha_0"]


def test_submissions_are_rate_limited_per_address(client, db, valid_id):
    with override_settings(APPLICATIONS_SUBMISSIONS_PER_HOUR=1):
        first = client.post(
            "/applications/apply/",
            {**form_data(client, id_number=valid_id), "id_document": upload()},
        )
        assert first.status_code == 302
        second = client.post(
            "/applications/apply/",
            {
                **form_data(client, id_number=valid_id, information_title="第二件"),
                "id_document": upload(),
            },
        )
    assert second.status_code == 429
    html = second.content.decode()
    assert "提交过于频繁" in html and 'value="第二件"' in html
    assert Application.objects.count() == 1
    # Another address may still apply.
    other = Client(REMOTE_ADDR="10.0.0.9")
    with override_settings(APPLICATIONS_SUBMISSIONS_PER_HOUR=1):
        assert (
            other.post(
                "/applications/apply/",
                {**form_data(other, id_number=valid_id), "id_document": upload()},
            ).status_code
            == 302
        )


def test_script_in_text_fields_is_shown_as_text(client, db, valid_id, officer):
    script = "<script>alert('x')</script>"
    response = client.post(
        "/applications/apply/",
        {
            **form_data(
                client,
                id_number=valid_id,
                information_title="预算" + script,
                description=script,
                remarks=script,
            ),
            "id_document": upload(),
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.information_title == "预算" + script  # kept as typed, as text
    receipt = client.get("/applications/receipt/").content.decode()
    assert script not in receipt and "&lt;script&gt;" in receipt
    client.force_login(officer)
    page = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert script not in page and "&lt;script&gt;alert(" in page
    queue = client.get("/admin/applications/").content.decode()
    assert script not in queue


def test_bidi_overrides_and_control_characters_are_dropped_from_text(client, db, valid_id):
    # U+202E would show staff "预算exe.pdf" for the stored "预算fdp.exe".
    response = client.post(
        "/applications/apply/",
        {
            **form_data(
                client,
                id_number=valid_id,
                information_title="预算\u202efdp.exe",
                description="第一行\r\n第二行\x1b\u2066",
            ),
            "id_document": upload(),
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.information_title == "预算fdp.exe"
    assert application.description == "第一行\r\n第二行"


# --- uploads ------------------------------------------------------------------------------


def test_png_is_reencoded_from_pixels_only():
    content_type, data = check_upload(upload(png_bytes(extra=b"<script>alert(1)</script>")))
    assert content_type == "image/png"
    assert b"<script>" not in data
    assert Image.open(io.BytesIO(data)).size == (60, 40)


def test_jpeg_metadata_is_dropped():
    original = jpeg_bytes()
    assert b"secret comment" in original
    content_type, data = check_upload(upload(original, "photo.jpg"))
    assert content_type == "image/jpeg" and b"secret comment" not in data
    assert Image.open(io.BytesIO(data)).format == "JPEG"


def test_pdf_is_checked():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert check_upload(upload(buffer.getvalue(), "licence.pdf"))[0] == "application/pdf"
    from pypdf.actions import JavaScript

    writer.add_open_action(JavaScript("app.alert('x');"))
    active = io.BytesIO()
    writer.write(active)
    with pytest.raises(UploadRejected, match="含有脚本"):
        check_upload(upload(active.getvalue(), "licence.pdf"))
    with pytest.raises(UploadRejected, match="已损坏"):
        check_upload(upload(b"%PDF-1.7\nnot really a pdf", "x.pdf"))


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "id.jpg"),  # disguised by its name
        (b"GIF89a" + b"\x00" * 40, "id.png"),  # a real image type we do not accept
        (b"MZ\x90\x00" + b"\x00" * 100, "id.pdf"),  # an executable named .pdf
    ],
)
def test_disguised_uploads_are_refused(content, name):
    with pytest.raises(UploadRejected, match="只接受 JPEG、PNG 图片或 PDF 文件"):
        check_upload(upload(content, name))


def test_oversized_upload_is_refused(client, db, valid_id):
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"\x00" * (5 * 1024 * 1024 + 1))
    with pytest.raises(UploadRejected, match="文件过大"):
        check_upload(big)
    big.seek(0)
    response = client.post(
        "/applications/apply/", {**form_data(client, id_number=valid_id), "id_document": big}
    )
    assert response.status_code == 400 and "文件过大" in response.content.decode()
    assert Application.objects.count() == 0


def test_decompression_bomb_is_refused():
    # 100 x 100 pixels need 40,000 bytes decoded: over a 4,000-byte budget.
    with override_settings(APPLICATIONS_UPLOAD_MAX_DECODED_BYTES=4000):
        with pytest.raises(UploadRejected, match="像素过大") as refused:
            check_upload(upload(png_bytes(size=(100, 100))))
    assert refused.value.rule == "像素过大"


def test_a_missing_number_costs_as_much_as_a_wrong_code(settings, make_application, monkeypatch):
    """Constant-time look-up (issue 11): a 受理编号 that does not exist checks a dummy hash, so
    it is not answered measurably faster than a wrong 查询码 (before: about 6× faster, which
    told a prober that a number exists). Production's hasher, medians of a few runs, a loose
    bound: the point is the same work, not a wall-clock figure."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    monkeypatch.setattr(views, "_dummy_hash", None)
    application = make_application()

    def median_seconds(number):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            assert views.find_application(number, "AAAA-BBBB-CCCC") is None
            runs.append(time.perf_counter() - started)
        return statistics.median(runs)

    views.find_application("YSQ-NONE", "AAAA-BBBB-CCCC")  # the dummy hash is made once
    wrong_code = median_seconds(application.number)
    missing = median_seconds("YSQ20250303-9999")
    print(f"wrong 查询码 {wrong_code * 1000:.0f} ms, missing 受理编号 {missing * 1000:.0f} ms")
    assert missing > wrong_code / 3
