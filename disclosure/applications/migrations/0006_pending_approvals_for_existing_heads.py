"""Users who already hold the office head's permissions when four eyes arrive (issue 11) get a
pending approval: a second administrator approves them in 依申请公开 → 负责人授权 before their
head powers work again. Nobody is approved by a migration."""

from django.db import migrations

APP = "applications"
HEAD_PERMISSIONS = ["view_personal_data", "assign_officer", "approve_extension", "record_late_decision"]


def pending_for_existing(apps, schema_editor):
    User = apps.get_model("auth", "User")
    Approval = apps.get_model("applications", "OfficeHeadApproval")
    holders = User.objects.filter(is_superuser=False).filter(
        groups__permissions__content_type__app_label=APP,
        groups__permissions__codename__in=HEAD_PERMISSIONS,
    ) | User.objects.filter(is_superuser=False).filter(
        user_permissions__content_type__app_label=APP,
        user_permissions__codename__in=HEAD_PERMISSIONS,
    )
    for user in holders.distinct():
        Approval.objects.get_or_create(user=user, revoked_at=None, defaults={"requested_by": None})


class Migration(migrations.Migration):
    dependencies = [("applications", "0005_office_head_four_eyes_and_assignments")]

    operations = [migrations.RunPython(pending_for_existing, migrations.RunPython.noop)]
