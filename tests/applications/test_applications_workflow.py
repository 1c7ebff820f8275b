"""The state machine: allowed and impossible transitions, and the log of who, when and why."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.rules.annual_report import RESULT_ROW_CODES
from disclosure.applications import services, workflow
from disclosure.applications.models import Application, Letter, Transition
from disclosure.applications.workflow import Action, CaseFacts, Status, TransitionNotAllowed


def test_reply_types_are_the_21_result_rows_of_table3():
    assert workflow.RESOLUTIONS == RESULT_ROW_CODES
    assert len(workflow.RESOLUTIONS) == 21
    # Only the applicant's inaction leads to （六）1 and （六）2; the others are chosen in a reply.
    assert set(workflow.REPLY_RESOLUTIONS) == set(RESULT_ROW_CODES) - {"other_1", "other_2"}
    for code in workflow.RESOLUTIONS:
        assert workflow.resolution_label(code)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.AWAITING_CONFIRMATION, {Action.CONFIRM, Action.DISCARD, Action.ASSIGN}),
        (
            Status.ACCEPTED,
            {
                Action.ASSIGN,
                Action.REQUEST_CORRECTION,
                Action.START_CONSULTATION,
                Action.EXTEND,
                Action.SEND_FEE_NOTICE,
                Action.REPLY,
                Action.WITHDRAW,
            },
        ),
        (
            Status.AWAITING_CORRECTION,
            {Action.ASSIGN, Action.RECEIVE_CORRECTION, Action.CORRECTION_LAPSED, Action.WITHDRAW},
        ),
        (
            Status.CONSULTING,
            {
                Action.ASSIGN,
                Action.RECORD_CONSULTEE_RECEIPT,
                Action.END_CONSULTATION,
                Action.EXTEND,
                Action.WITHDRAW,
            },
        ),
        (
            Status.AWAITING_PAYMENT,
            {
                Action.ASSIGN,
                Action.RECORD_FEE_NOTICE_RECEIPT,
                Action.RECORD_PAYMENT,
                Action.PAYMENT_LAPSED,
                Action.WITHDRAW,
            },
        ),
        (Status.CLOSED, {Action.ASSIGN, Action.ARCHIVE}),
        # Reassigning a closed or archived case is for the office head (services).
        (Status.ARCHIVED, {Action.ASSIGN}),
        (Status.DISCARDED, set()),
    ],
)
def test_allowed_actions_per_status(status, expected):
    # REPLY is listed while 办理中: its reply type is chosen in its form (issue 22).
    assert set(workflow.allowed_actions(CaseFacts(status=status))) == expected


def test_reply_is_possible_only_while_accepted_and_with_a_reply_type():
    facts = CaseFacts(status=Status.ACCEPTED)
    assert workflow.check(Action.REPLY, facts, resolution="granted").target == Status.CLOSED
    with pytest.raises(TransitionNotAllowed, match="必须选择一种答复类型"):
        workflow.check(Action.REPLY, facts)
    with pytest.raises(TransitionNotAllowed, match="必须选择一种答复类型"):
        workflow.check(Action.REPLY, facts, resolution="other_1")  # only by lapse
    with pytest.raises(TransitionNotAllowed, match="当前状态为“征求意见中”"):
        workflow.check(Action.REPLY, CaseFacts(status=Status.CONSULTING), resolution="granted")


def test_correction_only_once_and_extension_only_once():
    with pytest.raises(TransitionNotAllowed, match="一次性告知"):
        workflow.check(
            Action.REQUEST_CORRECTION, CaseFacts(Status.ACCEPTED, correction_requested=True)
        )
    with pytest.raises(TransitionNotAllowed, match="已经延期答复过一次"):
        workflow.check(Action.EXTEND, CaseFacts(Status.ACCEPTED, extension_days=10))


def test_impossible_transition_message_names_both_states():
    with pytest.raises(TransitionNotAllowed) as error:
        workflow.check(Action.ARCHIVE, CaseFacts(Status.ACCEPTED))
    assert "“办理中”" in str(error.value) and "“归档”" in str(error.value)
    assert "已办结" in str(error.value)


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        (["granted"], "granted"),
        (["granted", "withheld_4"], "partially_granted"),
        (["withheld_6", "granted", "unavailable_1"], "partially_granted"),
        (["partially_granted"], "partially_granted"),
        (["withheld_1"], "withheld_1"),
        (["unavailable_1", "unavailable_1"], "unavailable_1"),
    ],
)
def test_partial_disclosure_takes_precedence(outcomes, expected):
    assert workflow.reply_type(outcomes) == expected


def test_reply_type_without_disclosure_must_be_one():
    with pytest.raises(ValueError, match="只能按一种答复类型办结"):
        workflow.reply_type(["withheld_1", "unavailable_1"])
    with pytest.raises(ValueError):
        workflow.reply_type([])
    with pytest.raises(ValueError, match="未知"):
        workflow.reply_type(["nonsense"])


# --- on the database ----------------------------------------------------------------------


def test_full_path_logs_who_when_why(make_application, officer, head):
    application = make_application(received_on=date(2025, 3, 3))
    assert application.status == Status.ACCEPTED
    services.perform(
        application,
        Action.REQUEST_CORRECTION,
        actor=officer,
        reason="名称不明确",
        effective_on=date(2025, 3, 5),
        correction_deadline=date(2025, 3, 20),
    )
    services.perform(
        application,
        Action.RECEIVE_CORRECTION,
        actor=officer,
        reason="收到补正",
        effective_on=date(2025, 3, 12),
    )
    services.perform(
        application,
        Action.START_CONSULTATION,
        actor=officer,
        reason="涉及第三方",
        effective_on=date(2025, 3, 14),
        kind="third_party",
        consultee="某公司",
    )
    assert application.status == Status.CONSULTING
    services.perform(
        application,
        Action.EXTEND,
        actor=head,
        reason="材料较多",
        effective_on=date(2025, 3, 17),
        days=10,
    )
    services.perform(
        application,
        Action.END_CONSULTATION,
        actor=officer,
        reason="收到意见",
        effective_on=date(2025, 3, 24),
        opinion="不同意公开经营数据",
    )
    services.perform(
        application,
        Action.REPLY,
        actor=officer,
        reason="依法答复",
        effective_on=date(2025, 4, 1),
        resolution="partially_granted",
    )
    services.perform(
        application, Action.ARCHIVE, actor=officer, reason="归档", effective_on=date(2025, 4, 3)
    )
    application.refresh_from_db()
    assert application.status == Status.ARCHIVED
    assert application.resolution == "partially_granted"
    assert application.closed_on == date(2025, 4, 1)
    assert application.extension_days == 10 and application.extension_approved_by == head
    log = list(Transition.objects.filter(application=application))
    assert [t.action for t in log] == [
        "register",
        "request_correction",
        "receive_correction",
        "start_consultation",
        "extend",
        "end_consultation",
        "reply",
        "archive",
    ]
    assert all(t.reason for t in log)
    assert log[4].actor == head and log[6].actor == officer
    assert log[6].from_status == "accepted" and log[6].to_status == "closed"
    assert log[6].resolution == "partially_granted"
    assert log[2].effective_on == date(2025, 3, 12)
    assert all(t.at <= timezone.now() for t in log)


def test_impossible_transitions_are_refused_and_change_nothing(make_application, officer):
    application = make_application()
    before = Transition.objects.count()
    with pytest.raises(TransitionNotAllowed, match="不能执行“归档”"):
        services.perform(application, Action.ARCHIVE, actor=officer, reason="试图归档")
    with pytest.raises(TransitionNotAllowed, match="不能执行“已缴费”"):
        services.perform(application, Action.RECORD_PAYMENT, actor=officer, reason="x")
    with pytest.raises(TransitionNotAllowed, match="请填写办理理由"):
        services.perform(application, Action.WITHDRAW, actor=officer, reason="  ")
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert Transition.objects.count() == before


def test_extension_needs_the_office_head(make_application, officer, head):
    application = make_application()
    with pytest.raises(PermissionDenied, match="负责人批准"):
        services.perform(application, Action.EXTEND, actor=officer, reason="复杂", days=5)
    with pytest.raises(TransitionNotAllowed, match="1至20个工作日"):
        services.perform(
            application,
            Action.EXTEND,
            actor=head,
            reason="复杂",
            days=21,
            effective_on=date(2025, 3, 20),
        )
    services.perform(
        application,
        Action.EXTEND,
        actor=head,
        reason="复杂",
        days=20,
        effective_on=date(2025, 3, 20),
    )
    with pytest.raises(TransitionNotAllowed, match="已经延期答复过一次"):
        services.perform(application, Action.EXTEND, actor=head, reason="再延", days=1)


def test_lapses_only_after_the_deadline(make_application, officer):
    application = make_application(received_on=date(2025, 3, 3))
    services.perform(
        application,
        Action.REQUEST_CORRECTION,
        actor=officer,
        reason="不明确",
        effective_on=date(2025, 3, 4),
        correction_deadline=date(2025, 3, 25),
    )
    with pytest.raises(TransitionNotAllowed, match="补正期限（2025年3月25日）尚未届满"):
        services.perform(
            application,
            Action.CORRECTION_LAPSED,
            actor=officer,
            reason="逾期",
            effective_on=date(2025, 3, 25),
        )
    services.perform(
        application,
        Action.CORRECTION_LAPSED,
        actor=officer,
        reason="逾期",
        effective_on=date(2025, 3, 26),
    )
    application.refresh_from_db()
    assert (application.status, application.resolution) == ("closed", "other_1")


def test_second_correction_notice_is_refused(make_application, officer):
    application = make_application()
    services.perform(
        application,
        Action.REQUEST_CORRECTION,
        actor=officer,
        reason="a",
        effective_on=date(2025, 3, 4),
        correction_deadline=date(2025, 3, 20),
    )
    services.perform(
        application,
        Action.RECEIVE_CORRECTION,
        actor=officer,
        reason="b",
        effective_on=date(2025, 3, 6),
    )
    with pytest.raises(TransitionNotAllowed, match="一次性告知"):
        services.perform(
            application,
            Action.REQUEST_CORRECTION,
            actor=officer,
            reason="c",
            effective_on=date(2025, 3, 7),
            correction_deadline=date(2025, 3, 28),
        )


def test_online_confirmation_sets_the_art31_receipt_date(make_application, officer):
    application = make_application(channel="online", assign=False)
    assert application.status == Status.AWAITING_CONFIRMATION
    assert application.received_on is None
    with pytest.raises(TransitionNotAllowed, match="不能执行“答复”"):
        services.perform(application, Action.REPLY, actor=officer, reason="x", resolution="granted")
    today = timezone.localdate()
    services.perform(
        application, Action.CONFIRM, actor=officer, reason="电话确认", received_on=today
    )
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED and application.received_on == today


def test_reply_with_letter_keeps_the_letter(make_application, officer):
    application = make_application()
    services.perform(
        application,
        Action.REPLY,
        actor=officer,
        reason="答复",
        effective_on=date(2025, 3, 10),
        resolution="granted",
        letter=services.LetterDraft("reply", "答复书", "正文（已修改）", "王建国"),
    )
    letter = Letter.objects.get(application=application)
    assert letter.body == "正文（已修改）" and letter.sent_at is not None
    assert letter.resolution == "granted"
    assert Application.objects.get(pk=application.pk).closed_on == date(2025, 3, 10)


def test_an_explicit_time_is_written_on_the_transition_and_the_letter(make_application, officer):
    """Cases that happened earlier (the demo cases) are recorded with their own time."""
    replied_at = timezone.make_aware(datetime(2025, 3, 10, 10, 0))
    application = make_application()
    entry = services.perform(
        application,
        Action.REPLY,
        actor=officer,
        reason="答复",
        effective_on=date(2025, 3, 10),
        resolution="granted",
        letter=services.LetterDraft("reply", "答复书", "正文", "王建国"),
        at=replied_at,
    )
    assert Transition.objects.get(pk=entry.pk).at == replied_at
    letter = Letter.objects.get(application=application)
    assert letter.created_at == replied_at and letter.sent_at == replied_at


def test_without_a_time_the_transition_and_the_letter_are_written_now(make_application, officer):
    before = timezone.now()
    application = make_application()
    entry = services.perform(
        application,
        Action.REPLY,
        actor=officer,
        reason="答复",
        resolution="granted",
        letter=services.LetterDraft("reply", "答复书", "正文", "王建国"),
    )
    letter = Letter.objects.get(application=application)
    for moment in (entry.at, letter.created_at, letter.sent_at):
        assert before <= moment <= timezone.now()
