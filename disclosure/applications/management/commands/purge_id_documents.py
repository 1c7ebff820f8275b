"""Delete ID and licence copies once their case has been archived for the retention period."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from disclosure.applications import conf, services
from disclosure.applications.models import IdentityDocument, PendingUpload


def due_for_deletion(today=None):
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=conf.id_document_retention_days())
    return IdentityDocument.objects.filter(
        data__isnull=False,
        application__archived_on__isnull=False,
        application__archived_on__lte=cutoff,
    )


def purge(today=None) -> int:
    """Empty every due document (the row stays, saying when it was deleted)."""
    count = 0
    documents = due_for_deletion(today)
    for document in tqdm(
        documents.iterator(),
        total=documents.count(),
        desc="删除身份证明文件",
        unit="份",
        disable=None,
    ):
        document.data = None
        document.size = 0
        document.deleted_at = timezone.now()
        document.save(update_fields=["data", "size", "deleted_at"])
        count += 1
    PendingUpload.purge_stale()
    services.purge_lookup_attempts()
    return count


class Command(BaseCommand):
    help = (
        "删除归档后超过保存期限的身份证明文件"
        "（期限由 APPLICATIONS_ID_DOCUMENT_RETENTION_DAYS 设置）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计，不删除")

    def handle(self, *args, dry_run=False, **options):
        days = conf.id_document_retention_days()
        if dry_run:
            count = due_for_deletion().count()
            self.stdout.write(f"归档满 {days} 天、待删除的身份证明文件：{count} 份")
            return
        self.stdout.write(f"已删除归档满 {days} 天的身份证明文件 {purge()} 份")
