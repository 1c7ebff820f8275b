"""Background tasks (django-tasks) of the disclosure app: the daily 有效性 run, and 订阅提醒
mails, sent and retried.

`update_validity_task`: the daily run of disclosure/lifecycle.py.
`export_open_data_task`: the daily 开放数据 export (disclosure/open_data.py).

disclosure/alerts.py writes an AlertMail and queues ``send_alert_mail`` after the transaction
commits; a failure is recorded on the mail, and ``retry_alert_mails`` (run by
``manage.py send_alerts``, scheduled like the other daily commands) queues the failed ones
again until AlertMail.MAX_ATTEMPTS. Every mail carries the RFC 8058 one-click unsubscribe headers.
"""

from django.core.mail import EmailMessage
from django_tasks import task

from core.mail import requeue_failed, send_recorded
from disclosure.lifecycle import apply_scheduled_validity
from disclosure.models import AlertMail
from disclosure.open_data import export_open_data


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
    return "sent" if send_recorded(mail, message_of(mail)) else "failed"


def retry_alert_mails(now=None) -> int:
    """Queue every failed mail whose last attempt is older than core.mail.RETRY_AFTER."""
    return requeue_failed(AlertMail, send_alert_mail, now)


@task()
def update_validity_task():
    """The daily 有效性 run (disclosure/lifecycle.py); returns how many documents changed."""
    return len(apply_scheduled_validity())


@task()
def export_open_data_task():
    """The daily 开放数据 export (disclosure/open_data.py); returns how many records."""
    return export_open_data()["records"]
