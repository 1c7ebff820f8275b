"""manage.py monitor_pull_feeds: pull new posts from every account's RSS/Atom/JSON feed."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from monitoring.importers import ImportError_, pull_account_feed
from monitoring.models import NewMediaAccount


class Command(BaseCommand):
    help = "从各政务新媒体账号的信息源（RSS、Atom 或 JSON Feed）拉取发文。"

    def handle(self, *args, **options):
        accounts = NewMediaAccount.objects.exclude(feed_url="").exclude(
            lifecycle=NewMediaAccount.Lifecycle.CLOSED
        )
        created_total = failed = 0
        for account in tqdm(
            list(accounts), desc="拉取信息源", unit="个账号", disable=options["verbosity"] == 0
        ):
            try:
                created, updated = pull_account_feed(account)
            except ImportError_ as error:
                failed += 1
                self.stderr.write(f"{account.name}：{error}")
                continue
            created_total += created
        self.stdout.write(f"拉取完成：新增发文 {created_total} 条，失败 {failed} 个账号。")
