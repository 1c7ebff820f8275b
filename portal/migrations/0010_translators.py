from django.db import migrations

# docs/MONGOLIAN.md: the banner-level 编辑, 签发 and 管理员 may ask wagtail-localize for a
# translation (翻译此页); the translation then goes through the same page permissions as any
# page (the Mongolian tree is under the root, where those roles hold theirs).
TRANSLATORS = ("编辑", "签发", "管理员")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    for group in Group.objects.filter(name__in=TRANSLATORS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ):
        for group in Group.objects.filter(name__in=TRANSLATORS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0009_optional_texts_default_empty"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
