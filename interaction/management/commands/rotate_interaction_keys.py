"""Re-encrypt writers' personal data (name, phone, email) under the current SM4 key.

Messages share the 依申请公开 key ring (APPLICATIONS_ENCRYPTION_KEYS). When rotating keys, run
this after `manage.py rotate_application_keys` and before removing the old key:

    manage.py rotate_interaction_keys            re-encrypt every message
    manage.py rotate_interaction_keys --check    count the values per key
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from disclosure.applications import crypto
from disclosure.applications.key_rotation import stored_key_ids, write_report
from interaction.models import Message
from interaction.personal_data import PERSONAL_FIELDS


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
        columns = [(Message, name) for name in PERSONAL_FIELDS]
        write_report(self, stored_key_ids(columns), ring, "全部留言人信息均已使用当前密钥加密。")
