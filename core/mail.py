"""Recorded mail delivery: one attempt on a stored mail, and which failed mails to retry.

A stored mail is any model row with the fields ``attempts``, ``last_attempt_at``,
``last_error`` (up to 300 characters) and ``sent_at``, and a ``MAX_ATTEMPTS`` class
attribute: the 依申请公开 applicant notifications (disclosure/applications/models.py
``Notification``) and the 订阅提醒 mails (disclosure/models/alerts.py ``AlertMail``). Each app's
``tasks.py`` builds the message and calls ``send_recorded``; its daily command calls
``requeue_failed`` with the model and the sending task. A failure never raises: it is
recorded on the row, shown to staff and tried again until ``MAX_ATTEMPTS``.
"""

from datetime import timedelta

from django.core.mail import EmailMessage
from django.utils import timezone

RETRY_AFTER = timedelta(minutes=30)
ERROR_LENGTH = 300


def send_recorded(mail, message: EmailMessage | None, *, no_message_reason: str = "") -> bool:
    """Make one recorded attempt to send ``message`` for the stored ``mail``; True when sent.

    ``message`` is None when there is nothing to send to (e.g. an applicant who left no
    e-mail address): the attempt is still counted, with ``no_message_reason`` as its error.
    """
    mail.attempts += 1
    mail.last_attempt_at = timezone.now()
    if message is None:
        mail.last_error = no_message_reason[:ERROR_LENGTH]
    else:
        try:
            message.send()
        except Exception as error:  # any backend failure (SMTP, network, DNS) is recorded
            mail.last_error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
        else:
            mail.sent_at = timezone.now()
            mail.last_error = ""
    mail.save(update_fields=["attempts", "last_attempt_at", "last_error", "sent_at"])
    return mail.sent_at is not None


def requeue_failed(model, send_task, now=None) -> int:
    """Queue ``send_task`` again for every failed, unsent row of ``model`` whose last attempt
    is older than RETRY_AFTER and that has attempts left; return how many were queued."""
    now = now or timezone.now()
    due = model.objects.filter(
        sent_at__isnull=True,
        attempts__gt=0,
        attempts__lt=model.MAX_ATTEMPTS,
        last_attempt_at__lte=now - RETRY_AFTER,
    )
    count = 0
    for pk in due.values_list("pk", flat=True):
        send_task.enqueue(pk)
        count += 1
    return count
