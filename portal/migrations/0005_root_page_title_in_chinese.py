"""The page tree's root is titled "Root" by Wagtail; staff see it in the explorer and the
breadcrumbs of the admin, which is Chinese."""

from django.db import migrations

ROOT_TITLE = "全部网站"


def rename_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)


def restore_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=ROOT_TITLE).update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [('portal', '0004_worker_heartbeat_and_system_status')]

    operations = [migrations.RunPython(rename_root, restore_root)]
