"""Permissions of the monitoring models for the roles, and the 内容安全审查 task at the end of
the 三审 workflow (审核 → 签发 → 内容安全审查), so the checks run right before publication."""

import importlib

from django.db import migrations

portal_roles = importlib.import_module("portal.migrations.0002_roles_and_three_review_workflow")

MANAGED = ["newmediaaccount", "accountpost", "interactionmessage", "dictionaryterm"]
REVIEWER_PERMISSIONS = (
    [f"{action}_{model}" for model in MANAGED for action in ("add", "change", "delete", "view")]
    + ["view_finding", "review_finding", "view_findingreview", "add_monitorrun", "view_monitorrun",
       "view_gatereview"]
)
ROLE_PERMISSIONS = {
    "内容监管": REVIEWER_PERMISSIONS,
    "管理员": REVIEWER_PERMISSIONS,
    "签发": ["view_gatereview"],
}
TASK_NAME = "内容安全审查"
OVERRIDE_GROUP = "签发"


def forwards(apps, schema_editor):
    portal_roles.ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ContentSafetyTask = apps.get_model("monitoring", "ContentSafetyTask")

    for group_name, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="monitoring", codename__in=codenames)
        )

    content_type, _ = ContentType.objects.get_or_create(
        app_label="monitoring", model="contentsafetytask"
    )
    task = ContentSafetyTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ContentSafetyTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    signers = Group.objects.filter(name=OVERRIDE_GROUP)
    task.override_groups.set(signers)
    workflow = Workflow.objects.filter(name=portal_roles.WORKFLOW_NAME).first()
    if workflow is not None and not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        last = WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order").first()
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=(last.sort_order + 1) if last else 0
        )


def backwards(apps, schema_editor):
    ContentSafetyTask = apps.get_model("monitoring", "ContentSafetyTask")
    Task = apps.get_model("wagtailcore", "Task")
    ids = list(ContentSafetyTask.objects.filter(name=TASK_NAME).values_list("pk", flat=True))
    Task.objects.filter(pk__in=ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("portal", "0002_roles_and_three_review_workflow"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
