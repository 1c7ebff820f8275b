"""Click counts on the query log, 推荐结果 (SearchPin), and the roles that edit pins.

管理员 and 内容监管 (who edit synonyms, migration 0003) also add, change and delete pins.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

PIN_PERMISSIONS = ["add_searchpin", "change_searchpin", "delete_searchpin", "view_searchpin"]
ROLES = ["管理员", "内容监管"]


def grant(apps, schema_editor):
    # Model permissions are normally created after migrating; this migration needs them now.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    pins = Permission.objects.filter(content_type__app_label="search", codename__in=PIN_PERMISSIONS)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*pins)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0010_extractedtext_ocr"),
        ("portal", "0002_roles_and_three_review_workflow"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="searchquerydaily",
            name="clicks",
            field=models.PositiveIntegerField(default=0, verbose_name="点击访客数"),
        ),
        migrations.CreateModel(
            name="SearchPin",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "query",
                    models.CharField(
                        help_text="访客输入的检索词（不区分大小写和全角半角）；完全一致时显示推荐结果。",
                        max_length=100,
                        verbose_name="检索词",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="仅后台可见，如推荐理由。",
                        max_length=200,
                        verbose_name="说明",
                    ),
                ),
                ("active", models.BooleanField(default=True, verbose_name="启用")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="创建人",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        help_text="只有已发布且公开的页面才会显示。",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="推荐页面",
                    ),
                ),
            ],
            options={
                "verbose_name": "推荐结果",
                "verbose_name_plural": "推荐结果",
                "ordering": ["query", "id"],
                "constraints": [
                    models.UniqueConstraint(fields=("query", "page"), name="search_pin_unique")
                ],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
