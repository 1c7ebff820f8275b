"""The office head's new permissions (issue 11 and 13): assigning officers (an assignment by the
head lets the officer see the applicant's personal data in full) and recording a decision
after the reply was due, with a written reason."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HEAD = "依申请公开负责人"
NEW_PERMISSIONS = ["assign_officer", "record_late_decision"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("applications")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    head, _ = Group.objects.get_or_create(name=HEAD)
    head.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="applications",
            content_type__model="application",
            codename__in=NEW_PERMISSIONS,
        )
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="applications", codename__in=NEW_PERMISSIONS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_clock_facts_of_issue_13")]

    operations = [migrations.RunPython(grant, revoke)]
