"""manage.py send_interaction_reminders [--no-wait]

E-mails each handler about their messages due within INTERACTION_REMINDER_WORKING_DAYS
working days or overdue. Run once a working day from cron; with --no-wait the work is handed
to the background worker (django-tasks) instead of being done in this process.
"""

from django.core.management.base import BaseCommand

from interaction import reminders
from interaction.tasks import send_reminders_task


class Command(BaseCommand):
    help = "向办理人发送即将到期和已超期留言的提醒邮件（建议每个工作日运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--no-wait", action="store_true", help="只提交后台任务，不等待完成")

    def handle(self, *args, no_wait=False, **options):
        if no_wait:
            result = send_reminders_task.enqueue()
            self.stdout.write(f"已提交后台任务 {result.id}。")
            return
        self.stdout.write(f"已发送提醒邮件 {reminders.send()} 封")
