"""Permissions of the 依申请公开 roles.

依申请公开经办 (officers, created with the other roles in portal 0002) may see, register and
handle applications. 依申请公开负责人 (the head of the 政府信息公开工作机构) may do the same and
also approve extensions (Art.33) and see any applicant's personal data in full.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER = "依申请公开经办"
HEAD = "依申请公开负责人"
OFFICER_PERMISSIONS = ["view_application", "add_application", "change_application"]
HEAD_PERMISSIONS = OFFICER_PERMISSIONS + ["approve_extension", "view_personal_data"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("applications")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )

    def permissions(codenames):
        return list(
            Permission.objects.filter(
                content_type__app_label="applications",
                content_type__model="application",
                codename__in=codenames,
            )
        )

    officer, _ = Group.objects.get_or_create(name=OFFICER)
    officer.permissions.add(access_admin, *permissions(OFFICER_PERMISSIONS))
    head, _ = Group.objects.get_or_create(name=HEAD)
    head.permissions.add(access_admin, *permissions(HEAD_PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=HEAD).delete()
    officer = Group.objects.filter(name=OFFICER).first()
    if officer:
        officer.permissions.remove(
            *Permission.objects.filter(content_type__app_label="applications")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("portal", "0002_roles_and_three_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
