"""Email each officer about their cases that need attention (run every working day).

A case is in the reminder when its reply is due within APPLICATIONS_REMINDER_WORKING_DAYS
working days or overdue; while its clock stands still it is listed with what it waits for
(征求意见中 with the consultee's due date, 待缴费 with the payment deadline) when that date or
the reply's frozen remaining days are near. Cases waiting for a correction (待补正) have no
due date and are never reminded (条例第三十条). The day after a consultee's 15 working days
ran out without an answer, the officer is alerted once: the clock runs again and the office
decides (条例第三十二条).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from core.rules.working_days import CalendarYearMissing
from disclosure.applications import conf, tasks, workflow
from disclosure.applications.models import Application, Consultation
from disclosure.calendar import working_calendar


@dataclass
class Reminder:
    application: Application
    line: str  # what the officer reads about this case


def _state(application, reading, calendar, today):
    """The reminder line's state text, or None when the case needs no reminder today."""
    soon = conf.reminder_working_days()
    if reading.awaiting_correction:
        return None
    if application.status == workflow.Status.CONSULTING:
        consultation = application.consultations.filter(ended_on__isnull=True).last()
        consultee_due = consultation.reply_due_on if consultation else None
        near = consultee_due and calendar.working_days_between(today, consultee_due) <= soon
        if reading.pause_lapsed:
            return f"征求意见期满未答复（征求对象答复期限 {consultee_due:%Y-%m-%d}），计时已恢复"
        if near or reading.remaining <= soon:
            return f"征求意见中（征求对象答复期限 {consultee_due:%Y-%m-%d}），暂停计时"
        return None
    if reading.paused:
        due = application.fee_due_on
        if due and calendar.working_days_between(today, due) <= soon:
            return f"待缴费（缴费期限 {due:%Y-%m-%d}），暂停计时"
        return None
    if reading.remaining < 0:
        return f"已超期{-reading.remaining}个工作日"
    if reading.remaining <= soon:
        return f"剩余{reading.remaining}个工作日"
    return None


def collect(today=None):
    """({officer: [Reminder]}, [(application, calendar error)])."""
    today = today or timezone.localdate()
    calendar = working_calendar()
    due, errors = defaultdict(list), []
    cases = (
        Application.objects.filter(
            status__in=[s.value for s in workflow.OPEN_STATUSES], officer__isnull=False
        )
        .select_related("officer")
        .prefetch_related("consultations")
    )
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for application in cases:
        try:
            reading = application.read_clock(calendar, today)
            state = _state(application, reading, calendar, today)
        except CalendarYearMissing as error:
            errors.append((application, str(error)))
            continue
        if state is None:
            continue
        url = base + reverse("applications_admin:detail", args=[application.pk])
        line = f"{application.number}  答复期限 {reading.due:%Y-%m-%d}（{state}）  {url}"
        due[application.officer].append(Reminder(application, line))
    return due, errors


def lapsed_consultations(today):
    """Open consultations whose consultee's 15 wd ended before today and nobody was told."""
    return Consultation.objects.filter(
        ended_on__isnull=True,
        reply_due_on__lt=today,
        lapse_alerted_on__isnull=True,
        application__status=workflow.Status.CONSULTING,
        application__officer__isnull=False,
    ).select_related("application__officer")


def send(today=None) -> int:
    today = today or timezone.localdate()
    due, errors = collect(today)
    sent = 0
    for officer, reminders in due.items():
        reminders = [r for r in reminders if r.application.last_reminder_on != today]
        if not reminders or not officer.email:
            continue
        send_mail(
            f"依申请公开期限提醒：{len(reminders)}件申请需要办理",
            "以下由您经办的政府信息公开申请需尽快办理：\n\n" + "\n".join(r.line for r in reminders),
            None,
            [officer.email],
        )
        Application.objects.filter(pk__in=[r.application.pk for r in reminders]).update(
            last_reminder_on=today
        )
        sent += 1
    for consultation in lapsed_consultations(today):
        application = consultation.application
        if application.officer.email:
            send_mail(
                f"征求意见期满未答复：{application.number}",
                f"{consultation.consultee}的答复期限（{consultation.reply_due_on:%Y-%m-%d}）已过，"
                "未收到意见。暂停的答复期限已恢复计算；请依照条例第三十二条（第三方）或"
                "第三十四条（其他机关，逾期视为同意）决定是否公开，并登记“征求意见结束”。",
                None,
                [application.officer.email],
            )
            sent += 1
        consultation.lapse_alerted_on = today
        consultation.save(update_fields=["lapse_alerted_on"])
    for application, error in errors:
        if application.officer.email:
            send_mail(
                f"依申请公开期限无法计算：{application.number}",
                f"{error}。请在管理后台“工作日历”中补录后再办理。",
                None,
                [application.officer.email],
            )
    return sent


class Command(BaseCommand):
    help = "向经办人发送即将到期、已超期和征求意见期满申请的提醒邮件（建议每个工作日运行一次）。"

    def handle(self, *args, **options):
        self.stdout.write(f"已发送提醒邮件 {send()} 封")
        self.stdout.write(f"重新发送失败的申请人通知 {tasks.retry_notifications()} 封")
