"""The 核对 step of the public form (issue 14): 下一步 shows what was entered, 确认提交
submits exactly that, 返回修改 keeps everything, and the signed review token stands in for the
captcha only for the values it was issued for."""

import html
import re

from test_applications_public import form_data, upload

from disclosure.applications.models import Application, IdentityDocument
from disclosure.applications.views import REVIEW_EXPIRED

HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


def hidden_fields(page_html):
    """What the 核对 page re-sends (the CSRF token is not needed by the test client)."""
    return {name: html.unescape(value) for name, value in HIDDEN.findall(page_html)}


def reviewed(client, valid_id, **overrides):
    response = client.post(
        "/applications/apply/",
        {
            **form_data(client, id_number=valid_id, **overrides),
            "id_document": upload(),
            "review": "1",
        },
    )
    assert response.status_code == 200
    return response.content.decode()


def test_review_shows_what_was_entered_and_confirm_submits_it(client, db, valid_id):
    page = reviewed(client, valid_id, description="2024年\n部门预算<b>说明</b>")
    assert "核对申请内容" in page and Application.objects.count() == 0
    assert "李秀英" in page and valid_id in page and "2024年部门预算" in page
    assert "居民身份证" in page  # a choice by its label, not its value
    assert "2024年<br>部门预算&lt;b&gt;说明&lt;/b&gt;" in page  # escaped, lines kept
    assert "统一社会信用代码" not in page  # only the block of the chosen 申请人类型
    sent = hidden_fields(page)
    assert "captcha_0" not in sent and sent["review_token"] and sent["upload_token"]

    response = client.post("/applications/apply/", {**sent, "confirm": "1"})
    assert response.status_code == 302 and response["Location"] == "/applications/receipt/"
    application = Application.objects.get()
    assert application.name == "李秀英" and application.id_number == valid_id
    assert application.description == "2024年\n部门预算<b>说明</b>"
    assert IdentityDocument.objects.get(application=application).content_type == "image/png"

    # The same confirmation sent again registers nothing more: its upload was used.
    again = client.post("/applications/apply/", {**sent, "confirm": "1"})
    assert again.status_code == 400 and Application.objects.count() == 1
    assert "请上传身份证明" in again.content.decode()


def test_edit_returns_to_the_form_with_everything_kept(client, db, valid_id):
    sent = hidden_fields(reviewed(client, valid_id))
    response = client.post("/applications/apply/", {**sent, "edit": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and Application.objects.count() == 0
    assert 'value="李秀英"' in page and 'value="2024年部门预算"' in page
    assert "已收到您上传的文件，无需重新选择" in page
    assert 'name="captcha_0"' in page  # a new captcha for the next 下一步


def test_values_changed_after_review_or_a_missing_token_are_refused(client, db, valid_id):
    sent = hidden_fields(reviewed(client, valid_id))
    tampered = client.post(
        "/applications/apply/", {**sent, "information_title": "别的信息", "confirm": "1"}
    )
    page = tampered.content.decode()
    assert tampered.status_code == 400 and Application.objects.count() == 0
    assert REVIEW_EXPIRED in page and 'value="别的信息"' in page  # nothing typed is lost
    no_token = {**sent, "review_token": "", "confirm": "1"}
    assert client.post("/applications/apply/", no_token).status_code == 400
    forged = {**sent, "review_token": sent["review_token"][:-2] + "xx", "confirm": "1"}
    assert client.post("/applications/apply/", forged).status_code == 400
    assert Application.objects.count() == 0
    # The untouched confirmation still goes through.
    assert client.post("/applications/apply/", {**sent, "confirm": "1"}).status_code == 302


def test_an_invalid_entry_never_reaches_the_review_page(client, db, valid_id):
    response = client.post(
        "/applications/apply/",
        {
            **form_data(client, id_number=valid_id, phone="12"),
            "id_document": upload(),
            "review": "1",
        },
    )
    assert response.status_code == 400 and "<h1>核对申请内容</h1>" not in response.content.decode()
