import django.db.models.deletion
from django.db import migrations, models


def assign_the_only_office(apps, schema_editor):
    """Applications registered before units existed belong to the organisation of the one
    receiving office, when there is exactly one (a single-organisation installation)."""
    DisclosureOffice = apps.get_model("disclosure", "DisclosureOffice")
    Application = apps.get_model("applications", "Application")
    organisations = set(DisclosureOffice.objects.values_list("organisation_id", flat=True))
    if len(organisations) == 1:
        Application.objects.filter(unit=None).update(unit_id=organisations.pop())


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0008_applicant_notifications'),
        ('disclosure', '0009_units'),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='disclosure.organisation', verbose_name='受理机关'),
        ),
        migrations.RunPython(assign_the_only_office, migrations.RunPython.noop),
    ]
