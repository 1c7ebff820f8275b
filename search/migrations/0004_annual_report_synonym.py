"""年报 ↔ 年度报告: citizens search 政府信息公开年报, the reports are titled …年度报告."""

from django.db import migrations

TERMS = "年报，年度报告"


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.get_or_create(terms=TERMS)


def remove(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms=TERMS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_permissions_synonyms_backlog")]

    operations = [migrations.RunPython(add, remove)]
