"""Background tasks of the project shell: the worker heartbeat.

A beat writes the time into WorkerHeartbeat and queues the next beat a minute later, so a
running `manage.py db_worker` keeps the row fresh on its own; /readyz and the admin's 系统状态
report its age. `manage.py worker_heartbeat` queues the first beat (the worker's systemd unit
runs it before starting the worker). Only one beat waits in the queue at a time: a beat that
finds another one waiting does not queue a second, so extra chains die out by themselves.
"""

import datetime as dt

from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend, task
from django_tasks_db.models import DBTaskResult

from portal.models import WorkerHeartbeat

HEARTBEAT_INTERVAL = dt.timedelta(seconds=60)


@task()
def worker_heartbeat():
    """Record that a worker is running tasks, then queue the next beat."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(pk=1, defaults={"beat_at": now})
    queue_heartbeat(run_after=now + HEARTBEAT_INTERVAL)
    return {"beat_at": now.isoformat()}


def heartbeat_waiting() -> bool:
    return (
        DBTaskResult.objects.filter(task_path=worker_heartbeat.module_path)
        .filter(status=TaskResultStatus.READY)
        .exists()
    )


def queue_heartbeat(run_after: dt.datetime | None = None) -> bool:
    """Queue a beat unless one is already waiting, or tasks run inline (no worker to watch).
    Returns whether one was queued."""
    if not default_task_backend.supports_defer or heartbeat_waiting():
        return False
    queued = worker_heartbeat.using(run_after=run_after) if run_after else worker_heartbeat
    queued.enqueue()
    return True
