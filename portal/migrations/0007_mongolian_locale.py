from django.db import migrations


def create_locale(apps, schema_editor):
    # docs/MONGOLIAN.md: the traditional Mongolian script locale beside the default zh-hans.
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="mn-mong")


def remove_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    locale = Locale.objects.filter(language_code="mn-mong").first()
    if locale is not None and not Page.objects.filter(locale=locale).exists():
        locale.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_home_page_blocks"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create_locale, remove_locale)]
