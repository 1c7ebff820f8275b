"""Index the 主题分类 rows that 0004 seeded for Wagtail's admin search (the chooser's search
found nothing: rows written by a migration send no signals, so they were never indexed).

The real model is used on purpose: indexing needs its search fields, which a historical model
does not have. Topics saved later are indexed by Wagtail's own post_save handler."""

from django.apps import apps as global_apps
from django.db import migrations
from wagtail.search.index import insert_or_update_object


def index_topics(apps, schema_editor):
    Topic = global_apps.get_model("disclosure", "Topic")
    for topic in Topic.objects.using(schema_editor.connection.alias).select_related("parent"):
        insert_or_update_object(topic)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0005_role_permissions"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(index_topics, migrations.RunPython.noop)]
