"""Background tasks (django-tasks): e-mails to applicants, sent and retried.

services.notify_applicant records a models.Notification and queues ``send_notification``
after the transaction commits; a failure is recorded on the notification (shown on the case
page and the queue) and ``retry_notifications`` queues it again, run by the daily
``send_deadline_reminders`` and by an officer's 重新发送.
"""

from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from .models import Notification

RETRY_AFTER = timedelta(minutes=30)


@task()
def send_notification(notification_id: int):
    """Send one notification now; record the outcome on it."""
    notification = Notification.objects.select_related("application").get(pk=notification_id)
    if notification.sent_at:
        return "already sent"
    recipient = notification.application.email
    notification.attempts += 1
    notification.last_attempt_at = timezone.now()
    if not recipient:
        notification.last_error = "申请人未留电子邮箱"
    else:
        try:
            send_mail(notification.subject, notification.body, None, [recipient])
        except Exception as error:  # any backend failure (SMTP, network, DNS) is recorded
            notification.last_error = f"{type(error).__name__}: {error}"[:300]
        else:
            notification.sent_at = timezone.now()
            notification.last_error = ""
    notification.save(update_fields=["attempts", "last_attempt_at", "last_error", "sent_at"])
    return "sent" if notification.sent_at else "failed"


def due_for_retry(now=None):
    now = now or timezone.now()
    return Notification.objects.filter(
        sent_at__isnull=True,
        attempts__gt=0,
        attempts__lt=Notification.MAX_ATTEMPTS,
        last_attempt_at__lte=now - RETRY_AFTER,
    )


def retry_notifications(now=None) -> int:
    """Queue every failed notification whose last attempt is older than RETRY_AFTER."""
    count = 0
    for notification in due_for_retry(now):
        send_notification.enqueue(notification.pk)
        count += 1
    return count
