"""Re-encrypt the stored personal data so that each ciphertext names its row (issue 11).

Before: the associated data named the column ("applications.application.phone"), so a value
could be moved to another row and still decrypt. After: table, column and primary key
("applications_application.phone.17"), see crypto.row_context. Runs on the raw columns with
the configured keys (APPLICATIONS_ENCRYPTION_KEYS); every value is decrypted with the old
context and encrypted again under the current key.
"""

from django.db import migrations

from disclosure.applications import crypto

APPLICATION_COLUMNS = ("id_number", "phone", "email", "address")
BINARY_TABLES = (
    ("applications_identitydocument", "applications.identitydocument.data"),
    ("applications_pendingupload", "applications.pendingupload.data"),
)


def rebind(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, "
            + ", ".join(quote(c) for c in APPLICATION_COLUMNS)
            + " FROM applications_application"
        )
        rows = cursor.fetchall()
    if not rows and not _any_binary(connection):
        return
    ring = crypto.key_ring()
    with connection.cursor() as cursor:
        for pk, *values in rows:
            new = []
            for column, value in zip(APPLICATION_COLUMNS, values, strict=True):
                if not value:
                    new.append(value)
                    continue
                plain = crypto.decrypt(value, f"applications.application.{column}", ring)
                context = crypto.row_context("applications_application", column, pk)
                new.append(crypto.encrypt(plain, context, ring))
            cursor.execute(
                "UPDATE applications_application SET "
                + ", ".join(f"{quote(c)} = %s" for c in APPLICATION_COLUMNS)
                + " WHERE id = %s",
                [*new, pk],
            )
        for table, old_context in BINARY_TABLES:
            cursor.execute(f"SELECT id, data FROM {table} WHERE data IS NOT NULL")
            for pk, value in cursor.fetchall():
                value = bytes(value)
                if not value:
                    continue
                plain = crypto.decrypt_bytes(value, old_context, ring)
                context = crypto.row_context(table, "data", pk)
                cursor.execute(
                    f"UPDATE {table} SET data = %s WHERE id = %s",
                    [crypto.encrypt_bytes(plain, context, ring), pk],
                )


def _any_binary(connection):
    with connection.cursor() as cursor:
        for table, _ in BINARY_TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE data IS NOT NULL")
            if cursor.fetchone()[0]:
                return True
    return False


class Migration(migrations.Migration):
    dependencies = [("applications", "0006_pending_approvals_for_existing_heads")]

    # Not reversible: the old binding is the weakness this removes.
    operations = [migrations.RunPython(rebind, migrations.RunPython.noop)]
