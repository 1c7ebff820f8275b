"""The first 留言主题 and the two 互动交流 roles.

互动交流办理 (handlers) may see the queue, accept, assign, transfer, draft and send answers.
互动交流负责人 (the head of the channel) may also publish questions and answers (with the
writer's consent, personal data removed), promote them to 常见问题, see any writer's details in
full and edit the topic list. Staff may rename, add or retire topics in the admin.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TOPICS = [
    "政务服务事项办理",
    "网上办事和一网通办",
    "营商环境",
    "政务公开",
    "公共资源交易",
    "12345热线",
    "工作作风",
    "其他",
]

HANDLER = "互动交流办理"
HEAD = "互动交流负责人"
HANDLER_PERMISSIONS = [("message", "view_message"), ("message", "change_message")]
HEAD_PERMISSIONS = HANDLER_PERMISSIONS + [
    ("message", "publish_message"),
    ("message", "view_personal_data"),
    ("messagetopic", "view_messagetopic"),
    ("messagetopic", "add_messagetopic"),
    ("messagetopic", "change_messagetopic"),
]


def forwards(apps, schema_editor):
    MessageTopic = apps.get_model("interaction", "MessageTopic")
    for order, name in enumerate(TOPICS, start=1):
        MessageTopic.objects.get_or_create(name=name, defaults={"sort_order": order})

    app_config = apps.get_app_config("interaction")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )

    def permissions(specs):
        return [
            Permission.objects.get(
                content_type__app_label="interaction", content_type__model=model, codename=codename
            )
            for model, codename in specs
        ]

    handler, _ = Group.objects.get_or_create(name=HANDLER)
    handler.permissions.add(access_admin, *permissions(HANDLER_PERMISSIONS))
    head, _ = Group.objects.get_or_create(name=HEAD)
    head.permissions.add(access_admin, *permissions(HEAD_PERMISSIONS))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[HANDLER, HEAD]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0001_initial"),
        ("portal", "0002_roles_and_three_review_workflow"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
