from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from portal.demo import (
    annual_reports,
    applications,
    disclosure,
    home,
    interaction,
    mongolian,
    monitoring,
    site,
    units,
)


class Command(BaseCommand):
    help = "载入伊金霍洛旗政务服务局的演示内容（可重复执行，不会重复创建）。"

    def handle(self, *args, **options):
        # Order matters: the site shell first, then what lives inside it; the units (集约化)
        # after the bureau's own section, before the cases addressed to them; the annual
        # reports are computed from the demo cases. The data is in portal/demo_data/.
        site.load(stdout=self.stdout)
        disclosure.load(stdout=self.stdout)
        units.load(stdout=self.stdout)
        applications.load(stdout=self.stdout)
        annual_reports.load(stdout=self.stdout)
        monitoring.load(stdout=self.stdout)
        interaction.load(stdout=self.stdout)
        home.load(stdout=self.stdout)  # last: its blocks link what the others created
        mongolian.load(stdout=self.stdout)  # translations of the finished Chinese pages
        if not get_user_model().objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "尚无管理员账号。请运行以下命令创建（密码由您设置，本系统没有默认密码）：\n"
                "    .venv/bin/python manage.py createsuperuser"
            )
