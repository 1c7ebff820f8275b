"""Every state change of 互动交流: submitting, handling, publishing, rating, promoting to FAQ.

``submit`` registers a message; ``perform`` applies one workflow action: it locks the row,
asks workflow.check whether the action is possible now, applies the action's effect, and
writes the MessageEvent log entry (who, when, why) in the same database transaction.

"When" is now unless the caller says otherwise (``submitted_at=``, ``at=``): the demo loader
records messages of the past this way; the views never pass them.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.actions.unpublish_page import UnpublishPageAction

from core.rules.working_days import CalendarYearMissing
from core.text import clean_text
from disclosure.applications.models import normalise_lookup_code
from disclosure.applications.services import generate_lookup_code
from disclosure.calendar import working_calendar
from disclosure.models import Organisation
from monitoring import gate

from . import conf, redaction, workflow
from .models import (
    FaqIndexPage,
    FaqPage,
    InteractionIndexPage,
    LookupAttempt,
    Message,
    MessageEvent,
    MessageNumberSequence,
    PersonalDataAccess,
    QuestionPage,
    Rating,
)
from .personal_data import can_view_in_full, in_full
from .workflow import Action, Status, TransitionNotAllowed


def format_number(year: int, serial: int) -> str:
    return f"{conf.number_prefix()}{year}-{serial:05d}"


def _due(start, days):
    """The due date, or None when the calendar lacks a year (staff see why, nothing is
    guessed; the message is still accepted)."""
    try:
        return workflow.reply_due(working_calendar(), start, days)
    except CalendarYearMissing:
        return None


def channel_open() -> bool:
    """Whether the site accepts new messages: a live, public 互动交流 column that says so."""
    column = InteractionIndexPage.objects.live().public().first()
    return bool(column and column.accepting_messages)


# --- the public side ----------------------------------------------------------------------


@transaction.atomic
def submit(fields: dict, *, client_hash: str = "", submitted_at=None) -> tuple[Message, str]:
    """Register a message from the public form; return it and its 查询码 (shown once, stored
    hashed). `fields`: kind, topic, department, title, content, name, phone, email,
    consent_to_publish."""
    submitted_at = submitted_at or timezone.now()
    day = timezone.localtime(submitted_at).date()
    code = generate_lookup_code()
    days = conf.reply_working_days(fields["kind"])
    message = Message.objects.create(
        **fields,
        number=format_number(day.year, MessageNumberSequence.next_serial(day.year)),
        lookup_code_hash=make_password(normalise_lookup_code(code)),
        submitted_at=submitted_at,
        period_start=day,
        period_days=days,
        due_on=_due(day, days),
        client_hash=client_hash,
    )
    MessageEvent.objects.create(
        message=message,
        action=Action.SUBMIT,
        to_status=message.status,
        at=submitted_at,
        department=message.department,
        due_on=message.due_on,
        note="网上提交留言",
    )
    notify_writer(message)
    return message, code


@functools.cache
def _dummy_hash() -> str:
    return make_password(generate_lookup_code())


def dummy_code_check(code: str) -> None:
    """The password check a look-up of an unknown number would have cost (constant time)."""
    check_password(normalise_lookup_code(code), _dummy_hash())


def record_lookup(client_hash: str, succeeded: bool) -> None:
    """Log a status look-up; failed ones count towards INTERACTION_FAILED_LOOKUPS_PER_HOUR."""
    LookupAttempt.objects.create(client_hash=client_hash, succeeded=succeeded)


class AlreadyRated(Exception):
    """This client already rated this answer."""


def rate(message: Message, score: int, *, client_hash: str, by_writer: bool = False, at=None):
    """One 满意度 rating of an answered message per client; AlreadyRated on a second one."""
    if message.status != Status.ANSWERED:
        raise TransitionNotAllowed("只能评价已答复的留言")
    if score not in Rating.Score.values:
        raise ValueError("请选择满意、基本满意或不满意")
    try:
        with transaction.atomic():
            return Rating.objects.create(
                message=message,
                score=score,
                client_hash=client_hash,
                by_writer=by_writer,
                at=at or timezone.now(),
            )
    except IntegrityError:
        raise AlreadyRated("您已经评价过这条答复，感谢您的参与。") from None


# --- handling -----------------------------------------------------------------------------


def _need(condition, message):
    if not condition:
        raise TransitionNotAllowed(message)


def perform(
    message: Message,
    action: Action | str,
    *,
    actor,
    note: str = "",
    at: datetime | None = None,
    **params,
) -> MessageEvent:
    """Apply `action` to `message` as `actor`. Raises TransitionNotAllowed (a Chinese message)
    when the workflow or the facts forbid it, PermissionDenied when the actor may not."""
    at = at or timezone.now()
    action = Action(action)
    note = clean_text(note)
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        rule = workflow.check(action, locked.facts())
        if action in (Action.PUBLISH, Action.UNPUBLISH) and not actor.has_perm(
            "interaction.publish_message"
        ):
            raise PermissionDenied("公开或撤回留言和答复需要“公开留言和答复”权限")
        from_status = locked.status
        extra = EFFECTS[action](locked, actor=actor, at=at, note=note, **params) or {}
        if rule.target is not None:
            locked.status = rule.target.value
        locked.save()
        event = MessageEvent.objects.create(
            message=locked,
            action=action,
            from_status=from_status,
            to_status=locked.status,
            actor=actor,
            at=at,
            note=extra.get("note", note),
            department=extra.get("department"),
            due_on=extra.get("due_on"),
        )
        if locked.status != from_status:
            notify_writer(locked)
    message.refresh_from_db()
    return event


def _accept(message, *, actor, at, note, officer=None):
    if officer is not None:
        message.officer = officer


def _reject(message, *, actor, at, note):
    _need(note, "请填写不予受理的理由（将告知留言人）")
    message.rejection_reason = note
    message.closed_at = at
    message.closed_by = actor


def _assign(message, *, actor, at, note, officer=None):
    message.officer = officer
    name = (officer.get_full_name() or officer.get_username()) if officer else "（不指定）"
    return {"note": note or f"办理人：{name}"}


def _transfer(message, *, actor, at, note, department: Organisation, days: int, officer=None):
    _need(department is not None, "请选择转办的承办部门")
    _need(department.pk != message.department_id, "承办部门与当前办理部门相同，无需转办")
    _need(isinstance(days, int) and 1 <= days <= 60, "承办部门的办理时限应为1至60个工作日")
    start = timezone.localtime(at).date()
    message.department = department
    message.officer = officer
    message.period_start = start
    message.period_days = days
    message.due_on = _due(start, days)
    message.last_reminder_on = None
    return {
        "department": department,
        "due_on": message.due_on,
        "note": note or f"转{department.name}办理，{days}个工作日内答复",
    }


def _save_draft(message, *, actor, at, note, text: str):
    message.reply_draft = clean_text(text)
    return {"note": note or "保存答复草稿"}


def _reply(message, *, actor, at, note, text: str):
    text = clean_text(text)
    _need(text, "请填写答复内容")
    message.reply = text
    message.reply_draft = ""
    message.closed_at = at
    message.closed_by = actor
    return {"note": note or "已答复留言人"}


def _publish(message, *, actor, at, note, title: str, question: str, answer: str):
    page = publish_page(message, title=title, question=question, answer=answer, at=at, actor=actor)
    return {"note": note or f"公开于 {page.url or page.url_path}"}


def _unpublish(message, *, actor, at, note):
    # Allowed by interaction.publish_message (checked in perform), not by page permissions.
    UnpublishPageAction(message.public_page.specific, user=actor).execute(
        skip_permission_checks=True
    )
    return {"note": note or "撤回公开"}


EFFECTS = {
    Action.ACCEPT: _accept,
    Action.REJECT: _reject,
    Action.ASSIGN: _assign,
    Action.TRANSFER: _transfer,
    Action.SAVE_DRAFT: _save_draft,
    Action.REPLY: _reply,
    Action.PUBLISH: _publish,
    Action.UNPUBLISH: _unpublish,
}


# --- publishing ---------------------------------------------------------------------------


@dataclass
class PublicText:
    """The question and answer as they would be published, and what was removed."""

    title: str
    question: str
    answer: str
    removed: dict


def public_text(message: Message) -> PublicText:
    """The message's title, text and answer without personal data (interaction/redaction.py),
    for the handler to review before publishing."""
    known = {"name": message.name, "phone": message.phone, "email": message.email}
    parts = [redaction.redact(text, **known) for text in (message.title, message.content)]
    parts.append(redaction.redact(message.reply, **known))
    removed = {}
    for part in parts:
        for kind, n in part.removed.items():
            removed[kind] = removed.get(kind, 0) + n
    return PublicText(parts[0].text, parts[1].text, parts[2].text, removed)


@dataclass
class Problems:
    blocking: list[str]  # personal data left, 单项否决 findings of monitoring
    warnings: list[str]  # other monitoring findings (错别字 and the like)


def publication_problems(title: str, question: str, answer: str) -> Problems:
    """Run the personal-data detector and monitoring's single-page checks (the dictionaries:
    严重表述错误, 敏感词, 错别字; personal data) on the text as it would be published."""
    blocking = []
    for label, text in (("标题", title), ("留言内容", question), ("答复内容", answer)):
        left = redaction.personal_data_left(text)
        if left:
            blocking.append(f"{label}仍含有个人信息：{'、'.join(left)}，请删除后再公开。")
    draft = QuestionPage(title=title, question=question, answer=answer)
    found = gate.check_page(draft)
    vetoes = gate.blocking(found)
    blocking += [f"{check.name}：{detection.message}" for check, detection in vetoes]
    veto_codes = {check.code for check, _ in vetoes}
    warnings = [
        f"{check.name}：{detection.message}"
        for check, detection in found
        if check.code not in veto_codes and not check.code.startswith("PII_")
    ]
    return Problems(list(dict.fromkeys(blocking)), list(dict.fromkeys(warnings)))


def _column():
    column = InteractionIndexPage.objects.first()
    _need(column is not None, "网站尚未建立“互动交流”栏目，无法公开")
    return column


def publish_page(message: Message, *, title: str, question: str, answer: str, at=None, actor=None):
    """Create (or update) and publish the message's public page; refuses text that still
    holds personal data or a 单项否决 finding (TransitionNotAllowed with all the reasons)."""
    title, question, answer = clean_text(title), clean_text(question), clean_text(answer)
    _need(title and question and answer, "公开的标题、留言内容和答复内容都不能为空")
    problems = publication_problems(title, question, answer)
    _need(not problems.blocking, "未公开：" + "；".join(problems.blocking))
    fields = {
        "title": title[:255],
        "kind": message.kind,
        "topic_name": message.topic.name if message.topic_id else "",
        "department_name": message.department.name,
        "question": question,
        "answer": answer,
        "asked_on": timezone.localtime(message.submitted_at).date(),
        "answered_on": message.answered_on or timezone.localtime(at or timezone.now()).date(),
    }
    page = QuestionPage.objects.filter(message=message).first()
    if page is None:
        page = QuestionPage(message=message, slug=message.number.lower(), **fields)
        _column().add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    if at is not None and page.first_published_at is None:
        page.first_published_at = at
    # Allowed by interaction.publish_message, not by page permissions; logged as the actor's.
    page.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
    return page


def promote_to_faq(message: Message, *, actor) -> FaqPage:
    """设为常见问题: a published answer becomes an FAQ entry (published, under 常见问题), which
    an editor can then link to the policy documents it rests on."""
    if not actor.has_perm("interaction.publish_message"):
        raise PermissionDenied("设为常见问题需要“公开留言和答复”权限")
    page = message.public_page_or_none
    _need(page is not None and page.live, "只有已公开的留言答复才能设为常见问题")
    existing = FaqPage.objects.filter(promoted_from=message).first()
    _need(existing is None, f"本留言已设为常见问题：{existing.title if existing else ''}")
    faq_index = FaqIndexPage.objects.first()
    _need(faq_index is not None, "网站尚未建立“常见问题”栏目")
    answer = "".join(f"<p>{escape(line)}</p>" for line in page.answer.splitlines() if line.strip())
    problems = publication_problems(page.title, "", page.answer)
    _need(not problems.blocking, "未设为常见问题：" + "；".join(problems.blocking))
    with transaction.atomic():
        faq = FaqPage(
            title=page.title,
            slug=f"faq-{message.number.lower()}",
            topic=message.topic,
            answer=answer,
            promoted_from=message,
        )
        faq_index.add_child(instance=faq)
        faq.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
        MessageEvent.objects.create(
            message=message,
            action=Action.PUBLISH,
            from_status=message.status,
            to_status=message.status,
            actor=actor,
            note=f"设为常见问题：{faq.title}",
        )
    return faq


# --- personal data ------------------------------------------------------------------------


def reveal_personal_data(message: Message, user) -> dict[str, str]:
    """The writer's details in full, for the assigned handler or a holder of
    interaction.view_personal_data; every view is logged."""
    if not can_view_in_full(user, message):
        raise PermissionDenied("只有本留言的办理人或互动交流负责人可以查看完整的留言人信息")
    PersonalDataAccess.objects.create(message=message, user=user)
    return in_full(message)


# --- notices ------------------------------------------------------------------------------

_silent = contextvars.ContextVar("interaction_silent_notifications", default=False)


@contextlib.contextmanager
def silent_notifications():
    """Send no emails inside this block (the demo loader)."""
    token = _silent.set(True)
    try:
        yield
    finally:
        _silent.reset(token)


def notify_writer(message: Message) -> None:
    """Email the writer (when they gave an address) that the status changed: the number, the
    new status and where to look, no content and no personal data."""
    if not message.email or _silent.get():
        return
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("interaction:status")
    status = message.status_enum.label
    subject = f"互动交流留言 {message.number}：{status}"
    body = (
        f"您的留言（留言编号 {message.number}）当前状态：{status}。\n\n"
        f"请凭留言编号和查询码在 {url} 查看办理情况和答复。\n"
        "本邮件由系统自动发送，请勿直接回复。"
    )
    recipient = message.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient], fail_silently=True))
