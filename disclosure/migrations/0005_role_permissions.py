"""Grant the disclosure models' permissions to the staff roles (least privilege).

编辑/审核/签发 choose publishers, offices and topics while editing pages; 管理员 maintains them.
The timeliness reports are for everyone who publishes or audits content.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = ["view_organisation", "view_disclosureoffice", "view_topic"]
MAINTAIN = [
    "add_organisation",
    "change_organisation",
    "add_disclosureoffice",
    "change_disclosureoffice",
    "add_topic",
    "change_topic",
]
REPORTS = ["view_timeliness_reports"]

ROLE_PERMISSIONS = {
    "编辑": VIEW + REPORTS,
    "审核": VIEW + REPORTS,
    "签发": VIEW + REPORTS,
    "内容监管": VIEW + REPORTS,
    "管理员": VIEW + MAINTAIN + REPORTS,
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("disclosure")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="disclosure", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0004_seed_topics"),
        ("portal", "0002_roles_and_three_review_workflow"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
