"""The database backend's full-text side table: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from search.backends.database import create_fts_table

    create_fts_table(schema_editor)


def drop(apps, schema_editor):
    from search.backends.database import drop_fts_table

    drop_fts_table(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_models")]

    operations = [migrations.RunPython(create, drop)]
