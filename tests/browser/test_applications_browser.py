"""依申请公开 in a real browser: submit an application with the keyboard-and-label way a
screen-reader user would, read the receipt, look the status up; and the same without
JavaScript, recovering from a validation error without retyping anything."""

import io
import re

import pytest
from captcha.models import CaptchaStore
from PIL import Image
from playwright.sync_api import expect

from core.rules.identifiers import resident_id_check_char
from disclosure.applications.models import Application

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIRST17 = "15062719850312001"
VALID_ID = FIRST17 + resident_id_check_char(FIRST17)


@pytest.fixture
def id_scan(tmp_path):
    path = tmp_path / "身份证.png"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (230, 230, 230)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def answer_captcha(page):
    key = page.locator("input[name=captcha_0]").get_attribute("value")
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)


def fill_citizen_form(page, id_number, id_scan):
    page.get_by_label("公民", exact=True).check()
    page.get_by_label("姓名").fill("王建国")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill(id_number)
    page.get_by_label("身份证明或营业执照等证照的扫描件或照片").set_input_files(id_scan)
    page.get_by_label("联系电话").fill("13904770001")
    page.get_by_label("电子邮箱").fill("wang@example.com")
    page.get_by_label("所需信息的名称").fill("2024年政务服务事项清单")
    page.get_by_label("电子文档").check()
    page.get_by_label("电子邮件", exact=True).check()
    answer_captcha(page)


def test_apply_read_receipt_and_look_up_status(page, site_url, axe, id_scan):
    page.goto(site_url + "/applications/")
    page.get_by_role("link", name="在线提交政府信息公开申请").click()
    page.wait_for_url("**/applications/apply/")
    assert page.get_by_role("heading", level=1).inner_text() == "提交政府信息公开申请"
    assert axe(page) == []
    fill_citizen_form(page, VALID_ID, id_scan)
    before = Application.objects.count()
    page.get_by_role("button", name="下一步：核对申请内容").click()
    # 核对: what was entered, nothing registered yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("核对申请内容")
    review = page.get_by_role("region", name="您填写的申请内容")
    expect(review).to_contain_text("王建国")
    expect(review).to_contain_text("2024年政务服务事项清单")
    assert Application.objects.count() == before
    assert axe(page) == []
    page.get_by_role("button", name="确认提交").click()
    page.wait_for_url("**/applications/receipt/")
    assert axe(page) == []
    number = page.locator("#receipt-number").inner_text()
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"YSQ\d{4}-\d{5}", number)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert "王**" in page.content() and VALID_ID not in page.content()
    application = Application.objects.get(number=number)
    assert application.status == "awaiting_confirmation" and application.id_number == VALID_ID

    page.get_by_role("link", name="查询办理进度").click()
    page.wait_for_url("**/applications/status/")
    assert axe(page) == []
    page.get_by_label("受理编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/applications/status/{number}/")
    assert page.locator("#current-status").inner_text() == "待确认"
    assert "2024年政务服务事项清单" in page.content()
    assert axe(page) == []


def test_form_works_without_javascript_and_keeps_input(page, site_url, id_scan):
    context = page.context.browser.new_context(java_script_enabled=False, locale="zh-CN")
    plain = context.new_page()
    plain.goto(site_url + "/applications/apply/")
    wrong = VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1")
    fill_citizen_form(plain, wrong, id_scan)
    plain.get_by_role("button", name="下一步：核对申请内容").click()
    plain.wait_for_load_state()
    alert = plain.get_by_role("alert").first
    assert "居民身份证号码校验位不正确" in alert.inner_text()
    # Everything typed is still there, the upload is kept, the error links to its field.
    assert plain.get_by_label("所需信息的名称").input_value() == "2024年政务服务事项清单"
    assert plain.get_by_label("联系电话").input_value() == "13904770001"
    assert plain.get_by_text("已收到您上传的文件，无需重新选择").is_visible()
    assert plain.get_by_label("证件号码").get_attribute("aria-invalid") == "true"
    plain.get_by_label("证件号码").fill(VALID_ID)
    answer_captcha(plain)
    plain.get_by_role("button", name="下一步：核对申请内容").click()
    # 返回修改 from 核对 brings the form back as entered, the upload kept.
    plain.get_by_role("button", name="返回修改").click()
    plain.wait_for_load_state()
    assert plain.get_by_label("证件号码").input_value() == VALID_ID
    assert plain.get_by_text("已收到您上传的文件，无需重新选择").is_visible()
    plain.get_by_label("备注（选填）").fill("请发送电子版。")
    answer_captcha(plain)
    plain.get_by_role("button", name="下一步：核对申请内容").click()
    assert "请发送电子版。" in plain.get_by_role("region", name="您填写的申请内容").inner_text()
    plain.get_by_role("button", name="确认提交").click()
    plain.wait_for_url("**/applications/receipt/")
    number = plain.locator("#receipt-number").inner_text()
    application = Application.objects.get(number=number)
    assert application.id_number == VALID_ID and application.identity_document.size > 0
    context.close()
