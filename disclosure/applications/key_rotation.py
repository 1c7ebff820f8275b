"""What both key-rotation commands share (rotate_application_keys for 依申请公开,
rotate_interaction_keys for 互动交流; one key ring, APPLICATIONS_ENCRYPTION_KEYS): counting
the stored values per key straight from the tables, and the report that says whether an old
key may be removed."""

from collections import Counter

from django.db import connection

from . import crypto

UNENCRYPTED = "（未加密）"


def stored_key_ids(columns) -> Counter:
    """How many stored values each key encrypted; ``columns`` are (model, column name) pairs."""
    counts = Counter()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, column in columns:
            cursor.execute(
                f"SELECT {quote(column)} FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(column)} IS NOT NULL"
            )
            for (value,) in cursor.fetchall():
                if value in ("", b""):
                    continue
                if isinstance(value, memoryview):
                    value = bytes(value)
                counts[crypto.key_id_of(value) or UNENCRYPTED] += 1
    return counts


def write_report(command, counts: Counter, ring, all_current: str) -> None:
    """Print the count per key on the command's stdout, then a warning while any value is
    under another key than the current one, else ``all_current``."""
    for key_id, count in sorted(counts.items()):
        marker = "（当前密钥）" if key_id == ring.current_id else ""
        command.stdout.write(f"{key_id}{marker}：{count} 条")
    stale = sum(n for key_id, n in counts.items() if key_id != ring.current_id)
    if stale:
        command.stdout.write(command.style.WARNING(f"仍有 {stale} 条数据未使用当前密钥加密"))
    else:
        command.stdout.write(command.style.SUCCESS(all_current))
