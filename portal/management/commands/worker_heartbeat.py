from django.core.management.base import BaseCommand

from portal.tasks import queue_heartbeat


class Command(BaseCommand):
    help = "排入后台任务心跳（worker 启动前运行一次；之后心跳每分钟自行排入下一次）。"

    def handle(self, *args, **options):
        if queue_heartbeat():
            self.stdout.write("已排入心跳任务。")
        else:
            self.stdout.write("无需排入：已有心跳任务在队列中，或任务为即时执行（无 worker）。")
