from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from disclosure import demo as disclosure_demo
from disclosure.annual_reports import demo as annual_reports_demo
from disclosure.applications import demo as applications_demo
from monitoring import demo as monitoring_demo
from portal import demo as portal_demo


class Command(BaseCommand):
    help = "载入伊金霍洛旗政务服务局的演示内容（可重复执行，不会重复创建）。"

    def handle(self, *args, **options):
        # Order matters: the site shell first, then what lives inside it.
        portal_demo.seed_demo(stdout=self.stdout)
        disclosure_demo.seed(stdout=self.stdout)
        applications_demo.seed(stdout=self.stdout)
        annual_reports_demo.seed(stdout=self.stdout)  # built from the demo cases above
        monitoring_demo.seed(stdout=self.stdout)
        if not get_user_model().objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "尚无管理员账号。请运行以下命令创建（密码由您设置，本系统没有默认密码）：\n"
                "    .venv/bin/python manage.py createsuperuser"
            )
