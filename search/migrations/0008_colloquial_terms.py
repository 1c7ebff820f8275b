"""The shipped colloquial ↔ official dictionary (search/data/colloquial_terms.yaml), loaded once.

The first groups of migrations 0003 and 0004 are replaced by the dictionary's fuller groups
with the same first term, but only where staff left them exactly as shipped.
"""

from django.db import migrations

from search import synonyms

FIRST_GROUPS = ["医保，医疗保障", "社保卡，社会保障卡", "公积金，住房公积金", "低保，最低生活保障"]
FIRST_GROUPS += ["年报，年度报告"]


def forwards(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=FIRST_GROUPS, seed_key="", enabled=True).delete()
    synonyms.load(Synonym)


def backwards(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.exclude(seed_key="").delete()


class Migration(migrations.Migration):
    dependencies = [('search', '0007_synonym_source')]

    operations = [migrations.RunPython(forwards, backwards)]
