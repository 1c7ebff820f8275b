"""The default indicators (assessment.rules.DEFAULT_INDICATORS), one period per year from
2025, and the 考核评价 role: it sees the ranking, scorecards and 通报 and edits the
indicators and periods. The supervising bureau gives the role to its assessors (it grants no
page or case rights: opening a case or a page from the evidence needs the bureau's other
roles)."""

import datetime

from django.contrib.auth.management import create_permissions
from django.db import migrations

from assessment.rules import DEFAULT_INDICATORS

ROLE = "考核评价"
ROLE_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("assessment", "view_assessment"),
    ("assessment", "view_indicator"),
    ("assessment", "change_indicator"),
    ("assessment", "view_assessmentperiod"),
    ("assessment", "add_assessmentperiod"),
    ("assessment", "change_assessmentperiod"),
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("assessment", "Indicator")
    AssessmentPeriod = apps.get_model("assessment", "AssessmentPeriod")
    for order, default in enumerate(DEFAULT_INDICATORS, start=1):
        Indicator.objects.get_or_create(
            code=default.code,
            defaults={
                "name": default.name,
                "definition": default.definition,
                "weight": default.weight,
                "threshold": default.threshold,
                "deduction": default.deduction,
                "sort_order": order * 10,
            },
        )
    for year in (2025, 2026):
        AssessmentPeriod.objects.get_or_create(
            name=f"{year}年度",
            defaults={
                "start": datetime.date(year, 1, 1),
                "end": datetime.date(year, 12, 31),
                "annual_report_year": year - 1,
            },
        )

    for app_label in ("assessment", "wagtailadmin"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ROLE)
    for app_label, codename in ROLE_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0001_indicators_and_periods"),
        ("portal", "0002_roles_and_three_review_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
