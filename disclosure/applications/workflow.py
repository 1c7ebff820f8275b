"""The statutory workflow of one application (政府信息公开条例 Art.29-45), as plain data.

Two questions, two fields (the froide idea):

- ``Status``: where the application is in the process now;
- ``Resolution``: how it ended — exactly one of the 21 result rows of the annual report's
  Table 3 (core.rules.annual_report.RESULT_ROW_CODES), set when it is closed.

An ``Action`` moves an application from one of its allowed source statuses to its target
status. ``check(action, status, ...)`` refuses anything else with a clear Chinese message.
This module knows nothing of Django or requests; services.py applies the actions to the
database and writes the transition log (who, when, why).

    awaiting_confirmation --confirm--> accepted             (online: Art.31 both sides confirm)
                          --discard--> discarded            (never became an application)
    accepted --request_correction--> awaiting_correction    (Art.30, once, within 7 wd)
    awaiting_correction --receive_correction--> accepted    (clock restarts in full)
                        --correction_lapsed--> closed       ((六)1, 视为放弃)
    accepted --start_consultation--> consulting             (Art.32/34, clock paused)
    consulting --record_consultee_receipt--> consulting     (the consultee's 15 wd start)
    consulting --end_consultation--> accepted
    accepted --extend--> accepted                           (Art.33, office head, <= +20 wd)
    accepted --send_fee_notice--> awaiting_payment          (109号)
    awaiting_payment --record_fee_notice_receipt--> awaiting_payment  (the 20 wd to pay start)
    awaiting_payment --record_payment--> accepted
                     --payment_lapsed--> closed             ((六)2, 视为放弃)
    accepted --reply--> closed                              (one reply type, Art.36-39)
    accepted/awaiting_*/consulting --withdraw--> closed     ((六)3, applicant withdraws)
    closed --archive--> archived                            (Art.45 归档)
    any received case --assign--> itself                    (closed/archived: office head only)

``check_status`` answers "can this action be taken now?" (what the case page lists);
``check`` also checks the reply type the action closes the case with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from core.rules.annual_report import RESULT_ROW_CODES, TABLE3_ROW_BY_CODE
from core.workflow import TransitionNotAllowed, rule_for


class Status(StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    ACCEPTED = "accepted"
    AWAITING_CORRECTION = "awaiting_correction"
    CONSULTING = "consulting"
    AWAITING_PAYMENT = "awaiting_payment"
    CLOSED = "closed"
    ARCHIVED = "archived"
    DISCARDED = "discarded"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.AWAITING_CONFIRMATION: "待确认",
    Status.ACCEPTED: "办理中",
    Status.AWAITING_CORRECTION: "待补正",
    Status.CONSULTING: "征求意见中",
    Status.AWAITING_PAYMENT: "待缴费",
    Status.CLOSED: "已办结",
    Status.ARCHIVED: "已归档",
    Status.DISCARDED: "未受理",
}

# Statuses in which the application has been received and not yet closed: these are the
# cases "in hand" (结转 at the end of a year when still open).
OPEN_STATUSES = frozenset(
    {Status.ACCEPTED, Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_PAYMENT}
)
# Statuses in which only the office head may (re)assign the officer.
HEAD_ONLY_ASSIGN_STATUSES = frozenset({Status.CLOSED, Status.ARCHIVED})
# Statuses in which the reply clock stands still.
CLOCK_PAUSED_STATUSES = frozenset({Status.CONSULTING, Status.AWAITING_PAYMENT})

# The 21 reply types are the result rows of Table 3.
RESOLUTIONS = RESULT_ROW_CODES
# Reached only by the applicant's inaction, never chosen in a reply letter:
LAPSE_RESOLUTIONS = {"other_1", "other_2"}
# Chosen by the officer when replying:
REPLY_RESOLUTIONS = tuple(code for code in RESOLUTIONS if code not in LAPSE_RESOLUTIONS)
WITHDRAWN_RESOLUTION = "other_3"


def resolution_label(code: str) -> str:
    return TABLE3_ROW_BY_CODE[code].label


def resolution_article(code: str) -> str | None:
    return TABLE3_ROW_BY_CODE[code].article


class Action(StrEnum):
    CONFIRM = "confirm"
    DISCARD = "discard"
    ASSIGN = "assign"
    REQUEST_CORRECTION = "request_correction"
    RECEIVE_CORRECTION = "receive_correction"
    CORRECTION_LAPSED = "correction_lapsed"
    START_CONSULTATION = "start_consultation"
    RECORD_CONSULTEE_RECEIPT = "record_consultee_receipt"
    END_CONSULTATION = "end_consultation"
    EXTEND = "extend"
    SEND_FEE_NOTICE = "send_fee_notice"
    RECORD_FEE_NOTICE_RECEIPT = "record_fee_notice_receipt"
    RECORD_PAYMENT = "record_payment"
    PAYMENT_LAPSED = "payment_lapsed"
    REPLY = "reply"
    WITHDRAW = "withdraw"
    ARCHIVE = "archive"
    REGISTER = "register"  # the first log entry: submitted online or registered by staff

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.REGISTER: "登记",
    Action.CONFIRM: "确认受理",
    Action.DISCARD: "不予登记",
    Action.ASSIGN: "分配经办人",
    Action.REQUEST_CORRECTION: "告知补正",
    Action.RECEIVE_CORRECTION: "收到补正",
    Action.CORRECTION_LAPSED: "逾期未补正",
    Action.START_CONSULTATION: "征求意见",
    Action.RECORD_CONSULTEE_RECEIPT: "登记征求对象收到日期",
    Action.END_CONSULTATION: "征求意见结束",
    Action.EXTEND: "延期答复",
    Action.SEND_FEE_NOTICE: "发出收费通知",
    Action.RECORD_FEE_NOTICE_RECEIPT: "登记收费通知送达日期",
    Action.RECORD_PAYMENT: "已缴费",
    Action.PAYMENT_LAPSED: "逾期未缴费",
    Action.REPLY: "答复",
    Action.WITHDRAW: "申请人撤回",
    Action.ARCHIVE: "归档",
}


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status]
    target: Status | None  # None: the status does not change
    resolution: str | None = None  # set when the action closes the case


_ANY_OPEN = OPEN_STATUSES | {Status.AWAITING_CONFIRMATION}

RULES: dict[Action, Rule] = {
    Action.CONFIRM: Rule(frozenset({Status.AWAITING_CONFIRMATION}), Status.ACCEPTED),
    Action.DISCARD: Rule(frozenset({Status.AWAITING_CONFIRMATION}), Status.DISCARDED),
    Action.ASSIGN: Rule(frozenset(_ANY_OPEN | {Status.CLOSED, Status.ARCHIVED}), None),
    Action.REQUEST_CORRECTION: Rule(frozenset({Status.ACCEPTED}), Status.AWAITING_CORRECTION),
    Action.RECEIVE_CORRECTION: Rule(frozenset({Status.AWAITING_CORRECTION}), Status.ACCEPTED),
    Action.CORRECTION_LAPSED: Rule(
        frozenset({Status.AWAITING_CORRECTION}), Status.CLOSED, "other_1"
    ),
    Action.START_CONSULTATION: Rule(frozenset({Status.ACCEPTED}), Status.CONSULTING),
    Action.RECORD_CONSULTEE_RECEIPT: Rule(frozenset({Status.CONSULTING}), None),
    Action.END_CONSULTATION: Rule(frozenset({Status.CONSULTING}), Status.ACCEPTED),
    Action.EXTEND: Rule(frozenset({Status.ACCEPTED, Status.CONSULTING}), None),
    Action.SEND_FEE_NOTICE: Rule(frozenset({Status.ACCEPTED}), Status.AWAITING_PAYMENT),
    Action.RECORD_FEE_NOTICE_RECEIPT: Rule(frozenset({Status.AWAITING_PAYMENT}), None),
    Action.RECORD_PAYMENT: Rule(frozenset({Status.AWAITING_PAYMENT}), Status.ACCEPTED),
    Action.PAYMENT_LAPSED: Rule(frozenset({Status.AWAITING_PAYMENT}), Status.CLOSED, "other_2"),
    Action.REPLY: Rule(frozenset({Status.ACCEPTED}), Status.CLOSED),
    Action.WITHDRAW: Rule(frozenset(OPEN_STATUSES), Status.CLOSED, WITHDRAWN_RESOLUTION),
    Action.ARCHIVE: Rule(frozenset({Status.CLOSED}), Status.ARCHIVED),
}


# Decisions that must be taken before the reply is due: an extension (Art.33 ¶1), a fee
# notice (109号 第七条: "在答复期限内") and a consultation (Art.32-34 pause a running clock; a
# clock that has run out cannot be paused). After the due date only the office head may
# record one, with a written reason; the case then counts as late.
DECIDED_BEFORE_DUE = frozenset({Action.EXTEND, Action.SEND_FEE_NOTICE, Action.START_CONSULTATION})


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about an application besides its status."""

    status: Status
    correction_requested: bool = False
    extension_days: int = 0
    has_officer: bool = False
    today: date | None = None  # the day the action would happen (deadlines below)
    correction_deadline: date | None = None  # the applicant's 补正期限
    fee_due_on: date | None = None  # the applicant's 缴费期限


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def allowed_actions(facts: CaseFacts) -> list[Action]:
    """The actions that ``check_status`` accepts now (ignoring the actor's permissions).
    REPLY is among them while the case is 办理中: its reply type is chosen in its form."""
    result = []
    for action in RULES:
        try:
            check_status(action, facts)
        except TransitionNotAllowed:
            continue
        result.append(action)
    return result


def check_status(action: Action, facts: CaseFacts) -> Rule:
    """Return the rule for ``action`` or raise TransitionNotAllowed saying why it cannot be
    taken in the case's state (the reply type is checked by ``check``)."""
    action = Action(action)
    rule = rule_for(RULES, action, facts.status, Status, "申请")
    if action == Action.REQUEST_CORRECTION and facts.correction_requested:
        raise TransitionNotAllowed("补正只能一次性告知（条例第三十条），本申请已经告知过补正")
    if action == Action.EXTEND and facts.extension_days > 0:
        raise TransitionNotAllowed("本申请已经延期答复过一次，延长期限最长不超过20个工作日")
    today = facts.today
    if action == Action.CORRECTION_LAPSED and facts.correction_deadline and today:
        if today <= facts.correction_deadline:
            raise TransitionNotAllowed(
                f"补正期限（{_day(facts.correction_deadline)}）尚未届满，不能按逾期未补正办结"
            )
    if action == Action.PAYMENT_LAPSED and facts.fee_due_on and today:
        if today <= facts.fee_due_on:
            raise TransitionNotAllowed(
                f"缴费期限（{_day(facts.fee_due_on)}）尚未届满，不能按逾期未缴费办结"
            )
    return rule


def check(action: Action, facts: CaseFacts, *, resolution: str | None = None) -> Rule:
    """``check_status``, and the reply type: REPLY needs one of the reply types chosen in a
    reply letter; the other actions close with their own (or none)."""
    rule = check_status(action, facts)
    if Action(action) == Action.REPLY:
        if resolution not in REPLY_RESOLUTIONS:
            raise TransitionNotAllowed("答复时必须选择一种答复类型（对应年报表三的一项办理结果）")
    elif resolution is not None and resolution != rule.resolution:
        raise TransitionNotAllowed(f"“{Action(action).label}”不能指定答复类型")
    return rule


def reply_type(outcomes: list[str]) -> str:
    """The one reply type for the outcomes of an application's parts.

    部分公开 takes precedence (条例 Art.37; Table 3 row （二）: "区分处理的，只计这一情形"): when
    some information is disclosed (予以公开 or 部分公开) and other parts of the same application
    get any other outcome, the application counts as 部分公开. Otherwise all parts must have
    one and the same outcome.
    """
    unknown = [code for code in outcomes if code not in REPLY_RESOLUTIONS]
    if unknown:
        raise ValueError(f"未知的答复类型：{'、'.join(unknown)}")
    kinds = set(outcomes)
    if not kinds:
        raise ValueError("请至少选择一种答复类型")
    disclosed = kinds & {"granted", "partially_granted"}
    if disclosed and (kinds - {"granted"}):
        return "partially_granted"
    if len(kinds) == 1:
        return kinds.pop()
    raise ValueError("同一申请没有公开任何信息时，只能按一种答复类型办结；请选择最主要的答复类型")
