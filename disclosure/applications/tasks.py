"""Background tasks (django-tasks): e-mails to applicants, sent and retried.

services.notify_applicant records a models.Notification and queues ``send_notification``
after the transaction commits; a failure is recorded on the notification (shown on the case
page and the queue) and ``retry_notifications`` queues it again, run by the daily
``send_deadline_reminders`` and by an officer's 重新发送.
"""

from django.core.mail import EmailMessage
from django_tasks import task

from core.mail import requeue_failed, send_recorded

from .models import Notification


@task()
def send_notification(notification_id: int):
    """Send one notification now; record the outcome on it."""
    notification = Notification.objects.select_related("application").get(pk=notification_id)
    if notification.sent_at:
        return "already sent"
    recipient = notification.application.email
    message = (
        EmailMessage(notification.subject, notification.body, None, [recipient])
        if recipient
        else None
    )
    sent = send_recorded(notification, message, no_message_reason="申请人未留电子邮箱")
    return "sent" if sent else "failed"


def retry_notifications(now=None) -> int:
    """Queue every failed notification whose last attempt is older than core.mail.RETRY_AFTER."""
    return requeue_failed(Notification, send_notification, now)
