"""Background tasks (django-tasks): inline in development, the database queue in production."""

from django_tasks import task

from .models import MonitorRun
from .runner import execute_run


@task()
def monitor_run_task(run_id):
    run = MonitorRun.objects.get(pk=run_id)
    if run.status != MonitorRun.Status.QUEUED:
        return run.summary  # already carried out (a retried task must not run twice)
    return execute_run(run)
