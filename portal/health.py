"""Health checks for operators (project shell: it reads search, disclosure and the task queue).

- `/healthz`: for the load balancer and systemd. Cheap: the process answers and the database
  takes `SELECT 1`. No session, no write. 200 "ok", or 503.
- `/readyz`: every check below as JSON; 503 when one of them is an error. For monitoring
  (nginx lets only loopback reach it, see deploy/nginx/portal.conf).
- 设置 → 系统状态 in the admin shows the same checks to people (permission
  portal.view_system_status, given to 管理员).

The checks report states, counts and ages only: no personal data, no URLs, hosts,
credentials or error texts that could carry them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Min
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from core.permissions import permission_required
from disclosure.models import CalendarYear
from portal.models import WorkerHeartbeat
from search import conf as search_conf
from search.backends import elastic
from search.models import IndexOutbox

OK, WARNING, ERROR = "ok", "warning", "error"
STATUS_LABELS = {OK: "正常", WARNING: "注意", ERROR: "故障"}
# The worker beats every minute (portal/tasks.py): three missed beats is a dead worker.
HEARTBEAT_STALE = dt.timedelta(minutes=3)
# Index changes normally leave the outbox within seconds; this old, the drain is failing.
OUTBOX_STALE = dt.timedelta(minutes=15)
# Mail backends that deliver nothing to anyone.
NON_DELIVERING_MAIL = ("console", "locmem", "dummy", "filebased")


@dataclass
class Check:
    name: str  # key for monitors
    label: str  # what it is, in Chinese
    status: str  # OK, WARNING or ERROR
    detail: str  # one Chinese sentence
    data: dict = field(default_factory=dict)  # numbers for monitors

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def _age_seconds(moment, now) -> int | None:
    return None if moment is None else max(int((now - moment).total_seconds()), 0)


def database_check() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return Check("database", "数据库", ERROR, "数据库无法连接。")
    return Check("database", "数据库", OK, f"可以连接（{connection.vendor}）。")


def search_check() -> Check:
    label = "全文检索（Elasticsearch）"
    nodes = search_conf.elasticsearch_nodes()
    if not nodes:
        return Check(
            "search",
            label,
            WARNING,
            "未配置 Elasticsearch（ELASTICSEARCH_URL 为空），站内搜索使用数据库检索。",
            {"configured": False},
        )
    try:
        health = elastic.cluster_health()
    except elastic.ERRORS as error:
        return Check(
            "search",
            label,
            ERROR,
            f"集群无法连接（{type(error).__name__}），站内搜索暂用数据库检索。",
            {"configured": True, "configured_nodes": len(nodes)},
        )
    status = {"green": OK, "yellow": WARNING}.get(health.get("status"), ERROR)
    data = {
        "configured": True,
        "configured_nodes": len(nodes),
        "cluster_status": health.get("status"),
        "number_of_nodes": health.get("number_of_nodes"),
        "unassigned_shards": health.get("unassigned_shards"),
    }
    detail = (
        f"集群状态 {health.get('status')}，{health.get('number_of_nodes')} 个节点在线，"
        f"未分配分片 {health.get('unassigned_shards')} 个。"
    )
    return Check("search", label, status, detail, data)


def outbox_check(now) -> Check:
    label = "搜索索引待办"
    rows = IndexOutbox.objects.all()
    pending = rows.count()
    failing = rows.filter(attempts__gt=0).count()
    oldest = rows.aggregate(oldest=Min("created_at"))["oldest"]
    data = {"pending": pending, "failing": failing, "oldest_age_seconds": _age_seconds(oldest, now)}
    if not pending:
        return Check("outbox", label, OK, "没有待写入索引的修改。", data)
    detail = (
        f"{pending} 条待写入，其中 {failing} 条重试中，"
        f"最早的已等待 {data['oldest_age_seconds']} 秒。"
    )
    if now - oldest > OUTBOX_STALE:
        return Check("outbox", label, ERROR, detail, data)
    return Check("outbox", label, WARNING if failing else OK, detail, data)


def worker_check(now) -> Check:
    label = "后台任务 worker"
    if not default_task_backend.supports_defer:
        return Check(
            "worker", label, OK, "任务即时执行（开发环境），不需要 worker。", {"inline": True}
        )
    beat = WorkerHeartbeat.objects.filter(pk=1).values_list("beat_at", flat=True).first()
    waiting = DBTaskResult.objects.ready()
    oldest_task = waiting.aggregate(oldest=Min("enqueued_at"))["oldest"]
    data = {
        "inline": False,
        "heartbeat_age_seconds": _age_seconds(beat, now),
        "tasks_waiting": waiting.count(),
        "oldest_task_age_seconds": _age_seconds(oldest_task, now),
    }
    if beat is None:
        return Check(
            "worker",
            label,
            ERROR,
            "从未收到 worker 心跳：请启动 manage.py db_worker 并运行 manage.py worker_heartbeat。",
            data,
        )
    detail = (
        f"最近一次心跳在 {data['heartbeat_age_seconds']} 秒前，队列中 {data['tasks_waiting']} "
        "个任务待执行。"
    )
    return Check("worker", label, ERROR if now - beat > HEARTBEAT_STALE else OK, detail, data)


def calendar_check(today) -> Check:
    label = "工作日历"
    complete = set(CalendarYear.objects.filter(complete=True).values_list("year", flat=True))
    data = {"this_year": today.year in complete, "next_year": today.year + 1 in complete}
    if not data["this_year"]:
        return Check(
            "calendar",
            label,
            ERROR,
            f"{today.year}年工作日历未载入，依申请公开期限无法计算：请运行 manage.py seed_calendar "
            "或在后台录入。",
            data,
        )
    if not data["next_year"]:
        return Check(
            "calendar",
            label,
            WARNING,
            f"{today.year + 1}年工作日历尚未载入：国务院办公厅公布次年节假日安排后，升级 "
            "chinese-calendar 并运行 manage.py seed_calendar，或在后台录入。",
            data,
        )
    return Check("calendar", label, OK, f"已载入{today.year}年和{today.year + 1}年。", data)


def mail_check() -> Check:
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]  # "smtp", "console", ...
    data = {"backend": backend}
    if backend in NON_DELIVERING_MAIL and not settings.DEBUG:
        return Check("mail", "邮件", WARNING, f"邮件后端为 {backend}，邮件不会真正发出。", data)
    return Check("mail", "邮件", OK, f"邮件后端为 {backend}。", data)


def all_checks() -> list[Check]:
    now = timezone.now()
    database = database_check()
    if database.status == ERROR:  # every other check reads the database
        return [database, search_check(), mail_check()]
    return [
        database,
        search_check(),
        outbox_check(now),
        worker_check(now),
        calendar_check(timezone.localdate(now)),
        mail_check(),
    ]


def overall(checks) -> str:
    statuses = {check.status for check in checks}
    return ERROR if ERROR in statuses else WARNING if WARNING in statuses else OK


# --------------------------------------------------------------------------- views


@never_cache
@require_safe
def healthz(request):
    """Process up and database reachable."""
    if database_check().status == ERROR:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def _as_json(check: Check) -> dict:
    return {key: value for key, value in asdict(check).items() if key != "name"}


@never_cache
@require_safe
def readyz(request):
    checks = all_checks()
    status = overall(checks)
    body = {
        "status": status,
        "checked_at": timezone.now().isoformat(timespec="seconds"),
        "checks": {check.name: _as_json(check) for check in checks},
    }
    return JsonResponse(
        body, status=503 if status == ERROR else 200, json_dumps_params={"ensure_ascii": False}
    )


@never_cache
@permission_required("portal.view_system_status")
def system_status(request):
    checks = all_checks()
    return render(
        request,
        "portal/admin/system_status.html",
        {"checks": checks, "overall": STATUS_LABELS[overall(checks)]},
    )
