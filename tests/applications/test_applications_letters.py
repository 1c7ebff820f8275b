"""Letters: one reply letter per reply type with its legal basis and the 救济告知, the other
notices, and editing the draft before it is sent."""

from datetime import date

import pytest

from core.rules.annual_report import TABLE3_ROW_BY_CODE
from disclosure.applications import letters, services, workflow
from disclosure.applications.models import Letter
from disclosure.applications.workflow import Action

# The article each reply letter must cite (from the decision paragraphs' legal basis).
CITED = {
    "granted": "第三十六条第（一）项",
    "partially_granted": "第三十七条",
    "withheld_1": "第十四条",
    "withheld_2": "第十四条",
    "withheld_3": "第十四条",
    "withheld_4": "第十五条",
    "withheld_5": "第十六条第一款",
    "withheld_6": "第十六条第二款",
    "withheld_7": "第十六条第二款",
    "withheld_8": "第三十六条第（七）项",
    "unavailable_1": "第三十六条第（四）项",
    "unavailable_2": "第三十八条",
    "unavailable_3": "第三十条",
    "not_processed_1": "第三十九条第一款",
    "not_processed_2": "第三十六条第（六）项",
    "not_processed_3": "第三十九条第二款",
    "not_processed_4": "第三十五条",
    "not_processed_5": "政府信息公开条例",
    "other_1": "第三十条",
    "other_2": "第四十二条",
    "other_3": "",
}


def test_every_reply_type_has_its_reviewed_wording():
    texts = letters.letter_texts()
    assert set(texts["reply_types"]) == set(workflow.RESOLUTIONS)
    assert set(CITED) == set(workflow.RESOLUTIONS)
    for code in workflow.RESOLUTIONS:
        wording = letters.reply_wording(code)
        assert wording["decision"] and wording["basis"] and wording["remedy_basis"]
    # 部分公开 contains a refusal: the same 复议前置 wording as 不予公开 (行政复议法 Art.23).
    assert (
        letters.reply_wording("partially_granted")["remedy"]
        == (letters.reply_wording("withheld_1")["remedy"])
    )
    assert "第二十三条" in letters.reply_wording("partially_granted")["remedy_basis"]
    assert letters.reply_wording("unavailable_1")["remedy_kind"] == "review_or_court"


@pytest.mark.parametrize("code", workflow.RESOLUTIONS)
def test_reply_letter_per_type(code, make_application):
    application = make_application(received_on=date(2025, 3, 3), name="李秀英")
    title, body = letters.draft("reply", application, resolution=code)
    assert title == "政府信息公开申请答复书"
    assert application.number in body and "李秀英：" in body
    assert "2025年3月3日收到" in body
    assert CITED[code] in body
    # The statutory article recorded for the Table 3 row appears in the letter when it has one.
    article = TABLE3_ROW_BY_CODE[code].article
    if article:
        assert article.split("、")[0].split("第（")[0] in body
    assert "申请行政复议" in body  # 救济告知 on every reply
    if code.startswith("withheld_") or code == "partially_granted":
        assert "应当先申请行政复议，不能直接提起行政诉讼" in body  # 复议前置
        assert "六个月内" not in body
    else:
        assert "六个月内" in body and "提起行政诉讼" in body


def test_lapse_letters_quote_the_dates(make_application, officer):
    application = make_application(received_on=date(2025, 3, 3))
    services.perform(
        application,
        Action.REQUEST_CORRECTION,
        actor=officer,
        reason="不明确",
        effective_on=date(2025, 3, 5),
        correction_deadline=date(2025, 3, 21),
    )
    application.refresh_from_db()
    _, body = letters.draft("reply", application, resolution="other_1")
    assert "2025年3月5日一次性告知" in body and "补正期限为2025年3月21日" in body


def test_other_notices(make_application):
    application = make_application(received_on=date(2025, 3, 3))
    title, body = letters.draft(
        "correction",
        application,
        correction_deadline=date(2025, 3, 20),
        what_to_correct="请写明文件的发文年份。",
    )
    assert title == "补正申请告知书" and "第三十条" in body and "请写明文件的发文年份。" in body
    assert "2025年3月20日前补正" in body and "视为放弃申请" in body
    title, body = letters.draft(
        "extension", application, days=15, reason="需要调取档案", new_due=date(2025, 4, 22)
    )
    assert title == "延期答复告知书" and "延长15个工作日" in body and "第三十三条" in body
    assert "2025年4月22日前答复" in body
    title, body = letters.draft(
        "consultation",
        application,
        kind="third_party",
        consultee="某公司",
        reply_due_on=date(2025, 3, 31),
    )
    assert "第三十二条" in body and "某公司：" in body and "15个工作日" in body
    assert application.name not in body  # the applicant stays anonymous to the third party
    title, body = letters.draft(
        "fee",
        application,
        amount="1700.00",
        basis="按量计收，共150页",
        fee_due_on=date(2025, 4, 1),
        payment_method="窗口缴纳",
    )
    assert title.endswith("收费通知") and "1700.00元" in body and "国办函〔2020〕109号" in body


def test_letter_is_edited_before_sending(client, make_application, officer):
    application = make_application(received_on=date(2025, 3, 3))
    client.force_login(officer)
    url = f"/admin/applications/{application.pk}/action/reply/"
    facts = {
        "effective_on": "2025-03-20",
        "reason": "依法答复",
        "outcomes": ["granted", "withheld_4"],
        "step": "facts",
    }
    draft = client.post(url, facts)
    assert draft.status_code == 200
    body = draft.context["letter_form"].initial["body"]
    assert "第三十七条" in body  # granted + withheld: 部分公开 takes precedence
    assert Letter.objects.count() == 0  # nothing sent yet
    edited = body.replace("（请说明不予公开部分的内容和理由）", "第3页涉及商业秘密，不予公开。")
    response = client.post(
        url,
        {
            **facts,
            "step": "letter",
            "title": "政府信息公开申请答复书",
            "body": edited,
            "recipient": "王建国",
        },
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert "第3页涉及商业秘密，不予公开。" in letter.body
    assert letter.resolution == "partially_granted" and letter.sent_at
    application.refresh_from_db()
    assert application.resolution == "partially_granted"
    printable = client.get(f"/admin/applications/{application.pk}/letters/{letter.pk}/")
    assert "第3页涉及商业秘密" in printable.content.decode()
    docx = client.get(f"/admin/applications/{application.pk}/letters/{letter.pk}/?format=docx")
    assert docx.content[:2] == b"PK"  # a Word (zip) document


def test_the_office_reviews_the_wording_in_the_admin(client, officer):
    client.force_login(officer)
    page = client.get("/admin/applications/letter-wording/").content.decode()
    for code in workflow.RESOLUTIONS:
        assert f'id="wording-{code}"' in page
    row = page.split('id="wording-partially_granted"')[1].split("</tr>")[0]
    assert "复议前置" in row and "第二十三条" in row and "第三十七条" in row
