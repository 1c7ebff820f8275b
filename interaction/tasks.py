"""Background tasks (django-tasks): inline in development, the database queue in production."""

from django_tasks import task

from . import reminders


@task()
def send_reminders_task():
    """The daily reminders, for the db_worker (manage.py send_interaction_reminders --no-wait)."""
    return reminders.send()
