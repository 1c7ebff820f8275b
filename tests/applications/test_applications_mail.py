"""Mail to applicants (issue 11): production refuses to start without a real backend; a failed
send is recorded, shown to officers and retried by a task; the letters stay on the status
page whatever happens to mail."""

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.utils import timezone

from core.mail import RETRY_AFTER
from disclosure.applications import services, tasks
from disclosure.applications.models import Notification
from disclosure.applications.workflow import Action

BASE_DIR = Path(__file__).resolve().parents[2]


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message (as an unreachable SMTP host would)."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail.example.gov.cn:587 拒绝连接")


FAILING = "test_applications_mail.FailingBackend"


def reply(application, officer, captured):
    with captured(execute=True):
        services.perform(
            application,
            Action.REPLY,
            actor=officer,
            reason="答复",
            resolution="granted",
            effective_on=date(2025, 3, 10),
            letter=services.LetterDraft("reply", "政府信息公开申请答复书", "正文"),
        )


def test_a_failed_send_is_recorded_retried_and_shown(
    make_application, officer, client, django_capture_on_commit_callbacks, mailoutbox
):
    application = make_application()
    with override_settings(EMAIL_BACKEND=FAILING):
        reply(application, officer, django_capture_on_commit_callbacks)
    application.refresh_from_db()
    assert application.status == "closed"  # the mail failure undid nothing
    notification = Notification.objects.get(application=application, subject__contains="已办结")
    assert notification.sent_at is None and notification.attempts == 1
    assert "拒绝连接" in notification.last_error and notification.state == "发送失败，待重试"
    assert application.number in notification.subject
    # Officers see it, on the queue and on the case page.
    client.force_login(officer)
    assert 'id="failed-notifications"' in client.get("/admin/applications/").content.decode()
    page = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "发送失败，待重试" in page and "重新发送" in page
    # The applicant still finds the letter on the status page.
    status = client.post(
        "/applications/status/",
        {"number": application.number, "code": application.lookup_code},
        follow=True,
    )
    assert "政府信息公开申请答复书" in status.content.decode()
    # The daily retry sends it once the server is back (not before RETRY_AFTER).
    assert tasks.retry_notifications() == 0
    later = timezone.now() + RETRY_AFTER + timedelta(seconds=1)
    assert tasks.retry_notifications(now=later) == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.state == "已发送"
    assert [m.subject for m in mailoutbox] == [notification.subject]


def test_an_officer_resends_by_hand(
    make_application, officer, client, django_capture_on_commit_callbacks
):
    application = make_application()
    with override_settings(EMAIL_BACKEND=FAILING):
        reply(application, officer, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(application=application, subject__contains="已办结")
    client.force_login(officer)
    response = client.post(
        f"/admin/applications/{application.pk}/notifications/{notification.pk}/resend/",
        follow=True,
    )
    assert "已重新发送：已发送" in response.content.decode()


def test_retries_stop_after_the_last_attempt(
    make_application, officer, django_capture_on_commit_callbacks
):
    application = make_application()
    with override_settings(EMAIL_BACKEND=FAILING):
        reply(application, officer, django_capture_on_commit_callbacks)
        notification = Notification.objects.get(application=application, subject__contains="已办结")
        for attempt in range(Notification.MAX_ATTEMPTS):
            later = timezone.now() + (attempt + 1) * (RETRY_AFTER + timedelta(seconds=1))
            tasks.retry_notifications(now=later)
    notification.refresh_from_db()
    assert notification.attempts == Notification.MAX_ATTEMPTS
    assert notification.state == "发送失败（已停止重试）"


def _production(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "EMAIL_URL", "EMAIL_BACKEND"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="zwfwj.example.gov.cn",
        APPLICATIONS_ENCRYPTION_KEYS="ci:00112233445566778899aabbccddeeff",
        **extra,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("extra", "starts"),
    [
        ({}, False),  # nothing configured: no longer the console backend
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, False),
        ({"EMAIL_URL": "console://"}, False),
        ({"EMAIL_URL": "nonsense://mail"}, False),
        ({"EMAIL_URL": "submission://portal:pw@mail.example.gov.cn:587"}, True),
        ({"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}, True),
    ],
)
def test_production_needs_a_real_mail_backend(extra, starts):
    result = _production(**extra)
    assert (result.returncode == 0) == starts, result.stderr[-600:]
    if not starts:
        assert "EMAIL" in result.stderr
