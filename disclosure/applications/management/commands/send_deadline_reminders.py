"""Email each officer about their cases whose reply is due soon or overdue (run daily)."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from core.rules.working_days import CalendarYearMissing
from disclosure.applications import conf, workflow
from disclosure.applications.models import Application
from disclosure.calendar import working_calendar


def collect(today=None):
    """({officer: [(application, reading)]}, [(application, calendar error)])."""
    today = today or timezone.localdate()
    calendar = working_calendar()
    due, errors = defaultdict(list), []
    cases = Application.objects.filter(
        status__in=[s.value for s in workflow.OPEN_STATUSES], officer__isnull=False
    ).select_related("officer")
    for application in cases:
        try:
            reading = application.read_clock(calendar, today)
        except CalendarYearMissing as error:
            errors.append((application, str(error)))
            continue
        if not reading.paused and reading.remaining <= conf.reminder_working_days():
            due[application.officer].append((application, reading))
    return due, errors


def send(today=None) -> int:
    today = today or timezone.localdate()
    due, errors = collect(today)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for officer, cases in due.items():
        cases = [(a, r) for a, r in cases if a.last_reminder_on != today]
        if not cases or not officer.email:
            continue
        lines = []
        for application, reading in cases:
            state = (
                f"已超期{-reading.remaining}个工作日"
                if reading.remaining < 0
                else f"剩余{reading.remaining}个工作日"
            )
            url = base + reverse("applications_admin:detail", args=[application.pk])
            lines.append(f"{application.number}  答复期限 {reading.due:%Y-%m-%d}（{state}）  {url}")
        send_mail(
            f"依申请公开期限提醒：{len(cases)}件申请即将到期或已超期",
            "以下由您经办的政府信息公开申请需尽快答复：\n\n" + "\n".join(lines),
            None,
            [officer.email],
        )
        Application.objects.filter(pk__in=[a.pk for a, _ in cases]).update(last_reminder_on=today)
        sent += 1
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
    help = "向经办人发送即将到期和已超期申请的提醒邮件（建议每个工作日运行一次）。"

    def handle(self, *args, **options):
        self.stdout.write(f"已发送提醒邮件 {send()} 封")
