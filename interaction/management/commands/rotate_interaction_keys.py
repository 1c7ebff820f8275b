"""Re-encrypt writers' personal data (name, phone, email) under the current SM4 key.

Messages share the 依申请公开 key ring (APPLICATIONS_ENCRYPTION_KEYS). When rotating keys, run
this after `manage.py rotate_application_keys` and before removing the old key:

    manage.py rotate_interaction_keys            re-encrypt every message
    manage.py rotate_interaction_keys --check    count the values per key
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from tqdm import tqdm

from disclosure.applications import crypto
from interaction.models import Message
from interaction.personal_data import PERSONAL_FIELDS


def stored_key_ids() -> Counter:
    """How many stored values each key encrypted, read straight from the table."""
    counts = Counter()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for column in PERSONAL_FIELDS:
            cursor.execute(
                f"SELECT {quote(column)} FROM {quote(Message._meta.db_table)} "
                f"WHERE {quote(column)} IS NOT NULL AND {quote(column)} <> ''"
            )
            for (value,) in cursor.fetchall():
                counts[crypto.key_id_of(value) or "（未加密）"] += 1
    return counts


class Command(BaseCommand):
    help = "用当前密钥重新加密留言人个人信息（SM4-GCM），用于轮换密钥。"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只统计各密钥加密的数据条数")

    def handle(self, *args, check=False, **options):
        try:
            ring = crypto.key_ring()
        except crypto.KeyConfigurationError as error:
            raise CommandError(str(error)) from None
        if not check:
            found = Message.objects.order_by("pk")
            for message in tqdm(
                found.iterator(), total=found.count(), desc="留言", unit="条", file=self.stderr
            ):
                with transaction.atomic():
                    # Reading decrypts (with whichever key made the value); saving a value
                    # that was read encrypts it again under the current key, bound to the row.
                    for name in PERSONAL_FIELDS:
                        setattr(message, name, getattr(message, name))
                    message.save(update_fields=list(PERSONAL_FIELDS))
        counts = stored_key_ids()
        for key_id, count in sorted(counts.items()):
            marker = "（当前密钥）" if key_id == ring.current_id else ""
            self.stdout.write(f"{key_id}{marker}：{count} 条")
        stale = sum(n for key_id, n in counts.items() if key_id != ring.current_id)
        if stale:
            self.stdout.write(self.style.WARNING(f"仍有 {stale} 条数据未使用当前密钥加密"))
        else:
            self.stdout.write(self.style.SUCCESS("全部留言人信息均已使用当前密钥加密。"))
