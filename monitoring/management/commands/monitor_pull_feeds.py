"""manage.py monitor_pull_feeds: pull new posts from every account's RSS/Atom/JSON feed."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from monitoring.services import feed_accounts, pull_feeds


class Command(BaseCommand):
    help = "从各政务新媒体账号的信息源（RSS、Atom 或 JSON Feed）拉取发文。"

    def handle(self, *args, **options):
        accounts = tqdm(
            list(feed_accounts()),
            desc="拉取信息源",
            unit="个账号",
            disable=options["verbosity"] == 0,
        )
        created_total, failures = pull_feeds(accounts)
        for account, error in failures:
            self.stderr.write(f"{account.name}：{error}")
        self.stdout.write(f"拉取完成：新增发文 {created_total} 条，失败 {len(failures)} 个账号。")
