"""Search administration for staff, the first synonym group, and an outbox row per live page.

- 管理员 and 内容监管 may edit search synonyms and read the query statistics.
- 医保 ↔ 医疗保障 and three other common abbreviations are the first synonym groups (staff
  edit them and add more in the admin).
- Pages that were live before this app existed are queued for indexing, so the first outbox
  drain (or `manage.py search_index rebuild`) puts them in the index.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "管理员": [
        "add_synonym",
        "change_synonym",
        "delete_synonym",
        "view_synonym",
        "view_searchquerydaily",
    ],
    "内容监管": [
        "add_synonym",
        "change_synonym",
        "delete_synonym",
        "view_synonym",
        "view_searchquerydaily",
    ],
}
FIRST_SYNONYMS = ["医保，医疗保障", "社保卡，社会保障卡", "公积金，住房公积金", "低保，最低生活保障"]


def forwards(apps, schema_editor):
    # Model permissions are normally created after migrating; this migration needs them now.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="search", codename__in=codenames)
        )
    Synonym = apps.get_model("search", "Synonym")
    for terms in FIRST_SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)
    Page = apps.get_model("wagtailcore", "Page")
    IndexOutbox = apps.get_model("search", "IndexOutbox")
    IndexOutbox.objects.bulk_create(
        [
            IndexOutbox(page_id=pk, action="index", reason="initial")
            for pk in Page.objects.filter(live=True, depth__gte=2).values_list("pk", flat=True)
        ]
    )


def backwards(apps, schema_editor):
    apps.get_model("search", "IndexOutbox").objects.filter(reason="initial").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_tables"),
        ("portal", "0002_roles_and_three_review_workflow"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
