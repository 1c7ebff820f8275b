"""The database backend's full-text side table: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

The SQL is written out here (not imported from search.backends.database) so the migration
stays what it was when it ran, whatever the backend code becomes.
"""

from django.db import migrations

FTS_TABLE = "search_fts"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {FTS_TABLE} "
            "(entry_id bigint PRIMARY KEY, vector tsvector NOT NULL)"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {FTS_TABLE}_vector ON {FTS_TABLE} USING gin (vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_models")]

    operations = [migrations.RunPython(create, drop)]
