"""manage.py create_unit_groups <unit>... | --all: a unit's staff groups, permissions,
collection and workflow (disclosure/unit_roles.py). Idempotent."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from disclosure.models import Organisation
from disclosure.unit_roles import UnitSetupError, create_unit_groups
from disclosure.units import units


class Command(BaseCommand):
    help = (
        "为单位建立编辑、审核、签发、依申请公开、内容监管用户组及其栏目权限和审批流程"
        "（可重复执行）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("units", nargs="*", help="单位全称、简称或统一社会信用代码（可写多个）")
        parser.add_argument("--all", action="store_true", help="所有已设置栏目根页面的单位")

    def handle(self, *args, **options):
        if options["all"]:
            chosen = list(units())
        elif options["units"]:
            chosen = [self.find(text) for text in options["units"]]
        else:
            raise CommandError("请写出单位名称，或使用 --all 处理所有单位。")
        if not chosen:
            self.stdout.write("没有已设置栏目根页面的单位。")
        for unit in chosen:
            try:
                setup = create_unit_groups(unit)
            except UnitSetupError as error:
                raise CommandError(str(error)) from None
            made = "，新建：" + "、".join(setup.created) if setup.created else "，无需新建"
            self.stdout.write(f"{unit.name}：用户组 {len(setup.groups)} 个{made}。")

    def find(self, text):
        text = text.strip()
        found = list(
            Organisation.objects.filter(Q(name=text) | Q(short_name=text) | Q(uscc=text.upper()))
        )
        if len(found) != 1:
            problem = "找不到" if not found else "有多个"
            raise CommandError(f"{problem}名称或代码为“{text}”的单位。")
        return found[0]
