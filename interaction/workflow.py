"""How one message (留言) is handled, as plain data: its states, the actions that move it, and
its reply deadline in working days. No Django here; services.py applies the actions to the
database and writes the event log (who, when, why).

    pending --accept--> in_progress                   (审核通过，受理)
    pending / in_progress / transferred
            --reject--> rejected                      (不予受理, the reason told to the writer)
            --transfer--> transferred                 (转办 to another department, new deadline)
    in_progress / transferred --reply--> answered     (答复)
    any open state --assign--> (same)                 (分配办理人)
    in_progress / transferred --save_draft--> (same)  (答复草稿)
    answered --publish--> (same)                      (公开: only with the citizen's consent)
    answered --unpublish--> (same)                    (撤回公开)

The deadline: a message of type T must be answered within the working days configured for T
(interaction/conf.py), counted from the day after it was submitted, the day itself not
counted (WorkingDayCalendar.add_working_days). A transfer starts a new period for the
receiving department, counted from the day of the transfer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from core.rules.deadlines import remaining_working_days
from core.rules.working_days import WorkingDayCalendar
from core.workflow import TransitionNotAllowed, rule_for


class Kind(StrEnum):
    CONSULTATION = "consultation"
    SUGGESTION = "suggestion"
    COMPLAINT = "complaint"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {Kind.CONSULTATION: "咨询", Kind.SUGGESTION: "建议", Kind.COMPLAINT: "投诉"}


class Status(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    TRANSFERRED = "transferred"
    ANSWERED = "answered"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.PENDING: "待审核",
    Status.IN_PROGRESS: "办理中",
    Status.TRANSFERRED: "转办",
    Status.ANSWERED: "已答复",
    Status.REJECTED: "不予受理",
}

# Received and not yet answered or refused: the reply clock runs.
OPEN_STATUSES = frozenset({Status.PENDING, Status.IN_PROGRESS, Status.TRANSFERRED})
# Where an answer can be written.
HANDLING_STATUSES = frozenset({Status.IN_PROGRESS, Status.TRANSFERRED})


class Action(StrEnum):
    SUBMIT = "submit"  # the first log entry
    ACCEPT = "accept"
    REJECT = "reject"
    ASSIGN = "assign"
    TRANSFER = "transfer"
    SAVE_DRAFT = "save_draft"
    REPLY = "reply"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.SUBMIT: "提交留言",
    Action.ACCEPT: "受理",
    Action.REJECT: "不予受理",
    Action.ASSIGN: "分配办理人",
    Action.TRANSFER: "转办",
    Action.SAVE_DRAFT: "保存答复草稿",
    Action.REPLY: "答复",
    Action.PUBLISH: "公开留言和答复",
    Action.UNPUBLISH: "撤回公开",
}

# Actions the citizen sees in the status look-up (the others are internal).
PUBLIC_ACTIONS = frozenset(
    {Action.SUBMIT, Action.ACCEPT, Action.REJECT, Action.TRANSFER, Action.REPLY, Action.PUBLISH}
)


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status]
    target: Status | None  # None: the status does not change


RULES: dict[Action, Rule] = {
    Action.ACCEPT: Rule(frozenset({Status.PENDING}), Status.IN_PROGRESS),
    Action.REJECT: Rule(OPEN_STATUSES, Status.REJECTED),
    Action.ASSIGN: Rule(OPEN_STATUSES, None),
    Action.TRANSFER: Rule(OPEN_STATUSES, Status.TRANSFERRED),
    Action.SAVE_DRAFT: Rule(HANDLING_STATUSES, None),
    Action.REPLY: Rule(HANDLING_STATUSES, Status.ANSWERED),
    Action.PUBLISH: Rule(frozenset({Status.ANSWERED}), None),
    Action.UNPUBLISH: Rule(frozenset({Status.ANSWERED}), None),
}


@dataclass(frozen=True)
class MessageFacts:
    """What the rules need to know about a message besides its status."""

    status: Status
    consent_to_publish: bool = False
    published: bool = False


def check(action: Action | str, facts: MessageFacts) -> Rule:
    """The rule for `action`, or TransitionNotAllowed saying why it cannot be done now."""
    action = Action(action)
    rule = rule_for(RULES, action, facts.status, Status, "留言")
    if action == Action.PUBLISH:
        if not facts.consent_to_publish:
            raise TransitionNotAllowed("留言人未同意公开，不能公开本留言和答复")
        if facts.published:
            raise TransitionNotAllowed("本留言和答复已经公开")
    if action == Action.UNPUBLISH and not facts.published:
        raise TransitionNotAllowed("本留言和答复尚未公开")
    return rule


def allowed_actions(facts: MessageFacts) -> list[Action]:
    """The actions `check` accepts now (ignoring the actor's permissions)."""
    allowed = []
    for action in RULES:
        try:
            check(action, facts)
        except TransitionNotAllowed:
            continue
        allowed.append(action)
    return allowed


# --- the deadline -------------------------------------------------------------------------


def reply_due(calendar: WorkingDayCalendar, start: date, working_days: int) -> date:
    """Last day to answer: `working_days` after `start` (submission or transfer), the day of
    `start` not counted. Raises CalendarYearMissing when the calendar lacks a year."""
    if working_days < 1:
        raise ValueError("办理时限至少为1个工作日")
    return calendar.add_working_days(start, working_days)


def remaining(calendar: WorkingDayCalendar, today: date, due: date) -> int:
    """Working days left until `due` (0 on the day itself, negative once overdue)."""
    return remaining_working_days(calendar, today, due)


def answered_in_time(answered_on: date, due: date) -> bool:
    return answered_on <= due
