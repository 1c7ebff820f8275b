"""Staff roles as groups (least privilege) and the 三审 workflow on the whole page tree.

Roles: 编辑 (write), 审核 (review), 签发 (sign off and publish), 依申请公开经办 (application
officers), 内容监管 (content reviewers), 管理员 (site administrators). Wagtail's English default
groups and their single-step workflow are removed so only these roles exist.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")

# (app_label, model, codename) for model permissions; page and collection permissions below.
ROLE_MODEL_PERMISSIONS = {
    "编辑": [ACCESS_ADMIN],
    "审核": [ACCESS_ADMIN],
    "签发": [ACCESS_ADMIN],
    "依申请公开经办": [ACCESS_ADMIN],
    "内容监管": [
        ACCESS_ADMIN,
        ("portal", "errorreport", "view_errorreport"),
        ("portal", "errorreport", "change_errorreport"),
    ],
    "管理员": [
        ACCESS_ADMIN,
        ("portal", "siteidentity", "change_siteidentity"),
        ("portal", "navigationsettings", "change_navigationsettings"),
        ("portal", "errorreport", "view_errorreport"),
        ("portal", "errorreport", "change_errorreport"),
        ("auth", "user", "add_user"),
        ("auth", "user", "change_user"),
        ("auth", "user", "view_user"),
        ("wagtailcore", "workflow", "add_workflow"),
        ("wagtailcore", "workflow", "change_workflow"),
        ("wagtailcore", "task", "add_task"),
        ("wagtailcore", "task", "change_task"),
    ],
}

ROLE_PAGE_PERMISSIONS = {
    "编辑": ["add_page", "change_page"],
    "审核": ["change_page", "lock_page", "unlock_page"],
    "签发": ["change_page", "publish_page", "lock_page", "unlock_page"],
    "管理员": [
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"
    ],
}

ROLE_COLLECTION_PERMISSIONS = {
    "编辑": ["add_image", "change_image", "choose_image",
             "add_document", "change_document", "choose_document"],
    "审核": ["choose_image", "choose_document"],
    "签发": ["choose_image", "choose_document"],
    "管理员": ["add_image", "change_image", "delete_image", "choose_image",
               "add_document", "change_document", "delete_document", "choose_document"],
}

WORKFLOW_NAME = "三审"
WORKFLOW_TASKS = [("审核", "审核"), ("签发", "签发")]  # (task name, approving group)


def ensure_permissions(apps):
    """Model permissions are normally created after migrating; this migration needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def create_roles_and_workflow(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    def permission(app_label, model, codename):
        return Permission.objects.get(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        )

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name, model_permissions in ROLE_MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([permission(*spec) for spec in model_permissions])
        groups[name] = group
    for name, codenames in ROLE_PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root_page,
                permission=permission("wagtailcore", "page", codename),
            )
    for name, codenames in ROLE_COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            model = codename.split("_", 1)[1]
            app_label = "wagtailimages" if model == "image" else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection,
                permission=permission(app_label, model, codename),
            )

    # Wagtail's English default groups and their one-step workflow give way to the roles above.
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()
    Workflow.objects.exclude(name=WORKFLOW_NAME).update(active=False)
    GroupApprovalTask.objects.filter(groups=None).update(active=False)

    task_type = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )[0]
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, (task_name, group_name) in enumerate(WORKFLOW_TASKS):
        task, _ = GroupApprovalTask.objects.get_or_create(
            name=task_name, defaults={"content_type": task_type, "active": True}
        )
        task.groups.set([groups[group_name]])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Group.objects.filter(name__in=ROLE_MODEL_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, remove_roles_and_workflow)]
