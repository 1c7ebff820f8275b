"""依申请公开 officers in a real browser, by clicking only (issue 22): after the admin login page
no URL is typed. Cases are registered through 登记申请 and closed through the case page, one
per family of the 21 reply types (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理:
撤回, 逾期未补正, 逾期未缴费), and an online case goes through the officer's full journey.

The lapses need a deadline that has passed, which no click can make happen today: those two
cases are registered and noticed in the past through the services (as the demo cases are),
and the officer closes them by clicking. Clicks are counted (``Clicks``) and printed: the
main tasks' figures in the closing note come from here.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from core.rules.identifiers import resident_id_check_char
from disclosure.applications import roles, services
from disclosure.applications.models import Application, OfficeHeadApproval
from disclosure.applications.workflow import Action

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "officer-pass-2026"
FIRST17 = "15062719880101002"
ID_NUMBER = FIRST17 + resident_id_check_char(FIRST17)


@pytest.fixture
def staff(site_url, django_user_model):
    officer = django_user_model.objects.create_user(
        username="jingban", password=PASSWORD, first_name="晓明", last_name="李"
    )
    officer.groups.add(Group.objects.get(name="依申请公开经办"))
    admin = django_user_model.objects.create_user(username="guanli", password=PASSWORD)
    admin.groups.add(Group.objects.get(name="管理员"))
    head = django_user_model.objects.create_user(
        username="fuzeren", password=PASSWORD, first_name="国强", last_name="王"
    )
    head.groups.add(Group.objects.get(name="依申请公开负责人"))
    roles.approve(OfficeHeadApproval.objects.get(user=head, approved_at=None), admin)
    return {"officer": officer, "head": head}


class Clicks:
    """Counts the clicks (and checks, selects) of one task; typing is not counted."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def check(self, locator):
        self.count += 1
        locator.check()

    def select(self, locator, label):
        self.count += 1
        locator.select_option(label=label)


def open_menu_item(page, clicks, name):
    clicks.click(page.get_by_role("button", name="依申请公开"))
    clicks.click(page.get_by_role("link", name=name, exact=True))
    page.wait_for_load_state()


def register_case(page, title, clicks):
    """登记申请 through the sidebar: a 当面提交 application received today."""
    open_menu_item(page, clicks, "登记申请")
    page.wait_for_url("**/admin/applications/register/")
    clicks.select(page.get_by_label("申请渠道"), "当面提交")
    # 集约化: a platform-wide officer chooses the 受理机关 among the units.
    clicks.select(page.get_by_label("受理机关"), "伊金霍洛旗政务服务局")
    clicks.check(page.get_by_label("公民", exact=True))
    page.get_by_label("姓名", exact=True).fill("赵红梅")
    clicks.select(page.get_by_label("证件类型"), "居民身份证")
    page.get_by_label("证件号码").fill(ID_NUMBER)
    page.get_by_label("联系电话").fill("13904771234")
    page.get_by_label("所需信息的名称").fill(title)
    clicks.check(page.get_by_label("电子文档"))
    clicks.check(page.get_by_label("自行领取"))
    clicks.click(page.get_by_role("button", name="登记", exact=True))
    number = page.locator("#registered-number").inner_text()
    clicks.click(page.get_by_role("link", name="打开申请"))
    page.wait_for_url("**/admin/applications/*/")
    return number


def perform(page, clicks, action_label, *, reason="依法办理", fill=None, letter=True):
    """On the case page: the action's button, its form, then (when it sends one) the letter."""
    clicks.click(
        page.locator(".applications-actions").get_by_role("link", name=action_label, exact=True)
    )
    page.wait_for_url("**/action/**")
    reason_box = page.get_by_label("理由或说明")
    if not reason_box.input_value():
        reason_box.fill(reason)
    if fill:
        fill(page, clicks)
    if letter:
        clicks.click(page.get_by_role("button", name="生成告知书"))
        expect(page.get_by_role("heading", name="告知书（发送前可修改）")).to_be_visible()
        clicks.click(page.get_by_role("button", name=f"确认{action_label}并发送告知书"))
    else:
        label = action_label if action_label.startswith("确认") else f"确认{action_label}"
        clicks.click(page.get_by_role("button", name=label, exact=True))
    page.wait_for_url("**/admin/applications/*/")


def choose(*labels):
    def fill(page, clicks):
        for label in labels:
            clicks.check(page.get_by_label(label, exact=True))

    return fill


REPLIES = [
    ("予以公开", ["（一）予以公开"], "granted"),
    ("部分公开", ["（一）予以公开", "（三）不予公开 4.保护第三方合法权益"], "partially_granted"),
    ("不予公开", ["（三）不予公开 1.属于国家秘密"], "withheld_1"),
    ("无法提供", ["（四）无法提供 1.本机关不掌握相关政府信息"], "unavailable_1"),
    ("不予处理", ["（五）不予处理 1.信访举报投诉类申请"], "not_processed_1"),
]


def test_register_and_close_one_case_of_each_reply_family(page, site_url, staff, axe, staff_login):
    # The login page is the one URL typed; officers pass the second factor as a person does.
    staff_login(page, site_url, "jingban", PASSWORD)
    counts = {}
    for family, outcomes, code in REPLIES:
        register = Clicks(page)
        number = register_case(page, f"{family}测试信息", register)
        counts.setdefault("register", register.count)
        assert page.locator("#case-status").inner_text() == "办理中"
        # Registered by this officer: the name is shown in full to them.
        assert page.locator("#applicant-name").inner_text() == "赵红梅"
        reply = Clicks(page)
        perform(page, reply, "答复", fill=choose(*outcomes))
        counts.setdefault("reply", reply.count)
        assert page.locator("#case-status").inner_text() == "已办结"
        application = Application.objects.get(number=number)
        assert application.resolution == code, family
        assert application.letters.get().resolution == code
    # 撤回 (其他处理 3)
    withdraw = Clicks(page)
    number = register_case(page, "撤回测试信息", withdraw)
    perform(page, withdraw, "申请人撤回")
    assert Application.objects.get(number=number).resolution == "other_3"
    assert axe(page) == []
    print(f"\nclicks: register {counts['register']}, reply {counts['reply']}")
    assert counts["register"] <= 10 and counts["reply"] <= 6


def test_lapses_are_closed_by_clicking(page, site_url, staff, staff_login):
    officer = staff["officer"]
    today = timezone.localdate()
    long_ago = today - timedelta(days=90)

    def case(title):
        application, _ = services.create_application(
            {
                "applicant_type": "citizen",
                "name": "钱志刚",
                "id_type": "resident_id",
                "id_number": ID_NUMBER,
                "phone": "13904775678",
                "information_title": title,
                "medium": "paper",
                "delivery": "collect",
            },
            channel="in_person",
            actor=officer,
            received_on=long_ago,
            officer=officer,
        )
        return application

    correction = case("逾期未补正测试信息")
    services.perform(
        correction,
        Action.REQUEST_CORRECTION,
        actor=officer,
        reason="不明确",
        effective_on=long_ago + timedelta(days=1),
        correction_deadline=long_ago + timedelta(days=15),
    )
    fee = case("逾期未缴费测试信息")
    services.perform(
        fee,
        Action.SEND_FEE_NOTICE,
        actor=officer,
        reason="超过免费页数",
        effective_on=long_ago + timedelta(days=1),
        scale="by_pages",
        pages=150,
    )
    staff_login(page, site_url, "jingban", PASSWORD)
    for application, label, code in [
        (correction, "逾期未补正", "other_1"),
        (fee, "逾期未缴费", "other_2"),
    ]:
        clicks = Clicks(page)
        open_menu_item(page, clicks, "办理队列")
        clicks.click(page.get_by_role("link", name=application.number))
        page.wait_for_url(f"**/admin/applications/{application.pk}/")
        perform(page, clicks, label)
        application.refresh_from_db()
        assert (application.status, application.resolution) == ("closed", code)
        assert "视为您放弃申请" in application.letters.get(kind="reply").body


def test_the_officers_full_journey(page, site_url, staff, axe, staff_login):
    """An online application: confirmed, assigned by the head, corrected, consulted, charged,
    paid, answered and archived, all by clicking."""
    application, _ = services.submit_online(
        {
            "applicant_type": "citizen",
            "name": "孙丽",
            "id_type": "resident_id",
            "id_number": ID_NUMBER,
            "phone": "13904779876",
            "email": "sunli@example.com",
            "information_title": "2025年政府采购合同",
            "medium": "electronic",
            "delivery": "email",
        },
        document=services.UploadedDocument("image/png", b"x"),
        client_hash="test",
    )
    staff_login(page, site_url, "fuzeren", PASSWORD)
    clicks = Clicks(page)
    open_menu_item(page, clicks, "办理队列")
    clicks.click(page.get_by_role("link", name=application.number))
    page.wait_for_url(f"**/admin/applications/{application.pk}/")
    perform(page, clicks, "确认受理", letter=False)
    assert page.locator("#case-status").inner_text() == "办理中"

    def pick_officer(page, clicks):
        clicks.select(page.get_by_label("经办人"), "李晓明（jingban）")

    perform(page, clicks, "分配经办人", fill=pick_officer, letter=False)
    assert page.locator("#case-officer").inner_text() == "李晓明（jingban）"

    # The officer the head assigned may now see the applicant's data in full.
    application.refresh_from_db()
    assert application.officer_assigned_by_head

    def correction(page, clicks):
        page.get_by_label("补正期限").fill((timezone.localdate() + timedelta(days=14)).isoformat())
        page.get_by_label("需要补正的事项").fill("请写明合同的签订年份。")

    perform(page, clicks, "告知补正", fill=correction)
    assert page.locator("#case-status").inner_text() == "待补正"
    assert (
        "待申请人补正（答复期限自收到补正之日起重新计算）" in page.locator("#case-due").inner_text()
    )
    perform(page, clicks, "收到补正", letter=False)

    def consultee(page, clicks):
        page.get_by_label("征求意见的对象").fill("某建设有限公司")

    perform(page, clicks, "征求意见", fill=consultee)
    assert page.locator("#case-status").inner_text() == "征求意见中"
    perform(page, clicks, "征求意见结束", letter=False)

    def fee(page, clicks):
        clicks.check(page.get_by_role("radio", name="按量计收"))
        page.get_by_label("页数（按量计收时填写）").fill("120")

    perform(page, clicks, "发出收费通知", fill=fee)
    assert page.locator("#case-status").inner_text() == "待缴费"
    perform(page, clicks, "已缴费", letter=False)
    perform(page, clicks, "答复", fill=choose("（一）予以公开"))
    perform(page, clicks, "归档", letter=False)
    assert page.locator("#case-status").inner_text() == "已归档"
    assert axe(page) == []
    application.refresh_from_db()
    assert application.status == "archived" and application.fee_paid_on is not None
    kinds = sorted(application.letters.values_list("kind", flat=True))
    assert kinds == ["consultation", "correction", "fee", "reply"]
    print(f"\nclicks: officer's full journey {clicks.count}")
