"""/healthz, /readyz, the worker heartbeat and the admin's 系统状态 (portal/health.py)."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from disclosure.models import CalendarYear
from portal import health
from portal.models import WorkerHeartbeat
from portal.tasks import heartbeat_waiting
from search import service
from search.models import IndexOutbox

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def readyz(client):
    response = client.get("/readyz")
    return response, json.loads(response.content)


@pytest.fixture(autouse=True)
def no_migration_backlog(db):
    """Search migration 0003 queues every live page of a new database for indexing; in tests no
    worker drains those rows, so a run longer than OUTBOX_STALE would see them as stuck."""
    from search.models import IndexOutbox

    IndexOutbox.objects.filter(reason="initial").delete()


@pytest.fixture
def no_search(settings):
    settings.ELASTICSEARCH_URL = ""
    service.reset_elasticsearch_state()
    return settings


@pytest.mark.django_db
def test_healthz_is_cheap(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert [q["sql"] for q in queries.captured_queries] == ["SELECT 1"]
    assert "Set-Cookie" not in response.headers and "no-cache" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_healthz_says_when_the_database_is_gone(client, monkeypatch):
    class Unreachable:
        vendor = "sqlite"

        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503 and b"database" in response.content
    response, body = readyz(client)
    assert response.status_code == 503 and body["checks"]["database"]["status"] == "error"


@pytest.mark.django_db
def test_readyz_reports_every_check(client, no_search):
    response, body = readyz(client)
    assert set(body["checks"]) == {"database", "search", "outbox", "worker", "calendar", "mail"}
    assert body["checks"]["database"]["status"] == "ok"
    # No Elasticsearch configured: a warning, the site still answers.
    assert body["checks"]["search"]["status"] == "warning"
    assert "数据库检索" in body["checks"]["search"]["detail"]
    # Tests run tasks inline: no worker to watch.
    assert body["checks"]["worker"]["data"]["inline"] is True
    assert response.status_code == 200 and body["status"] == "warning", body


@pytest.mark.django_db
def test_readyz_holds_no_secret_or_address(client, settings):
    settings.ELASTICSEARCH_URL = "http://portal:pa55word@127.0.0.1:9/"
    settings.ELASTICSEARCH_PASSWORD = ""
    service.reset_elasticsearch_state()
    response, body = readyz(client)
    assert body["checks"]["search"]["status"] == "error" and response.status_code == 503
    text = response.content.decode()
    assert "pa55word" not in text and "127.0.0.1" not in text and "portal:" not in text


@pytest.mark.django_db
def test_a_stuck_outbox_is_an_error(client, no_search):
    IndexOutbox.objects.all().delete()
    _response, body = readyz(client)
    assert body["checks"]["outbox"]["status"] == "ok"
    assert body["checks"]["outbox"]["data"]["pending"] == 0
    row = IndexOutbox.objects.create(page_id=1, action="index")
    _response, body = readyz(client)
    assert body["checks"]["outbox"]["status"] == "ok"
    assert body["checks"]["outbox"]["data"]["pending"] == 1
    IndexOutbox.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=20), attempts=3
    )
    response, body = readyz(client)
    assert body["checks"]["outbox"]["status"] == "error" and response.status_code == 503
    assert body["checks"]["outbox"]["data"]["failing"] == 1


@pytest.mark.django_db
def test_calendar_of_this_and_next_year(client, no_search):
    year = timezone.localdate().year
    CalendarYear.objects.filter(year=year + 1).delete()
    _response, body = readyz(client)
    assert body["checks"]["calendar"]["status"] == "warning"
    assert f"{year + 1}年" in body["checks"]["calendar"]["detail"]
    CalendarYear.objects.filter(year=year).delete()
    response, body = readyz(client)
    assert body["checks"]["calendar"]["status"] == "error" and response.status_code == 503


@pytest.mark.django_db
def test_mail_backend_that_delivers_nothing_is_flagged(client, no_search, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    _response, body = readyz(client)
    assert body["checks"]["mail"]["status"] == "warning"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    _response, body = readyz(client)
    assert body["checks"]["mail"] == {
        "label": "邮件",
        "status": "ok",
        "detail": "邮件后端为 smtp。",
        "data": {"backend": "smtp"},
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_heartbeat(client, no_search, settings):
    """A real db_worker runs the beat; the beat queues the next one; readyz reads its age."""
    settings.TASKS = DATABASE_TASKS
    _response, body = readyz(client)
    assert body["checks"]["worker"]["status"] == "error"  # never beaten
    call_command("worker_heartbeat", stdout=open("/dev/null", "w"))
    assert heartbeat_waiting()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    beat = WorkerHeartbeat.objects.get().beat_at
    assert timezone.now() - beat < dt.timedelta(seconds=30)
    # The next beat waits in the queue (a minute later); no second one is queued beside it.
    assert heartbeat_waiting()
    out = []

    class Out:
        def write(self, text):
            out.append(text)

    call_command("worker_heartbeat", stdout=Out())
    assert "无需排入" in "".join(out)
    _response, body = readyz(client)
    assert body["checks"]["worker"]["status"] == "ok"
    assert body["checks"]["worker"]["data"]["heartbeat_age_seconds"] < 30
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - dt.timedelta(minutes=5))
    response, body = readyz(client)
    assert body["checks"]["worker"]["status"] == "error" and response.status_code == 503


@pytest.mark.django_db
def test_admin_status_page_and_search_notice(client, django_user_model, no_search):
    admin = django_user_model.objects.create_user(username="site-admin", password="pw-x-1234567")
    admin.groups.add(Group.objects.get(name="管理员"))
    client.force_login(admin)
    page = client.get("/admin/system-status/").content.decode()
    for label in ("数据库", "全文检索（Elasticsearch）", "后台任务 worker", "工作日历", "邮件"):
        assert label in page
    home = client.get("/admin/").content.decode()
    assert "站内搜索使用数据库检索" in home and "未配置 Elasticsearch" in home
    assert "/admin/system-status/" in home
