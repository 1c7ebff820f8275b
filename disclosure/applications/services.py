"""Applying the workflow to the database: numbering, registering, transitions, notices.

Every change of an application goes through ``create_application`` or ``perform``: they
lock the row, ask workflow.check whether the action is possible, apply its effects, and write
the Transition log entry (who, when, why) in the same database transaction.

"When" is the current time unless the caller says otherwise: ``create_application(...,
submitted_at=...)`` and ``perform(..., at=...)`` record cases that happened earlier (the demo
cases are loaded this way); the officers' views never pass them.
"""

from __future__ import annotations

import contextlib
import contextvars
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.rules import fees
from core.rules.deadlines import (
    MAX_EXTENSION_DAYS,
    correction_notice_late,
    fee_payment_due,
    third_party_reply_due,
)
from core.rules.working_days import CalendarYearMissing
from disclosure.calendar import working_calendar

from . import conf, crypto, roles, tasks, workflow
from .models import (
    Application,
    ApplicationNumberSequence,
    Consultation,
    IdentityDocument,
    Letter,
    LookupAttempt,
    Notification,
    PendingUpload,
    PersonalDataAccess,
    Transition,
    normalise_lookup_code,
)
from .personal_data import can_view_in_full, in_full
from .workflow import Action, Status, TransitionNotAllowed

# 32 characters without 0/O, 1/I: 12 of them are 60 bits, shown as XXXX-XXXX-XXXX.
LOOKUP_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LOOKUP_LENGTH = 12


def generate_lookup_code() -> str:
    raw = "".join(secrets.choice(LOOKUP_ALPHABET) for _ in range(LOOKUP_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LOOKUP_LENGTH, 4))


def format_number(year: int, serial: int) -> str:
    return f"{conf.number_prefix()}{year}-{serial:05d}"


def applicant_digest(id_type: str, id_number: str) -> str:
    return crypto.keyed_digest(f"{id_type}:{id_number.strip().upper()}", "applicant")


@dataclass(frozen=True)
class UploadedDocument:
    content_type: str
    data: bytes  # already checked and re-encoded by uploads.check_upload


def store_identity_document(application, document: UploadedDocument):
    return IdentityDocument.store(application, document.content_type, document.data)


@transaction.atomic
def create_application(
    fields: dict,
    *,
    channel: str,
    actor=None,
    received_on: date | None = None,
    receipt_note: str = "",
    officer=None,
    document: UploadedDocument | None = None,
    client_hash: str = "",
    submitted_at=None,
) -> tuple[Application, str]:
    """Register a new application; return it and its 查询码 (shown once, stored hashed).

    Online applications wait for staff to confirm the receipt date (Art.31: the date both
    sides confirm); applications registered by staff start with the receipt date they give.
    """
    submitted_at = submitted_at or timezone.now()
    year = timezone.localtime(submitted_at).year
    code = generate_lookup_code()
    online = channel == Application.Channel.ONLINE
    if not online and received_on is None:
        raise ValueError("登记非网上申请时必须填写收到申请的日期（条例第三十一条）")
    if received_on is not None and received_on > timezone.localdate():
        raise ValueError("收到申请日期不能晚于今天")
    application = Application(
        **fields,
        number=format_number(year, ApplicationNumberSequence.next_serial(year)),
        lookup_code_hash=make_password(normalise_lookup_code(code)),
        channel=channel,
        status=(Status.AWAITING_CONFIRMATION if online else Status.ACCEPTED).value,
        received_on=None if online else received_on,
        receipt_note=receipt_note,
        submitted_at=submitted_at,
        officer=officer,
        officer_assigned_by=actor if officer else None,
        officer_assigned_by_head=bool(
            officer and actor and roles.holds(actor, "applications.assign_officer")
        ),
        created_by=actor,
        client_hash=client_hash,
    )
    application.applicant_digest = applicant_digest(application.id_type, application.id_number)
    application.save()
    if document is not None:
        store_identity_document(application, document)
    Transition.objects.create(
        application=application,
        action=Action.REGISTER,
        from_status="",
        to_status=application.status,
        actor=actor,
        actor_label="" if actor else "申请人（网上提交）",
        at=submitted_at,
        effective_on=application.received_on,
        reason="网上提交申请" if online else f"工作人员登记（{application.get_channel_display()}）",
    )
    notify_applicant(application, Status(application.status))
    return application, code


# --- transitions -------------------------------------------------------------------------


@dataclass
class LetterDraft:
    kind: str
    title: str
    body: str
    recipient: str = ""


def _need(condition, message):
    if not condition:
        raise TransitionNotAllowed(message)


def _today():
    return timezone.localdate()


def check_permission(application: Application, action: Action, actor):
    """Raise PermissionDenied when ``actor`` may not take ``action`` on ``application`` (the
    case page lists only the actions this lets through)."""
    if action == Action.EXTEND and not roles.holds(actor, "applications.approve_extension"):
        raise PermissionDenied("延期答复须经政府信息公开工作机构负责人批准（条例第三十三条）")
    if (
        action == Action.ASSIGN
        and application.status_enum in workflow.HEAD_ONLY_ASSIGN_STATUSES
        and not roles.holds(actor, "applications.assign_officer")
    ):
        raise PermissionDenied("已办结或已归档的申请只能由政府信息公开工作机构负责人重新分配经办人")


def available_actions(application: Application, actor, today: date | None = None) -> list:
    """The actions ``actor`` can take on ``application`` today: what the case page offers.
    A decision that comes too late (see ``decided_late``) is offered only to the office head."""
    today = today or _today()
    actions = []
    for action in workflow.allowed_actions(application.facts(today)):
        try:
            check_permission(application, action, actor)
        except PermissionDenied:
            continue
        if (
            action in workflow.DECIDED_BEFORE_DUE
            and not roles.holds(actor, "applications.record_late_decision")
            and _decided_late_or_unknown(application, action, today)
        ):
            continue
        actions.append(action)
    return actions


def _decided_late_or_unknown(application, action, today):
    try:
        return decided_late(application, action, today) is not None
    except CalendarYearMissing:
        return False  # the case page shows the calendar problem; perform() refuses


def decided_late(app: Application, action: Action, on: date) -> date | None:
    """The reply's due date when ``action`` (an extension, a fee notice or a consultation)
    taken on ``on`` comes after it; None when it is in time."""
    if action not in workflow.DECIDED_BEFORE_DUE or app.received_on is None:
        return None
    reading = app.read_clock(working_calendar(), on)
    if reading.due is not None and on > reading.due:
        return reading.due
    return None


def _check_in_time(app, action, on, actor, late_reason):
    """Art.33 / 109号: refuse a decision taken after the reply was due, unless the office head
    records it with a written reason (shown in the log; the case counts as late)."""
    due = decided_late(app, action, on)
    if due is None:
        return ""
    if not late_reason:
        raise TransitionNotAllowed(
            f"答复期限为{_cn_date(due)}，已经届满，不能再{action.label}"
            f"（条例第三十三条：须在答复期限内决定）。确需补记的，须由政府信息公开工作机构负责人"
            "填写书面理由，本申请按超期统计"
        )
    if not roles.holds(actor, "applications.record_late_decision"):
        raise PermissionDenied(
            f"答复期限（{_cn_date(due)}）届满后补记“{action.label}”须由政府信息公开工作机构负责人办理"
        )
    return late_reason


def _cn_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def perform(
    application: Application,
    action: Action | str,
    *,
    actor,
    reason: str,
    effective_on: date | None = None,
    resolution: str | None = None,
    letter: LetterDraft | None = None,
    at: datetime | None = None,
    late_reason: str = "",
    **params,
) -> Transition:
    """Apply ``action`` to ``application`` as ``actor``; raise TransitionNotAllowed (with a
    Chinese message) when the workflow or the facts forbid it, PermissionDenied when the
    actor may not do it. ``effective_on`` is the date the event happened (defaults to today);
    ``at`` is the time written on the log entry and the letter (defaults to now).
    ``late_reason``: the office head's written reason for a decision recorded after the reply
    was due (see ``_check_in_time``).
    """
    at = at or timezone.now()
    action = Action(action)
    reason = (reason or "").strip()
    late_reason = (late_reason or "").strip()
    _need(reason, "请填写办理理由或说明")
    effective_on = effective_on or _today()
    _need(effective_on <= _today(), "事项发生日期不能晚于今天")
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        rule = workflow.check(action, app.facts(effective_on), resolution=resolution)
        check_permission(app, action, actor)
        late_reason = _check_in_time(app, action, effective_on, actor, late_reason)
        EFFECTS[action](app, actor=actor, on=effective_on, **params)
        from_status = app.status
        if rule.target is not None:
            app.status = rule.target.value
        if rule.target == Status.CLOSED:
            app.resolution = rule.resolution or resolution
            app.closed_on = effective_on
        app.save()
        entry = Transition.objects.create(
            application=app,
            action=action,
            from_status=from_status,
            to_status=app.status,
            resolution=app.resolution if rule.target == Status.CLOSED else "",
            actor=actor,
            at=at,
            effective_on=effective_on,
            reason=reason,
            late_reason=late_reason,
        )
        if letter is not None:
            Letter.objects.create(
                application=app,
                kind=letter.kind,
                resolution=app.resolution if letter.kind == Letter.Kind.REPLY else "",
                title=letter.title,
                body=letter.body,
                recipient=letter.recipient,
                created_by=actor,
                created_at=at,
                sent_at=at,
            )
        if app.status != from_status:
            notify_applicant(app, Status(app.status))
    application.refresh_from_db()
    return entry


def _confirm(app, *, on, actor, received_on: date, receipt_note: str = ""):
    _need(received_on is not None, "请填写双方确认收到申请的日期（条例第三十一条）")
    submitted = timezone.localtime(app.submitted_at).date()
    _need(received_on >= submitted, "收到申请日期不能早于提交日期")
    _need(received_on <= _today(), "收到申请日期不能晚于今天")
    app.received_on = received_on
    app.receipt_note = receipt_note or app.receipt_note


def _assign(app, *, on, actor, officer=None):
    app.officer = officer
    app.officer_assigned_by = actor
    # Only an assignment by the office head opens the personal data to the officer.
    app.officer_assigned_by_head = officer is not None and roles.holds(
        actor, "applications.assign_officer"
    )


def _request_correction(app, *, on, actor, correction_deadline: date, **_):
    _need(on >= app.received_on, "告知补正日期不能早于收到申请日期")
    _need(correction_deadline, "请填写补正期限")
    _need(correction_deadline > on, "补正期限应晚于告知补正的日期")
    app.correction_requested_on = on
    app.correction_deadline = correction_deadline
    # Art.30: within 7 wd of receipt. A later notice is still sent, and marked.
    app.correction_notice_late = correction_notice_late(working_calendar(), app.received_on, on)


def _receive_correction(app, *, on, actor):
    _need(on >= app.correction_requested_on, "收到补正日期不能早于告知补正日期")
    app.corrected_on = on


def _start_consultation(
    app, *, on, actor, kind: str, consultee: str, consultee_received_on: date | None = None
):
    _need(consultee and consultee.strip(), "请填写征求意见的对象")
    _need(on >= (app.corrected_on or app.received_on), "征求意见日期不能早于收到申请日期")
    received = consultee_received_on or on  # same-day electronic delivery
    _need(received >= on, "征求对象收到日期不能早于发出日期")
    Consultation.objects.create(
        application=app,
        kind=kind,
        consultee=consultee.strip(),
        sent_on=on,
        consultee_received_on=received,
        reply_due_on=third_party_reply_due(working_calendar(), received),
    )


def _record_consultee_receipt(app, *, on, actor, received_on: date):
    consultation = app.consultations.filter(ended_on__isnull=True).last()
    _need(consultation is not None, "没有进行中的征求意见")
    _need(received_on >= consultation.sent_on, "征求对象收到日期不能早于发出日期")
    _need(received_on <= _today(), "征求对象收到日期不能晚于今天")
    consultation.consultee_received_on = received_on
    consultation.reply_due_on = third_party_reply_due(working_calendar(), received_on)
    consultation.save(update_fields=["consultee_received_on", "reply_due_on"])


def _end_consultation(app, *, on, actor, opinion: str = ""):
    consultation = app.consultations.filter(ended_on__isnull=True).last()
    _need(consultation is not None, "没有进行中的征求意见")
    _need(on >= consultation.sent_on, "收到意见日期不能早于征求意见发出日期")
    consultation.ended_on = on
    consultation.opinion = opinion
    consultation.save(update_fields=["ended_on", "opinion"])


def _extend(app, *, on, actor, days: int):
    _need(
        isinstance(days, int) and 1 <= days <= MAX_EXTENSION_DAYS,
        f"延长的期限应为1至{MAX_EXTENSION_DAYS}个工作日",
    )
    app.extension_days = days
    app.extension_approved_by = actor
    app.extension_on = on


def fee_amount(app: Application, scale: str, *, pages: int | None = None) -> tuple[Decimal, dict]:
    """The 109号 fee of this application on one scale, and the facts it rests on."""
    if scale == fees.BY_COUNT:
        earlier = filed_earlier_in_month(app)
        return fees.fee_for_application(scale, filed_earlier_this_month=earlier), {
            "filed_earlier": earlier
        }
    return fees.fee_for_application(scale, pages=pages), {"pages": pages}


def filed_earlier_in_month(app: Application) -> int:
    """Applications by the same applicant (same 证件号码 digest) received earlier in the same
    calendar month: 按件计收 counts per applicant per calendar month."""
    day = app.received_on or timezone.localtime(app.submitted_at).date()
    same = Application.objects.filter(
        applicant_digest=app.applicant_digest,
        received_on__year=day.year,
        received_on__month=day.month,
    ).exclude(pk=app.pk)
    return (
        same.filter(received_on__lt=day).count()
        + same.filter(received_on=day, pk__lt=app.pk).count()
    )


def _send_fee_notice(
    app, *, on, actor, scale: str, pages: int | None = None, notice_received_on=None
):
    _need(scale in fees.SCALES, "请选择按件计收或按量计收（只能选择一种）")
    try:
        amount, facts = fee_amount(app, scale, pages=pages)
    except (fees.FeeScaleError, ValueError, TypeError) as error:
        raise TransitionNotAllowed(str(error)) from None
    _need(amount > 0, "按国办函〔2020〕109号的标准，本申请无需收费，不能发出收费通知")
    app.fee_scale = scale
    app.fee_pages = facts.get("pages")
    app.fee_filed_earlier = facts.get("filed_earlier")
    app.fee_amount = amount
    app.fee_notice_on = on
    received = notice_received_on or on  # delivered online: the sending date
    _need(received >= on, "申请人收到收费通知的日期不能早于发出日期")
    app.fee_notice_received_on = received
    app.fee_due_on = fee_payment_due(working_calendar(), received, conf.fee_payment_working_days())


def _record_fee_notice_receipt(app, *, on, actor, received_on: date):
    _need(received_on >= app.fee_notice_on, "申请人收到收费通知的日期不能早于发出日期")
    _need(received_on <= _today(), "申请人收到收费通知的日期不能晚于今天")
    app.fee_notice_received_on = received_on
    app.fee_due_on = fee_payment_due(
        working_calendar(), received_on, conf.fee_payment_working_days()
    )


def _record_payment(app, *, on, actor):
    _need(on >= app.fee_notice_on, "缴费日期不能早于收费通知日期")
    app.fee_paid_on = on


def _reply(app, *, on, actor):
    _need(on >= (app.corrected_on or app.received_on), "答复日期不能早于收到申请日期")


def _nothing(app, *, on, actor, **_):
    pass


def _archive(app, *, on, actor):
    app.archived_on = on


EFFECTS = {
    Action.CONFIRM: _confirm,
    Action.DISCARD: _nothing,
    Action.ASSIGN: _assign,
    Action.REQUEST_CORRECTION: _request_correction,
    Action.RECEIVE_CORRECTION: _receive_correction,
    Action.CORRECTION_LAPSED: _nothing,  # after the 补正期限: workflow.check_status
    Action.START_CONSULTATION: _start_consultation,
    Action.RECORD_CONSULTEE_RECEIPT: _record_consultee_receipt,
    Action.END_CONSULTATION: _end_consultation,
    Action.EXTEND: _extend,
    Action.SEND_FEE_NOTICE: _send_fee_notice,
    Action.RECORD_FEE_NOTICE_RECEIPT: _record_fee_notice_receipt,
    Action.RECORD_PAYMENT: _record_payment,
    Action.PAYMENT_LAPSED: _nothing,  # after the 缴费期限: workflow.check_status
    Action.REPLY: _reply,
    Action.WITHDRAW: _nothing,
    Action.ARCHIVE: _archive,
}


# --- personal data -----------------------------------------------------------------------


def reveal_personal_data(application: Application, user) -> dict[str, str]:
    """The personal fields in full, for the assigned officer or the office head; logged."""
    if not can_view_in_full(user, application):
        raise PermissionDenied("只有本申请的经办人或政府信息公开工作机构负责人可以查看完整个人信息")
    PersonalDataAccess.objects.create(
        application=application, user=user, what=PersonalDataAccess.What.PERSONAL_DATA
    )
    return in_full(application)


def reveal_identity_document(application: Application, user) -> tuple[str, bytes]:
    if not can_view_in_full(user, application):
        raise PermissionDenied("只有本申请的经办人或政府信息公开工作机构负责人可以查看身份证明文件")
    document = getattr(application, "identity_document", None)
    if document is None or document.data is None:
        raise IdentityDocument.DoesNotExist("身份证明文件不存在或已按保存期限删除")
    PersonalDataAccess.objects.create(
        application=application, user=user, what=PersonalDataAccess.What.ID_DOCUMENT
    )
    return document.content_type, document.read()


# --- notices -----------------------------------------------------------------------------


_silent = contextvars.ContextVar("applications_silent_notifications", default=False)


@contextlib.contextmanager
def silent_notifications():
    """Send no emails inside this block (used when loading demo data)."""
    token = _silent.set(True)
    try:
        yield
    finally:
        _silent.reset(token)


def notify_applicant(application: Application, status: Status):
    """Email the applicant (when an address was given) that the status changed. No personal
    data in the message: only the number, the new status and where to look it up. Recorded
    (models.Notification) and sent by a task once the change commits: a failed send never
    undoes the change, is shown to officers and retried."""
    if not application.email or _silent.get():
        return
    lookup_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("applications:status")
    notification = Notification.objects.create(
        application=application,
        subject=f"政府信息公开申请 {application.number}：{status.label}",
        body=(
            f"您的政府信息公开申请（受理编号 {application.number}）当前状态：{status.label}。\n\n"
            f"请凭受理编号和查询码在 {lookup_url} 查询办理进度和告知书。\n"
            "本邮件由系统自动发送，请勿直接回复。"
        ),
    )
    transaction.on_commit(lambda: tasks.send_notification.enqueue(notification.pk))


def resend_notification(notification: Notification):
    """An officer's 重新发送 of a failed notification."""
    if notification.sent_at:
        raise TransitionNotAllowed("该邮件已发送")
    tasks.send_notification.enqueue(notification.pk)


# The public side: uploads kept between attempts at the form, online submission, look-ups.


def keep_upload(document: UploadedDocument) -> str:
    """Keep a checked upload, encrypted, until the form is sent without errors; its token."""
    token = secrets.token_urlsafe(32)
    PendingUpload.purge_stale()
    PendingUpload.store(token, document.content_type, document.data)
    return token


def kept_upload(token: str) -> UploadedDocument | None:
    """The upload kept under `token`, or None when there is none (or it was purged)."""
    pending = PendingUpload.objects.filter(token=token).first() if token else None
    if pending is None:
        return None
    return UploadedDocument(pending.content_type, pending.read())


@transaction.atomic
def submit_online(fields: dict, *, document: UploadedDocument, client_hash: str, upload_token=""):
    """Register an application sent through the public form; (application, 查询码)."""
    application, code = create_application(
        fields, channel=Application.Channel.ONLINE, document=document, client_hash=client_hash
    )
    if upload_token:
        PendingUpload.objects.filter(token=upload_token).delete()
    return application, code


LOOKUP_WINDOW = timedelta(hours=1)  # the rate limit counts failed look-ups of the last hour


def record_lookup(client_hash: str, succeeded: bool):
    """Log a status look-up; failed ones count towards APPLICATIONS_FAILED_LOOKUPS_PER_HOUR.
    Rows older than the window are of no use to the limit and are deleted on every write."""
    purge_lookup_attempts()
    LookupAttempt.objects.create(client_hash=client_hash, succeeded=succeeded)


def purge_lookup_attempts(now=None) -> int:
    """Delete the look-up log outside the rate-limit window (also run by the daily command)."""
    cutoff = (now or timezone.now()) - LOOKUP_WINDOW
    deleted, _ = LookupAttempt.objects.filter(at__lt=cutoff).delete()
    return deleted
