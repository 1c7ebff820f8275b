"""Handling a message through interaction.services: accept, assign, transfer with its own
deadline, drafts, answers, refusals with a reason, publishing with the writer's consent and
without personal data (blocked on a 单项否决 finding), promotion to 常见问题, and the writer's
details masked unless the viewer may see them."""

from datetime import date, datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from disclosure.calendar import working_calendar
from disclosure.models import CalendarYear
from interaction import services
from interaction.models import FaqPage, MessageEvent, PersonalDataAccess, QuestionPage
from interaction.workflow import Action, TransitionNotAllowed
from monitoring.models import DictionaryTerm
from search import service as search_service

pytestmark = pytest.mark.django_db


def answered(message, actor, text="您好！周六上午9:00—12:00开放社保窗口。"):
    services.perform(message, Action.ACCEPT, actor=actor, officer=actor)
    services.perform(message, Action.REPLY, actor=actor, text=text)
    message.refresh_from_db()
    return message


def test_the_deadline_of_each_type_counts_working_days_after_submission(bureau, new_message):
    calendar = working_calendar()
    for kind, days in (("consultation", 5), ("complaint", 10), ("suggestion", 15)):
        message, _ = new_message(kind=kind, title=f"{kind}的标题")
        submitted = timezone.localtime(message.submitted_at).date()
        assert message.period_days == days
        assert message.due_on == calendar.add_working_days(submitted, days)
        assert calendar.working_days_between(submitted, message.due_on) == days


def test_accept_assign_draft_and_reply(handler, other_handler, new_message):
    message, _ = new_message()
    services.perform(message, Action.ACCEPT, actor=handler, officer=handler)
    assert message.status == "in_progress" and message.officer == handler
    services.perform(message, Action.ASSIGN, actor=handler, officer=other_handler)
    assert message.officer == other_handler
    services.perform(message, Action.SAVE_DRAFT, actor=other_handler, text="初稿：周六开放。")
    assert message.reply_draft == "初稿：周六开放。" and message.status == "in_progress"
    with pytest.raises(TransitionNotAllowed, match="请填写答复内容"):
        services.perform(message, Action.REPLY, actor=other_handler, text="  ")
    services.perform(message, Action.REPLY, actor=other_handler, text="周六上午开放社保窗口。")
    assert message.status == "answered" and message.reply == "周六上午开放社保窗口。"
    assert message.reply_draft == "" and message.closed_by == other_handler
    assert message.answered_in_time is True
    log = list(MessageEvent.objects.filter(message=message).values_list("action", "to_status"))
    assert log == [
        ("submit", "pending"),
        ("accept", "in_progress"),
        ("assign", "in_progress"),
        ("save_draft", "in_progress"),
        ("reply", "answered"),
    ]
    with pytest.raises(TransitionNotAllowed, match="已答复"):
        services.perform(message, Action.REPLY, actor=handler, text="再答复一次")


def test_the_writer_is_told_of_each_status_change_without_content(
    handler, new_message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message, _ = new_message()
        services.perform(message, Action.ACCEPT, actor=handler)
        services.perform(message, Action.ASSIGN, actor=handler, officer=handler)  # no change
    assert [m.subject for m in mail.outbox] == [
        f"互动交流留言 {message.number}：待审核",
        f"互动交流留言 {message.number}：办理中",
    ]
    body = mail.outbox[1].body
    assert "/interaction/status/" in body and message.number in body
    assert message.content not in body and "13904770011" not in body
    assert mail.outbox[1].to == ["lihuimin@example.com"]


def test_a_refusal_needs_its_reason_and_closes_the_message(handler, new_message):
    message, _ = new_message(kind="complaint", title="邻居装修噪音")
    with pytest.raises(TransitionNotAllowed, match="请填写不予受理的理由"):
        services.perform(message, Action.REJECT, actor=handler)
    services.perform(message, Action.REJECT, actor=handler, note="不属于本机关职责，请向社区反映。")
    assert message.status == "rejected" and message.closed_at is not None
    assert message.rejection_reason == "不属于本机关职责，请向社区反映。"
    assert not message.is_open


def test_a_transfer_gives_the_receiving_department_its_own_deadline(
    handler, new_message, bureau, centre
):
    message, _ = new_message(kind="suggestion")
    at = timezone.make_aware(datetime(2026, 3, 2, 15, 0))  # a Monday
    event = services.perform(
        message, Action.TRANSFER, actor=handler, department=centre, days=7, at=at
    )
    assert message.status == "transferred" and message.department == centre
    assert message.period_start == date(2026, 3, 2) and message.period_days == 7
    assert message.due_on == working_calendar().add_working_days(date(2026, 3, 2), 7)
    assert event.department == centre and event.due_on == message.due_on
    assert "转伊金霍洛旗公共资源交易中心办理，7个工作日内答复" in event.note
    with pytest.raises(TransitionNotAllowed, match="承办部门与当前办理部门相同"):
        services.perform(message, Action.TRANSFER, actor=handler, department=centre, days=5)
    with pytest.raises(TransitionNotAllowed, match="1至60个工作日"):
        services.perform(message, Action.TRANSFER, actor=handler, department=bureau, days=0)
    # The receiving department answers directly.
    services.perform(message, Action.REPLY, actor=handler, text="已研究，下月起简化退还流程。")
    assert message.status == "answered"


def test_public_text_removes_the_writers_details_and_other_personal_data(handler, new_message):
    message, _ = new_message(
        content="我是李慧敏，电话13904770011，身份证150627198503120014（演示），想问周六能否办社保。",
    )
    answered(message, handler, text="李慧敏您好！已回电13904770011。周六上午开放社保窗口。")
    text = services.public_text(message)
    assert "李慧敏" not in text.question + text.answer and "李**" in text.question
    assert "13904770011" not in text.question + text.answer and "139****0011" in text.answer
    assert text.removed["name"] == 2 and text.removed["phone"] == 2


def test_publishing_makes_a_searchable_page_without_personal_data(
    column, head, handler, new_message, indexed, settings
):
    settings.ELASTICSEARCH_URL = ""
    search_service.reset_elasticsearch_state()
    message, _ = new_message(content="我是李慧敏，手机13904770011，想问周六能否办理社保业务。")
    answered(message, handler)
    text = services.public_text(message)
    with indexed():
        services.perform(
            message,
            Action.PUBLISH,
            actor=head,
            title=text.title,
            question=text.question,
            answer=text.answer,
        )
    page = QuestionPage.objects.get(message=message)
    assert page.live and page.get_parent().specific == column
    assert "13904770011" not in page.question and "李慧敏" not in page.question
    assert page.department_name == message.department.name and page.kind == "consultation"
    assert page.answered_on == message.answered_on and page.slug == message.number.lower()
    found = search_service.search("周六 社保", {"content_type": "interaction.questionpage"})
    assert [hit.page_id for hit in found.hits] == [page.pk]
    assert found.hits[0].content_type_label == "留言答复"
    assert found.hits[0].publisher == message.department.name
    assert message.facts().published
    with pytest.raises(TransitionNotAllowed, match="已经公开"):
        services.perform(message, Action.PUBLISH, actor=head, title="x", question="y", answer="z")


def test_publishing_needs_consent_and_the_permission(head, handler, new_message):
    refused, _ = new_message(consent_to_publish=False, title="不同意公开的留言")
    answered(refused, handler)
    with pytest.raises(TransitionNotAllowed, match="未同意公开"):
        services.perform(refused, Action.PUBLISH, actor=head, title="t", question="q", answer="a")
    consented, _ = new_message(title="同意公开的留言")
    answered(consented, handler)
    with pytest.raises(PermissionDenied):
        services.perform(
            consented, Action.PUBLISH, actor=handler, title="t1", question="q1", answer="a1"
        )
    assert not QuestionPage.objects.exists()


def test_publishing_is_blocked_by_personal_data_left_or_a_veto_finding(
    column, head, handler, new_message
):
    message, _ = new_message()
    answered(message, handler)
    with pytest.raises(TransitionNotAllowed) as left:
        services.perform(
            message,
            Action.PUBLISH,
            actor=head,
            title="周六办社保",
            question="请联系我 13904770099",
            answer="好的。",
        )
    assert "留言内容仍含有个人信息：手机号码“139****0099”" in str(left.value)
    # The shipped dictionaries may hold these already (monitoring/dictionaries/).
    DictionaryTerm.objects.update_or_create(
        kind="sensitive", wrong="代开发票", defaults={"category": "违法广告"}
    )
    DictionaryTerm.objects.update_or_create(
        kind="severe", wrong="伊金霍洛期", defaults={"right": "伊金霍洛旗", "category": "行政区划"}
    )
    with pytest.raises(TransitionNotAllowed) as veto:
        services.perform(
            message,
            Action.PUBLISH,
            actor=head,
            title="周六办社保",
            question="伊金霍洛期政务服务中心周六开门吗？",
            answer="欢迎咨询代开发票。",
        )
    reasons = str(veto.value)
    assert "严重表述错误" in reasons and "“伊金霍洛期”应为“伊金霍洛旗”" in reasons
    assert "敏感词" in reasons and "代开发票" in reasons
    assert not QuestionPage.objects.exists()
    services.perform(
        message,
        Action.PUBLISH,
        actor=head,
        title="周六办社保",
        question="周六开门吗？",
        answer="开门。",
    )
    assert QuestionPage.objects.get().live


def test_unpublishing_takes_the_page_down(column, head, handler, new_message):
    message, _ = new_message()
    answered(message, handler)
    services.perform(
        message,
        Action.PUBLISH,
        actor=head,
        title="周六办社保",
        question="周六开门吗？",
        answer="开门。",
    )
    services.perform(message, Action.UNPUBLISH, actor=head)
    page = QuestionPage.objects.get()
    assert not page.live and not message.facts().published
    # It can be published again, on the same page.
    services.perform(
        message,
        Action.PUBLISH,
        actor=head,
        title="周六办社保",
        question="周六开门吗？",
        answer="开门，9点。",
    )
    page.refresh_from_db()
    assert page.live and page.answer == "开门，9点。" and QuestionPage.objects.count() == 1


def test_a_published_answer_becomes_an_faq_entry_in_one_step(
    column, faq_index, head, handler, new_message
):
    message, _ = new_message()
    answered(message, handler, text="周六上午开放。\n请携带身份证。")
    with pytest.raises(TransitionNotAllowed, match="只有已公开的留言答复"):
        services.promote_to_faq(message, actor=head)
    services.perform(
        message,
        Action.PUBLISH,
        actor=head,
        title="周六能办社保吗",
        question="周六开门吗？",
        answer=message.reply,
    )
    with pytest.raises(PermissionDenied):
        services.promote_to_faq(message, actor=handler)
    faq = services.promote_to_faq(message, actor=head)
    assert faq.live and faq.get_parent().specific == faq_index
    assert faq.title == "周六能办社保吗" and faq.promoted_from == message
    assert faq.answer == "<p>周六上午开放。</p><p>请携带身份证。</p>"
    with pytest.raises(TransitionNotAllowed, match="已设为常见问题"):
        services.promote_to_faq(message, actor=head)
    assert FaqPage.objects.count() == 1


def test_personal_data_is_shown_in_full_only_to_the_handler_or_the_head(
    handler, other_handler, head, new_message
):
    message, _ = new_message()
    services.perform(message, Action.ACCEPT, actor=handler, officer=handler)
    with pytest.raises(PermissionDenied):
        services.reveal_personal_data(message, other_handler)
    assert services.reveal_personal_data(message, handler)["phone"] == "13904770011"
    assert services.reveal_personal_data(message, head)["name"] == "李慧敏"
    assert list(PersonalDataAccess.objects.values_list("user__username", flat=True)) == [
        "interaction_head",
        "handler_a",
    ]


def test_ratings_one_per_client_per_answer(handler, new_message):
    message, _ = new_message()
    with pytest.raises(TransitionNotAllowed, match="只能评价已答复的留言"):
        services.rate(message, 3, client_hash="a")
    answered(message, handler)
    services.rate(message, 3, client_hash="a")
    with pytest.raises(services.AlreadyRated):
        services.rate(message, 1, client_hash="a")
    services.rate(message, 1, client_hash="b")
    with pytest.raises(ValueError):
        services.rate(message, 7, client_hash="c")
    assert sorted(message.ratings.values_list("score", flat=True)) == [1, 3]


def test_a_message_written_when_the_calendar_lacks_its_year_is_kept_without_a_guess(
    new_message,
):
    CalendarYear.objects.all().update(complete=False)
    message, _ = new_message()
    assert message.pk and message.due_on is None and message.period_days == 5
    assert message.status == "pending"
