"""Re-encrypt applicants' personal data under the current SM4 key.

Rotation:
1. generate a key:            manage.py rotate_application_keys --new-key 2026a
2. put it FIRST in APPLICATIONS_ENCRYPTION_KEYS, keep the old key(s) after it, restart;
3. re-encrypt everything:     manage.py rotate_application_keys
4. check nothing is left:     manage.py rotate_application_keys --check
5. remove the old key from the environment and restart.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from disclosure.applications import crypto, services
from disclosure.applications.key_rotation import stored_key_ids, write_report
from disclosure.applications.models import Application, IdentityDocument, PendingUpload

ENCRYPTED_APPLICATION_FIELDS = ("id_number", "phone", "email", "address")


ENCRYPTED_COLUMNS = [(Application, name) for name in ENCRYPTED_APPLICATION_FIELDS] + [
    (IdentityDocument, "data"),
    (PendingUpload, "data"),
]


class Command(BaseCommand):
    help = "用当前密钥重新加密申请人个人信息（SM4-GCM），用于轮换密钥。"

    def add_arguments(self, parser):
        parser.add_argument("--new-key", metavar="KEY_ID", help="生成一个新密钥并打印，不修改数据")
        parser.add_argument("--check", action="store_true", help="只统计各密钥加密的数据条数")

    def handle(self, *args, new_key=None, check=False, **options):
        if new_key:
            if not crypto.KEY_ID.match(new_key):
                raise CommandError("密钥编号只能使用字母、数字、-和_，最长32位")
            self.stdout.write(crypto.generate_key_item(new_key))
            self.stdout.write(
                "请将其放在 APPLICATIONS_ENCRYPTION_KEYS 的最前面，保留旧密钥，重启后再运行本命令。"
            )
            return
        try:
            ring = crypto.key_ring()
        except crypto.KeyConfigurationError as error:
            raise CommandError(str(error)) from None
        if check:
            self._report(ring)
            return
        applications = Application.objects.order_by("pk")
        for application in tqdm(
            applications.iterator(),
            total=applications.count(),
            desc="申请",
            unit="件",
            file=self.stderr,
        ):
            with transaction.atomic():
                # Reading decrypts (with whichever key made the value); saving a value that
                # was read encrypts it again under the current key, bound to the same row.
                for name in ENCRYPTED_APPLICATION_FIELDS:
                    setattr(application, name, getattr(application, name))
                application.applicant_digest = services.applicant_digest(
                    application.id_type, application.id_number
                )
                application.save(update_fields=[*ENCRYPTED_APPLICATION_FIELDS, "applicant_digest"])
        for model in (IdentityDocument, PendingUpload):
            rows = model.objects.exclude(data=None).order_by("pk")
            for row in tqdm(
                rows.iterator(),
                total=rows.count(),
                desc=model._meta.verbose_name,
                unit="份",
                file=self.stderr,
            ):
                context = crypto.row_context(model._meta.db_table, "data", row.pk)
                plain = crypto.decrypt_bytes(row.data, context, ring)
                row.data = crypto.encrypt_bytes(plain, context, ring)
                row.save(update_fields=["data"])
        self._report(ring)

    def _report(self, ring):
        write_report(
            self,
            stored_key_ids(ENCRYPTED_COLUMNS),
            ring,
            "全部数据均已使用当前密钥加密，可以移除旧密钥。",
        )
