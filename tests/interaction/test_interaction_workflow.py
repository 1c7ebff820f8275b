"""The workflow as plain data: which action is possible in which state, and the deadline."""

from datetime import date

import pytest

from core.rules.working_days import CalendarYearMissing, WorkingDayCalendar
from interaction import conf, workflow
from interaction.workflow import Action, MessageFacts, Status, TransitionNotAllowed

# 2026: 1 October (Thursday) to 8 October are holidays, Saturday 10 October is worked.
CALENDAR = WorkingDayCalendar(
    years=[2026],
    holidays=[date(2026, 10, d) for d in (1, 2, 5, 6, 7, 8)],
    makeup_workdays=[date(2026, 10, 10)],
)


def test_a_pending_message_can_be_accepted_refused_or_transferred_but_not_answered():
    pending = MessageFacts(Status.PENDING)
    assert workflow.allowed_actions(pending) == [
        Action.ACCEPT,
        Action.REJECT,
        Action.ASSIGN,
        Action.TRANSFER,
    ]
    with pytest.raises(TransitionNotAllowed, match="当前状态为“待审核”，不能执行“答复”"):
        workflow.check(Action.REPLY, pending)


def test_handling_states_allow_drafts_replies_and_further_transfers():
    for status in (Status.IN_PROGRESS, Status.TRANSFERRED):
        allowed = workflow.allowed_actions(MessageFacts(status))
        assert Action.REPLY in allowed and Action.SAVE_DRAFT in allowed
        assert Action.TRANSFER in allowed and Action.ACCEPT not in allowed
    assert workflow.check(Action.REPLY, MessageFacts(Status.TRANSFERRED)).target == Status.ANSWERED


def test_closed_messages_take_no_more_handling():
    for status in (Status.ANSWERED, Status.REJECTED):
        for action in (Action.ACCEPT, Action.REPLY, Action.TRANSFER, Action.REJECT):
            with pytest.raises(TransitionNotAllowed):
                workflow.check(action, MessageFacts(status))


def test_publishing_needs_the_writers_consent_and_happens_once():
    with pytest.raises(TransitionNotAllowed, match="未同意公开"):
        workflow.check(Action.PUBLISH, MessageFacts(Status.ANSWERED, consent_to_publish=False))
    consented = MessageFacts(Status.ANSWERED, consent_to_publish=True)
    assert workflow.check(Action.PUBLISH, consented).target is None
    published = MessageFacts(Status.ANSWERED, consent_to_publish=True, published=True)
    with pytest.raises(TransitionNotAllowed, match="已经公开"):
        workflow.check(Action.PUBLISH, published)
    assert workflow.allowed_actions(published) == [Action.UNPUBLISH]
    with pytest.raises(TransitionNotAllowed, match="尚未公开"):
        workflow.check(Action.UNPUBLISH, consented)


def test_the_deadline_counts_working_days_after_the_day_of_submission():
    # Submitted on Wednesday 30 September: the 5 working days are 9, 10 (Saturday, worked),
    # 12, 13, 14 October.
    assert workflow.reply_due(CALENDAR, date(2026, 9, 30), 5) == date(2026, 10, 14)
    # Submitted on a Sunday: the first working day counted is Monday.
    assert workflow.reply_due(CALENDAR, date(2026, 9, 13), 1) == date(2026, 9, 14)
    assert workflow.remaining(CALENDAR, date(2026, 10, 13), date(2026, 10, 14)) == 1
    assert workflow.remaining(CALENDAR, date(2026, 10, 14), date(2026, 10, 14)) == 0
    assert workflow.remaining(CALENDAR, date(2026, 10, 16), date(2026, 10, 14)) == -2
    with pytest.raises(CalendarYearMissing):
        workflow.reply_due(CALENDAR, date(2026, 12, 28), 5)
    with pytest.raises(ValueError):
        workflow.reply_due(CALENDAR, date(2026, 9, 30), 0)


def test_answered_in_time_on_the_due_date_and_not_after():
    assert workflow.answered_in_time(date(2026, 10, 14), date(2026, 10, 14))
    assert not workflow.answered_in_time(date(2026, 10, 15), date(2026, 10, 14))


def test_default_deadlines_per_type(settings):
    assert [
        conf.reply_working_days(kind) for kind in ("consultation", "complaint", "suggestion")
    ] == [
        5,
        10,
        15,
    ]
    settings.INTERACTION_REPLY_WORKING_DAYS = {"consultation": 3, "complaint": 7, "suggestion": 10}
    assert conf.reply_working_days("consultation") == 3
