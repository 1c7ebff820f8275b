"""Personal data: SM4-GCM at rest (checked with raw SQL), masked by default, full view only
for the assigned officer or the office head and always logged, key rotation, ID copies
encrypted and deleted after the retention period, and production refusing to run keyless."""

import io
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from disclosure.applications import crypto, services
from disclosure.applications.key_rotation import stored_key_ids
from disclosure.applications.management.commands.rotate_application_keys import (
    ENCRYPTED_COLUMNS,
)
from disclosure.applications.models import Application, IdentityDocument, PersonalDataAccess
from disclosure.applications.personal_data import mask_address, mask_email
from disclosure.applications.workflow import Action

BASE_DIR = Path(__file__).resolve().parents[2]
PHONE = "13904770001"
EMAIL = "wang@example.com"
ADDRESS = "内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇测试路1号"


def raw_row(application):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, email, address, applicant_digest "
            "FROM applications_application WHERE id = %s",
            [application.pk],
        )
        return cursor.fetchone()


def test_no_plaintext_personal_data_in_the_database(make_application, ids):
    number = ids.resident_id()
    application = make_application(id_number=number)
    row = raw_row(application)
    for stored, plain in zip(row[:4], [number, PHONE, EMAIL, ADDRESS], strict=True):
        assert stored.startswith("sm4gcm$test$")
        assert plain not in stored
    # Nowhere in the whole row, and nowhere in the table dump either.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM applications_application")
        dump = repr(cursor.fetchall())
        cursor.execute("SELECT * FROM applications_transition")
        dump += repr(cursor.fetchall())
    assert number not in dump and number[-8:] not in dump and PHONE not in dump
    # The ORM gives the plain values back.
    fresh = Application.objects.get(pk=application.pk)
    assert (fresh.id_number, fresh.phone, fresh.email, fresh.address) == (
        number,
        PHONE,
        EMAIL,
        ADDRESS,
    )


def test_same_value_encrypts_differently_and_is_bound_to_its_column(make_application):
    first, second = make_application(), make_application()
    assert raw_row(first)[1] != raw_row(second)[1]  # random nonce: same phone, other bytes
    # A ciphertext copied into another column does not decrypt (associated data).
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE applications_application SET email = phone WHERE id = %s", [first.pk]
        )
    with pytest.raises(crypto.DecryptionError, match="校验失败"):
        _ = Application.objects.get(pk=first.pk).email


def test_ciphertexts_are_bound_to_their_row(make_application):
    first, second = make_application(), make_application(phone="13904779999")
    # Moved to another row, the same column's ciphertext does not decrypt either (issue 11).
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE applications_application SET phone = "
            "(SELECT phone FROM applications_application WHERE id = %s) WHERE id = %s",
            [second.pk, first.pk],
        )
    with pytest.raises(crypto.DecryptionError, match="校验失败"):
        _ = Application.objects.get(pk=first.pk).phone
    assert Application.objects.get(pk=second.pk).phone == "13904779999"
    # Plaintext cannot slip in around the model either.
    with pytest.raises(ValueError, match="只能通过模型的 save"):
        Application.objects.filter(pk=first.pk).update(phone="13900000000")


def test_old_column_bound_ciphertexts_are_rebound_by_the_migration(make_application):
    import importlib

    from django.db import connection as conn

    rebind = importlib.import_module(
        "disclosure.applications.migrations.0007_bind_ciphertexts_to_their_rows"
    ).rebind
    application = make_application()
    old = crypto.encrypt("13904771111", "applications.application.phone")
    with conn.cursor() as cursor:
        cursor.execute(
            "UPDATE applications_application SET phone = %s, email = %s, address = %s, "
            "id_number = %s WHERE id = %s",
            [
                old,
                crypto.encrypt("a@example.com", "applications.application.email"),
                "",
                crypto.encrypt("X1234567", "applications.application.id_number"),
                application.pk,
            ],
        )

    class Editor:
        connection = conn

    rebind(None, Editor())
    fresh = Application.objects.get(pk=application.pk)
    assert (fresh.phone, fresh.email, fresh.id_number) == (
        "13904771111",
        "a@example.com",
        "X1234567",
    )


def test_tampered_ciphertext_is_refused():
    token = crypto.encrypt("13904770001", "ctx")
    head, body = token.rsplit("$", 1)
    flipped = body[:-3] + ("A" if body[-3] != "A" else "B") + body[-2:]
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{head}${flipped}", "ctx")
    assert crypto.decrypt(token, "ctx") == "13904770001"


def test_masks():
    assert mask_email("wang@example.com") == "w***@example.com"
    assert mask_address(ADDRESS) == "内蒙古自治区****"


def test_admin_page_shows_masked_values_to_other_officers(
    client, make_application, other_officer, ids
):
    number = ids.resident_id()
    application = make_application(id_number=number)
    client.force_login(other_officer)
    page = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert number not in page and PHONE not in page and EMAIL not in page
    assert number[:6] + "********" + number[-4:] in page
    assert "139****0001" in page and "w***@example.com" in page
    assert "查看完整个人信息" not in page
    response = client.post(f"/admin/applications/{application.pk}/personal-data/")
    assert response.status_code == 302
    assert PersonalDataAccess.objects.count() == 0


@pytest.mark.parametrize("who", ["officer", "head"])
def test_full_view_for_assigned_officer_or_head_is_logged(
    who, request, client, make_application, ids
):
    user = request.getfixturevalue(who)
    number = ids.resident_id()
    application = make_application(id_number=number)
    client.force_login(user)
    page = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "查看完整个人信息（将被记录）" in page and number not in page
    full = client.post(f"/admin/applications/{application.pk}/personal-data/")
    assert full.status_code == 200
    text = full.content.decode()
    assert number in text and PHONE in text and ADDRESS in text
    access = PersonalDataAccess.objects.get()
    assert access.user == user and access.application == application
    assert access.what == "personal_data"
    # Viewing is a deliberate act: a GET does not reveal anything.
    assert client.get(f"/admin/applications/{application.pk}/personal-data/").status_code == 405


def test_identity_document_encrypted_viewable_and_purged(make_application, officer, client):
    from PIL import Image

    application = make_application()
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    services.store_identity_document(
        application, services.UploadedDocument("image/png", buffer.getvalue())
    )
    stored = bytes(IdentityDocument.objects.get().data)
    assert stored.startswith(b"sm4gcm$test$") and b"IHDR" not in stored
    client.force_login(officer)
    response = client.post(f"/admin/applications/{application.pk}/id-document/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content == buffer.getvalue()
    assert PersonalDataAccess.objects.get().what == "id_document"
    # Archive, then purge after the retention period (default 180 days).
    services.perform(
        application,
        Action.REPLY,
        actor=officer,
        reason="答复",
        effective_on=date(2025, 3, 10),
        resolution="granted",
    )
    services.perform(
        application, Action.ARCHIVE, actor=officer, reason="归档", effective_on=date(2025, 3, 12)
    )
    from disclosure.applications.management.commands import purge_id_documents

    assert purge_id_documents.purge(today=date(2025, 3, 12) + timedelta(days=179)) == 0
    assert purge_id_documents.purge(today=date(2025, 3, 12) + timedelta(days=180)) == 1
    document = IdentityDocument.objects.get()
    assert document.data is None and document.deleted_at is not None
    page = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "按保存期限删除" in page


def test_key_rotation(make_application, ids):
    number = ids.resident_id()
    application = make_application(id_number=number)
    old_digest = raw_row(application)[4]
    assert stored_key_ids(ENCRYPTED_COLUMNS) == {"test": 4}
    new = crypto.generate_key_item("k2026")
    old = "test:f0e1d2c3b4a5968778695a4b3c2d1e0f"
    with override_settings(APPLICATIONS_ENCRYPTION_KEYS=[new, old]):
        # Old data still reads with the old key listed second.
        assert Application.objects.get(pk=application.pk).id_number == number
        out = io.StringIO()
        call_command("rotate_application_keys", stdout=out, stderr=io.StringIO())
        assert "全部数据均已使用当前密钥加密" in out.getvalue()
        assert stored_key_ids(ENCRYPTED_COLUMNS) == {"k2026": 4}
        row = raw_row(application)
        assert row[0].startswith("sm4gcm$k2026$") and row[4] != old_digest
    with override_settings(APPLICATIONS_ENCRYPTION_KEYS=[new]):  # old key removed
        assert Application.objects.get(pk=application.pk).id_number == number
    with pytest.raises(crypto.DecryptionError, match="缺少解密所需的密钥“k2026”"):
        _ = Application.objects.get(pk=application.pk).id_number  # back on the old key alone


def test_key_configuration_is_checked():
    with pytest.raises(crypto.KeyConfigurationError, match="16字节"):
        crypto.KeyRing.parse(["a:00ff"])
    with pytest.raises(crypto.KeyConfigurationError, match="未配置"):
        crypto.KeyRing.parse([])
    with pytest.raises(crypto.KeyConfigurationError, match="重复"):
        crypto.KeyRing.parse(["a:" + "00" * 16, "a:" + "11" * 16])


def _production_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "APPLICATIONS_ENCRYPTION_KEYS",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="zwfwj.example.gov.cn",
        EMAIL_URL="submission://portal:secret@mail.example.gov.cn:587",
        **extra,
    )
    return env


def test_production_refuses_to_start_without_a_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=_production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "APPLICATIONS_ENCRYPTION_KEYS" in result.stderr
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        env=_production_env(APPLICATIONS_ENCRYPTION_KEYS="bad-key"),
    )
    assert result.returncode != 0 and "applications.E001" in result.stderr + result.stdout
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        env=_production_env(APPLICATIONS_ENCRYPTION_KEYS=crypto.generate_key_item("prod1")),
    )
    assert result.returncode == 0, result.stderr


def test_status_change_emails_contain_no_personal_data(
    make_application, officer, mailoutbox, ids, django_capture_on_commit_callbacks
):
    number = ids.resident_id()
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application(id_number=number)
        services.perform(
            application,
            Action.REPLY,
            actor=officer,
            reason="答复",
            effective_on=timezone.localdate(),
            resolution="granted",
        )
    assert [m.to for m in mailoutbox] == [[EMAIL], [EMAIL]]
    last = mailoutbox[-1]
    assert application.number in last.subject and "已办结" in last.subject
    assert "/applications/status/" in last.body
    for message in mailoutbox:
        assert number not in message.body and PHONE not in message.body
        assert "王建国" not in message.body
