"""Background tasks (django-tasks) of the disclosure app: the daily 有效性 run, and 订阅提醒
mails, sent and retried.

`update_validity_task`: the daily run of disclosure/lifecycle.py.
`export_open_data_task`: the daily 开放数据 export (disclosure/open_data.py).

disclosure/alerts.py writes an AlertMail and queues ``send_alert_mail`` after the transaction
commits; a failure is recorded on the mail, and ``retry_alert_mails`` (run by
``manage.py send_alerts``, scheduled like the other daily commands) queues the failed ones
again until AlertMail.MAX_ATTEMPTS. Every mail carries the RFC 8058 one-click unsubscribe headers.
"""

from datetime import timedelta

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from disclosure.lifecycle import apply_scheduled_validity
from disclosure.models import AlertMail
from disclosure.open_data import export_open_data

RETRY_AFTER = timedelta(minutes=30)


def message_of(mail: AlertMail) -> EmailMessage:
    subscription = mail.subscription
    unsubscribe = subscription.unsubscribe_url()
    body = f"{mail.body}\n\n——\n不想再收到此类邮件？一键退订：{unsubscribe}\n"
    return EmailMessage(
        mail.subject,
        body,
        None,
        [subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@task()
def send_alert_mail(mail_id: int):
    """Send one mail now unless sent or unsubscribed since; record the outcome on it."""
    mail = AlertMail.objects.select_related("subscription").get(pk=mail_id)
    if mail.sent_at:
        return "already sent"
    if mail.kind == AlertMail.Kind.ALERT and not mail.subscription.is_active:
        return "unsubscribed"
    mail.attempts += 1
    mail.last_attempt_at = timezone.now()
    try:
        message_of(mail).send()
    except Exception as error:  # any backend failure (SMTP, network, DNS) is recorded
        mail.last_error = f"{type(error).__name__}: {error}"[:300]
    else:
        mail.sent_at = timezone.now()
        mail.last_error = ""
    mail.save(update_fields=["attempts", "last_attempt_at", "last_error", "sent_at"])
    return "sent" if mail.sent_at else "failed"


def due_for_retry(now=None):
    now = now or timezone.now()
    return AlertMail.objects.filter(
        sent_at__isnull=True,
        attempts__gt=0,
        attempts__lt=AlertMail.MAX_ATTEMPTS,
        last_attempt_at__lte=now - RETRY_AFTER,
    )


def retry_alert_mails(now=None) -> int:
    """Queue every failed mail whose last attempt is older than RETRY_AFTER."""
    count = 0
    for mail in due_for_retry(now):
        send_alert_mail.enqueue(mail.pk)
        count += 1
    return count


@task()
def update_validity_task():
    """The daily 有效性 run (disclosure/lifecycle.py); returns how many documents changed."""
    return len(apply_scheduled_validity())


@task()
def export_open_data_task():
    """The daily 开放数据 export (disclosure/open_data.py); returns how many records."""
    return export_open_data()["records"]
