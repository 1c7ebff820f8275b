"""Apply the 有效性 date rule: 失效 from the 废止日期, 有效 from the 生效日期 (run daily,
deploy/systemd/portal-update-validity.timer, just after midnight Beijing time).

--date YYYY-MM-DD runs it as of another day (to catch up, or to check what a day would do
with --dry-run). Each change is logged in the page's 历史记录.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.dates import DateNotUnderstood, parse_typed_date
from disclosure.lifecycle import apply_scheduled_validity, scheduled_changes
from disclosure.models import Validity

LABELS = dict(Validity.choices)


class Command(BaseCommand):
    help = "按生效日期、废止日期更新政策文件的有效性（每日运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算（默认今天，北京时间），如 2026-01-01")
        parser.add_argument("--dry-run", action="store_true", help="只列出将变更的文件")

    def handle(self, *args, date=None, dry_run=False, **options):
        try:
            today = parse_typed_date(date) if date else timezone.localdate()
        except DateNotUnderstood as error:
            raise CommandError(str(error)) from None
        if dry_run:
            changes = [(page, page.validity, new) for page, new in scheduled_changes(today)]
        else:
            changes = [(c.page, c.old, c.new) for c in apply_scheduled_validity(today)]
        for page, old, new in changes:
            self.stdout.write(
                f"{page.index_number or page.pk} {page.title}：{LABELS[old]} → {LABELS[new]}"
            )
        verb = "将变更" if dry_run else "已变更"
        self.stdout.write(f"{today:%Y-%m-%d}：{verb} {len(changes)} 份文件的有效性。")
