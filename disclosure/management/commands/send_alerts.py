"""Queue the 订阅提醒 mails that failed again (disclosure/tasks.py). Run it daily (or hourly)
like the other scheduled commands; the mails themselves go out when published."""

from django.core.management.base import BaseCommand

from disclosure import tasks


class Command(BaseCommand):
    help = "重新发送发送失败的订阅提醒邮件（最多重试 5 次）。"

    def handle(self, *args, **options):
        count = tasks.retry_alert_mails()
        self.stdout.write(f"已重新排队 {count} 封订阅提醒邮件。")
