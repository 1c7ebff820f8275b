"""What operators watch: the task worker's heartbeat (portal/tasks.py, portal/health.py)."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """One row: when a task worker last ran the heartbeat task. Its age tells whether a
    `manage.py db_worker` is alive and taking tasks from the queue."""

    beat_at = models.DateTimeField("最近一次心跳")

    class Meta:
        verbose_name = "后台任务心跳"
        verbose_name_plural = "后台任务心跳"
        default_permissions = ()
        permissions = [("view_system_status", "可查看系统状态")]

    def __str__(self):
        return f"{self.beat_at:%Y-%m-%d %H:%M:%S}"
