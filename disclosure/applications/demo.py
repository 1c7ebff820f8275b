"""Demo applications: 45 cases from 2024 to 2026, in every state, with most reply types.

Each case goes through the real workflow (services.create_application and services.perform),
each event recorded with the time it happened (``submitted_at=``, ``at=``), so its log,
letters, pauses and deadlines are what the officers' side would have produced. The people
and organisations are invented; their ID numbers and 统一社会信用代码 carry valid check
characters. Idempotent: a case whose demo key is already
in the database is skipped.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from core.rules.deadlines import reply_due_date
from core.rules.identifiers import resident_id_check_char, uscc_check_char
from core.rules.working_days import CalendarYearMissing
from disclosure.calendar import working_calendar

from . import letters, services
from .models import Application
from .workflow import Action

DEMO_MARK = "【演示数据】"

CITIZENS = [
    ("王建国", "150627", "19750312", "012"),
    ("李秀英", "150627", "19820605", "024"),
    ("张伟", "150602", "19900118", "037"),
    ("刘芳", "150627", "19680923", "048"),
    ("陈晓东", "150603", "19951130", "051"),
    ("乌云其木格", "150627", "19870704", "062"),
    ("赵敏", "110105", "19790228", "073"),
]
ORGANISATIONS = [
    ("鄂尔多斯市恒信煤炭运销有限公司", "commercial", "91150627MA0N3K8X1"),
    ("内蒙古草原生态研究院", "research", "52150600MJ0Y7L2Q3"),
    ("伊金霍洛旗助老公益服务中心", "public_interest", "52150627MJ1A2B3C4"),
    ("内蒙古正和律师事务所", "legal_service", "31150000MD0123456"),
    ("伊金霍洛旗阿勒腾席热镇某村股份经济合作社", "other", "N2150627MF0987654"),
]

TITLES = [
    "2023年度政务服务中心窗口人员招聘公告及录用名单",
    "伊金霍洛旗政务服务事项清单（2024年版）",
    "政务服务“一网通办”平台建设项目合同",
    "2024年部门预算中“政务服务能力提升”专项经费明细",
    "企业开办“一件事”办理流程规定",
    "关于优化营商环境的实施方案起草过程中的征求意见稿",
    "某企业行政处罚案卷",
    "本人2019年不动产登记资料",
    "政务服务中心大厅租赁合同",
    "2022年度政府信息公开工作年度报告",
    "12345热线2023年工单处理情况统计",
    "政务服务好差评结果及整改情况",
    "某小区物业服务投诉处理结果",
    "政务服务中心2024年第一季度办件量统计表",
    "关于进一步规范证明事项的通知",
]

# (key, submitted, channel, applicant, title, steps). applicant: ("c", i) or ("o", i).
# Steps: (action, working days after the previous step, extra...). For online cases the first
# step is the confirmation; offsets count from the receipt date.
S = [
    # ---- 2024 ----
    (
        "2024-01",
        date(2024, 1, 8),
        "in_person",
        ("c", 0),
        0,
        [("reply", 12, ["granted"]), ("archive", 5)],
    ),
    (
        "2024-02",
        date(2024, 2, 26),
        "online",
        ("c", 1),
        1,
        [("confirm", 1), ("reply", 15, ["granted", "withheld_4"]), ("archive", 10)],
    ),
    (
        "2024-03",
        date(2024, 3, 18),
        "registered_post",
        ("o", 0),
        2,
        [
            ("consult", 5, "third_party", "内蒙古某信息技术有限公司"),
            ("consult_end", 10),
            ("reply", 8, ["withheld_4"]),
            ("archive", 5),
        ],
    ),
    (
        "2024-04",
        date(2024, 4, 15),
        "email",
        ("c", 2),
        3,
        [("reply", 18, ["granted"]), ("archive", 5)],
    ),
    (
        "2024-05",
        date(2024, 5, 20),
        "online",
        ("c", 3),
        4,
        [("confirm", 2), ("correction", 3, 15), ("correction_lapsed", 17), ("archive", 3)],
    ),
    (
        "2024-06",
        date(2024, 6, 11),
        "in_person",
        ("o", 1),
        5,
        [("reply", 10, ["withheld_6"]), ("archive", 5)],
    ),
    (
        "2024-07",
        date(2024, 7, 8),
        "ordinary_post",
        ("o", 3),
        6,
        [("reply", 14, ["withheld_7"]), ("archive", 5)],
    ),
    (
        "2024-08",
        date(2024, 8, 19),
        "in_person",
        ("c", 4),
        7,
        [("reply", 3, ["withheld_8"]), ("archive", 5)],
    ),
    (
        "2024-09",
        date(2024, 9, 9),
        "fax",
        ("o", 0),
        8,
        [("reply", 15, ["withheld_2"]), ("archive", 5)],
    ),
    (
        "2024-10",
        date(2024, 10, 14),
        "online",
        ("c", 5),
        9,
        [("confirm", 1), ("reply", 5, ["not_processed_3"]), ("archive", 5)],
    ),
    (
        "2024-11",
        date(2024, 11, 4),
        "email",
        ("o", 2),
        10,
        [("extend", 15, 10), ("reply", 20, ["unavailable_2"]), ("archive", 5)],
    ),
    (
        "2024-12",
        date(2024, 11, 25),
        "in_person",
        ("c", 6),
        11,
        [("fee", 10, "by_pages", 150), ("paid", 5), ("reply", 6, ["granted"]), ("archive", 5)],
    ),
    (
        "2024-13",
        date(2024, 12, 16),
        "online",
        ("c", 0),
        12,
        [("confirm", 1), ("reply", 16, ["not_processed_1"]), ("archive", 5)],
    ),  # into 2025
    (
        "2024-14",
        date(2024, 12, 20),
        "registered_post",
        ("o", 4),
        13,
        [("reply", 19, ["granted"]), ("archive", 5)],
    ),  # carried over into 2025
    ("2024-15", date(2024, 12, 2), "online", ("c", 1), 14, [("discard", 4)]),
    # ---- 2025 ----
    (
        "2025-01",
        date(2025, 1, 13),
        "in_person",
        ("c", 2),
        0,
        [("reply", 8, ["not_processed_2"]), ("archive", 5)],
    ),
    (
        "2025-02",
        date(2025, 1, 22),
        "online",
        ("c", 3),
        1,
        [
            ("confirm", 1),
            ("correction", 5, 15),
            ("corrected", 6),
            ("reply", 12, ["unavailable_3"]),
            ("archive", 5),
        ],
    ),
    (
        "2025-03",
        date(2025, 3, 3),
        "email",
        ("o", 1),
        2,
        [
            ("consult", 4, "other_agency", "伊金霍洛旗财政局"),
            ("consult_end", 12),
            ("extend", 10, 15),
            ("reply", 20, ["partially_granted"]),
            ("archive", 5),
        ],
    ),
    (
        "2025-04",
        date(2025, 3, 24),
        "in_person",
        ("c", 4),
        3,
        [("reply", 15, ["granted"]), ("archive", 5)],
    ),
    (
        "2025-05",
        date(2025, 4, 14),
        "online",
        ("c", 5),
        4,
        [("confirm", 1), ("reply", 9, ["unavailable_1"]), ("archive", 5)],
    ),
    (
        "2025-06",
        date(2025, 5, 12),
        "ordinary_post",
        ("o", 2),
        5,
        [("reply", 17, ["withheld_5"]), ("archive", 5)],
    ),
    (
        "2025-07",
        date(2025, 6, 9),
        "online",
        ("c", 6),
        6,
        [("confirm", 2), ("fee", 8, "by_pages", 260), ("fee_lapsed", 22), ("archive", 3)],
    ),
    (
        "2025-08",
        date(2025, 7, 7),
        "in_person",
        ("o", 0),
        7,
        [("reply", 12, ["not_processed_4"]), ("archive", 5)],
    ),
    (
        "2025-09",
        date(2025, 8, 4),
        "fax",
        ("c", 0),
        8,
        [("reply", 10, ["withheld_3"]), ("archive", 5)],
    ),
    (
        "2025-10",
        date(2025, 9, 15),
        "online",
        ("c", 1),
        9,
        [("confirm", 1), ("reply", 6, ["not_processed_5"]), ("archive", 5)],
    ),
    (
        "2025-11",
        date(2025, 9, 26),
        "registered_post",
        ("o", 3),
        10,
        [("reply", 18, ["granted"]), ("archive", 5)],
    ),
    ("2025-12", date(2025, 10, 20), "email", ("c", 2), 11, [("withdraw", 6)]),
    (
        "2025-13",
        date(2025, 11, 10),
        "in_person",
        ("o", 4),
        12,
        [("reply", 14, ["withheld_1"]), ("archive", 5)],
    ),
    (
        "2025-14",
        date(2025, 12, 15),
        "online",
        ("c", 3),
        13,
        [("confirm", 1), ("reply", 17, ["granted"]), ("archive", 5)],
    ),  # into 2026
    (
        "2025-15",
        date(2025, 12, 22),
        "in_person",
        ("o", 1),
        14,
        [
            ("consult", 3, "third_party", "伊金霍洛旗某商贸有限公司"),
            ("consult_end", 15),
            ("reply", 10, ["granted", "withheld_4"]),
        ],
    ),  # carried over into 2026, closed
    # ---- 2026 ----
    (
        "2026-01",
        date(2026, 1, 12),
        "in_person",
        ("c", 4),
        0,
        [("reply", 9, ["granted"]), ("archive", 5)],
    ),
    (
        "2026-02",
        date(2026, 2, 9),
        "online",
        ("c", 5),
        1,
        [("confirm", 1), ("reply", 14, ["unavailable_1"]), ("archive", 5)],
    ),
    (
        "2026-03",
        date(2026, 3, 16),
        "email",
        ("o", 0),
        2,
        [("fee", 9, "by_pages", 120), ("paid", 4), ("reply", 6, ["granted"]), ("archive", 5)],
    ),
    (
        "2026-04",
        date(2026, 4, 20),
        "registered_post",
        ("c", 6),
        3,
        [("reply", 16, ["withheld_6"]), ("archive", 5)],
    ),
    (
        "2026-05",
        date(2026, 5, 18),
        "online",
        ("o", 2),
        4,
        [("confirm", 1), ("correction", 4, 15), ("correction_lapsed", 17)],
    ),
    ("2026-06", date(2026, 6, 15), "in_person", ("c", 0), 5, [("reply", 11, ["other_3"])]),
    ("2026-07", date(2026, 7, 20), "fax", ("o", 3), 6, [("reply", 13, ["granted"])]),
    (
        "2026-08",
        date(2026, 9, 14),
        "online",
        ("c", 1),
        7,
        [("confirm", 1), ("reply", 8, ["withheld_8"])],
    ),
    ("2026-09", date(2026, 10, 19), "in_person", ("c", 2), 8, [("assign", 0)]),  # open and overdue
    (
        "2026-10",
        date(2026, 10, 28),
        "online",
        ("o", 4),
        9,
        [("confirm", 1), ("extend", 12, 20)],
    ),  # open, extended
    (
        "2026-11",
        date(2026, 11, 2),
        "registered_post",
        ("o", 1),
        10,
        [("consult", 3, "third_party", "内蒙古某工程咨询有限公司")],
    ),  # consulting
    (
        "2026-12",
        date(2026, 11, 9),
        "online",
        ("c", 3),
        11,
        [("confirm", 1), ("correction", 3, 15)],
    ),  # awaiting correction
    (
        "2026-13",
        date(2026, 11, 10),
        "in_person",
        ("c", 4),
        12,
        [("fee", 6, "by_pages", 45)],
    ),  # awaiting payment
    ("2026-14", date(2026, 11, 20), "email", ("c", 5), 13, [("assign", 0)]),  # accepted
    ("2026-15", date(2026, 11, 25), "online", ("c", 6), 14, []),  # awaiting confirmation
    ("2026-16", date(2026, 11, 26), "online", ("o", 0), 0, []),  # awaiting confirmation
]


def _citizen(i):
    name, region, birth, seq = CITIZENS[i]
    first17 = region + birth + seq
    return {
        "applicant_type": "citizen",
        "name": name,
        "id_type": "resident_id",
        "id_number": first17 + resident_id_check_char(first17),
        "work_unit": "",
        "phone": f"1390477{i:04d}",
        "email": f"applicant{i}@example.com",
        "address": f"内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇示例路{i + 1}号",
        "postcode": "017200",
    }


def _organisation(i):
    name, kind, first17 = ORGANISATIONS[i]
    return {
        "applicant_type": "organisation",
        "organisation_kind": kind,
        "name": name,
        "id_type": "uscc",
        "id_number": first17 + uscc_check_char(first17),
        "legal_representative": "高某某",
        "contact_person": "孙经理",
        "phone": f"0477-86{i:05d}",
        "email": f"org{i}@example.com",
        "address": f"内蒙古自治区鄂尔多斯市伊金霍洛旗示例大街{i + 10}号",
        "postcode": "017200",
    }


def _users():
    User = get_user_model()
    officer, created = User.objects.get_or_create(
        username="demo_officer",
        defaults={"first_name": "经办人", "last_name": "演示", "email": "officer@example.com"},
    )
    if created:
        officer.set_unusable_password()
        officer.save()
        officer.groups.add(Group.objects.get(name="依申请公开经办"))
    head, created = User.objects.get_or_create(
        username="demo_head",
        defaults={"first_name": "负责人", "last_name": "演示", "email": "head@example.com"},
    )
    if created:
        head.set_unusable_password()
        head.save()
        head.groups.add(Group.objects.get(name="依申请公开负责人"))
    return officer, head


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _letter(day, letter_kind, application, **params):
    try:
        title, body = letters.draft(letter_kind, application, letter_date=day, **params)
    except CalendarYearMissing:
        return None
    return services.LetterDraft(letter_kind, title, body, params.get("consultee", application.name))


REASONS = {
    "confirm": "已电话联系申请人，双方确认收到申请",
    "correction": "申请内容不明确，一次性告知补正",
    "corrected": "收到申请人补正的申请",
    "correction_lapsed": "申请人无正当理由逾期未补正",
    "consult": "申请公开的信息涉及第三方合法权益，书面征求意见",
    "consult_end": "收到书面意见",
    "extend": "需要调取归档材料，经机构负责人同意延期答复",
    "fee": "申请内容超过109号文件规定的免费页数",
    "paid": "申请人已缴纳信息处理费",
    "fee_lapsed": "申请人逾期未缴纳信息处理费",
    "reply": "依法答复",
    "withdraw": "申请人书面撤回申请",
    "archive": "办结材料整理归档",
    "discard": "重复提交的网上申请（已另行受理），不予登记",
    "assign": "分配经办人",
}


def _run(spec, officer, head, calendar):
    key, submitted, channel, (kind, index), title_index, steps = spec
    fields = _citizen(index) if kind == "c" else _organisation(index)
    fields.update(
        information_title=TITLES[title_index],
        document_number="",
        description="",
        medium="electronic" if fields["email"] else "paper",
        delivery="email",
        remarks=f"{DEMO_MARK}{key}",
    )
    online = channel == "online"
    application, _code = services.create_application(
        fields,
        channel=channel,
        actor=None if online else officer,
        received_on=None if online else submitted,
        officer=None if online else officer,
        submitted_at=_at(submitted),
    )
    day = submitted
    for step in steps:
        name, offset, *extra = step
        day = calendar.add_working_days(day, offset)
        if day > timezone.localdate():
            break
        actor = head if name == "extend" else officer
        options = {}
        letter = None
        if name == "confirm":
            action = Action.CONFIRM
            options["received_on"] = day
        elif name == "assign":
            action, options["officer"] = Action.ASSIGN, officer
        elif name == "correction":
            action = Action.REQUEST_CORRECTION
            options["correction_deadline"] = calendar.add_working_days(day, extra[0])
            letter = _letter(
                day,
                "correction",
                application,
                correction_deadline=options["correction_deadline"],
                what_to_correct="请写明所需信息的制作年份和发文机关。",
            )
        elif name == "corrected":
            action = Action.RECEIVE_CORRECTION
        elif name == "correction_lapsed":
            action = Action.CORRECTION_LAPSED
            application.refresh_from_db()
            day = max(day, calendar.add_working_days(application.correction_deadline, 1))
            letter = _letter(day, "reply", application, resolution="other_1")
        elif name == "consult":
            action = Action.START_CONSULTATION
            options.update(kind=extra[0], consultee=extra[1])
            letter = _letter(
                day,
                "consultation",
                application,
                kind=extra[0],
                consultee=extra[1],
                reply_due_on=calendar.add_working_days(day, 15),
            )
        elif name == "consult_end":
            action, options["opinion"] = Action.END_CONSULTATION, "不同意公开其中涉及经营数据的部分"
        elif name == "extend":
            action, options["days"] = Action.EXTEND, extra[0]
            facts = application.clock_facts()
            new_due = reply_due_date(
                calendar,
                facts.received_on,
                corrected_on=facts.corrected_on,
                paused=facts.paused,
                extension_days=extra[0],
            )
            letter = _letter(
                day,
                "extension",
                application,
                days=extra[0],
                new_due=new_due,
                reason="需要调取归档材料",
            )
        elif name == "fee":
            action = Action.SEND_FEE_NOTICE
            options.update(scale=extra[0], pages=extra[1])
            amount, _ = services.fee_amount(application, extra[0], pages=extra[1])
            letter = _letter(
                day,
                "fee",
                application,
                amount=f"{amount:.2f}",
                basis=f"按量计收，共{extra[1]}页",
                payment_method="凭本通知到政务公开窗口缴纳",
                fee_due_on=calendar.add_working_days(day, 20),
            )
        elif name == "paid":
            action = Action.RECORD_PAYMENT
        elif name == "fee_lapsed":
            action = Action.PAYMENT_LAPSED
            application.refresh_from_db()
            day = max(day, calendar.add_working_days(application.fee_due_on, 1))
            letter = _letter(day, "reply", application, resolution="other_2")
        elif name == "reply":
            action = Action.REPLY
            from .workflow import reply_type

            options["resolution"] = reply_type(extra[0])
            letter = _letter(day, "reply", application, resolution=options["resolution"])
        elif name == "withdraw":
            action = Action.WITHDRAW
            letter = _letter(day, "reply", application, resolution="other_3")
        elif name == "archive":
            action = Action.ARCHIVE
        elif name == "discard":
            action = Action.DISCARD
        if day > timezone.localdate():
            break
        resolution = options.pop("resolution", None)
        services.perform(
            application,
            action,
            actor=actor,
            reason=REASONS[name],
            effective_on=day,
            resolution=resolution,
            letter=letter,
            at=_at(day),
            **options,
        )
        application.refresh_from_db()
    return application


def seed(stdout=None):
    calendar = working_calendar()
    officer, head = _users()
    existing = set(
        Application.objects.filter(remarks__startswith=DEMO_MARK).values_list("remarks", flat=True)
    )
    created = 0
    for spec in S:
        if f"{DEMO_MARK}{spec[0]}" in existing:
            continue
        try:
            with transaction.atomic(), services.silent_notifications():
                _run(spec, officer, head, calendar)
        except CalendarYearMissing as error:
            if stdout is not None:
                stdout.write(f"演示申请 {spec[0]} 未创建：{error}")
            continue
        created += 1
    if stdout is not None:
        stdout.write(f"依申请公开演示数据：新建 {created} 件申请（共 {len(S)} 件）。")
    return created
