"""Reminders to handlers: their open messages due within INTERACTION_REMINDER_WORKING_DAYS
working days, or overdue (run once a day: manage.py send_interaction_reminders)."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from core.rules.working_days import CalendarYearMissing
from disclosure.calendar import working_calendar

from . import conf, workflow
from .models import Message


def collect(today=None):
    """({handler: [(message, working days left)]}, [(message, calendar error)])."""
    today = today or timezone.localdate()
    calendar = working_calendar()
    due, errors = defaultdict(list), []
    open_messages = Message.objects.filter(
        status__in=[s.value for s in workflow.OPEN_STATUSES], officer__isnull=False
    ).select_related("officer")
    for message in open_messages:
        try:
            deadline = message.due_on or workflow.reply_due(
                calendar, message.period_start, message.period_days
            )
            left = workflow.remaining(calendar, today, deadline)
        except CalendarYearMissing as error:
            errors.append((message, str(error)))
            continue
        if left <= conf.reminder_working_days():
            due[message.officer].append((message, left))
    return due, errors


def send(today=None) -> int:
    """E-mail each handler once a day about their messages due soon or overdue; how many
    e-mails were sent."""
    today = today or timezone.localdate()
    due, errors = collect(today)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for officer, entries in due.items():
        entries = [(m, left) for m, left in entries if m.last_reminder_on != today]
        if not entries or not officer.email:
            continue
        lines = []
        for message, left in entries:
            state = f"已超期{-left}个工作日" if left < 0 else f"剩余{left}个工作日"
            url = base + reverse("interaction_admin:detail", args=[message.pk])
            lines.append(f"{message.number}  {message.title}（{state}）  {url}")
        send_mail(
            f"互动交流留言期限提醒：{len(entries)}条留言即将到期或已超期",
            "以下由您办理的留言需尽快答复：\n\n" + "\n".join(lines),
            None,
            [officer.email],
        )
        Message.objects.filter(pk__in=[m.pk for m, _ in entries]).update(last_reminder_on=today)
        sent += 1
    for message, error in errors:
        if message.officer.email:
            send_mail(
                f"互动交流留言期限无法计算：{message.number}",
                f"{error}。请在管理后台“工作日历”中补录后再办理。",
                None,
                [message.officer.email],
            )
    return sent
