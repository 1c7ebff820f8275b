"""The indicators' configuration: seeded with the defaults, validated with Chinese messages,
edited by the 考核评价 role and by nobody else."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessment import rules
from assessment.models import AssessmentPeriod, Indicator
from assessment.scorecards import assessed_indicators

pytestmark = pytest.mark.django_db


def test_defaults_are_seeded():
    indicators = list(Indicator.objects.all())
    assert [i.code for i in indicators] == [d.code for d in rules.DEFAULT_INDICATORS]
    assert sum(i.weight for i in indicators) == 100
    assert Indicator.objects.get(code=rules.PUBLICATION_TIMELINESS).threshold == 20
    assert set(AssessmentPeriod.objects.values_list("name", flat=True)) >= {"2025年度", "2026年度"}


def test_an_indicator_without_a_known_code_is_ignored():
    Indicator.objects.create(name="手工添加", definition="", weight=10)
    assert [i.code for i in assessed_indicators()] == [d.code for d in rules.DEFAULT_INDICATORS]


def test_bad_configuration_gets_a_chinese_message():
    share = Indicator.objects.get(code=rules.CORRECTION_EXTENSION_USE)
    share.threshold = 30
    with pytest.raises(ValidationError, match="比例"):
        share.full_clean()
    days = Indicator.objects.get(code=rules.PUBLICATION_TIMELINESS)
    days.threshold = 2.5
    with pytest.raises(ValidationError, match="工作日"):
        days.full_clean()
    period = AssessmentPeriod(
        name="x", start="2026-12-31", end="2026-01-01", annual_report_year=2025
    )
    with pytest.raises(ValidationError, match="截止日期"):
        period.full_clean()


def test_only_the_assessor_role_edits_the_indicators(client, django_user_model):
    indicator = Indicator.objects.get(code=rules.PUBLICATION_TIMELINESS)
    edit = reverse("wagtailsnippets_assessment_indicator:edit", args=[indicator.pk])
    editor = django_user_model.objects.create_user(username="bianji", password="x-pass-12345")
    editor.groups.add(Group.objects.get(name="编辑"))
    client.force_login(editor)
    assert client.get(edit).status_code in (302, 403)
    assert client.get(reverse("assessment_admin:ranking")).status_code in (302, 403)
    scorecard = reverse("assessment_admin:scorecard", args=[1])
    assert client.get(scorecard).status_code in (302, 403)

    assessor = django_user_model.objects.create_user(username="kaohe", password="x-pass-12345")
    assessor.groups.add(Group.objects.get(name="考核评价"))
    client.force_login(assessor)
    assert client.get(edit).status_code == 200
    data = {
        "name": indicator.name,
        "definition": indicator.definition,
        "weight": "25",
        "threshold": "15",
        "deduction": "0",
        "enabled": "on",
        "sort_order": "10",
    }
    response = client.post(edit, data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.weight, indicator.threshold) == (25, 15)
    data["weight"] = "150"
    response = client.post(edit, data)
    assert response.status_code == 200  # the form again, with its message
    indicator.refresh_from_db()
    assert indicator.weight == 25
    # The set of indicators is fixed by the code: no add screen for the role.
    assert client.get(reverse("wagtailsnippets_assessment_indicator:add")).status_code in (302, 403)
