"""Background tasks (django-tasks): inline in development, the database queue in production."""

from django_tasks import task

from disclosure.lifecycle import apply_scheduled_validity


@task()
def update_validity_task():
    """The daily 有效性 run (disclosure/lifecycle.py); returns how many documents changed."""
    return len(apply_scheduled_validity())
