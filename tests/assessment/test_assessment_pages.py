"""考核评价 on the demo: the ranking differs for the reasons the demo data was shaped for, every
lost point has its evidence, the configuration in the database changes the scores, and the
assessor's screens (ranking, scorecard, XLSX, 通报) answer."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from assessment import rules
from assessment.models import AssessmentPeriod, Indicator
from assessment.scorecards import ranking, scorecard
from disclosure.models import Organisation
from monitoring.models import Finding

pytestmark = pytest.mark.django_db

NAMES = {
    "education": "伊金霍洛旗教育体育局",
    "health": "伊金霍洛旗卫生健康委员会",
    "natural_resources": "伊金霍洛旗自然资源局",
    "altanxiree": "伊金霍洛旗阿勒腾席热镇人民政府",
    "zhasake": "伊金霍洛旗札萨克镇人民政府",
}


def cards(period):
    return {row.card.unit.name: row for row in ranking(period)}


def points(row, code):
    return row.card.result(code).points


@pytest.fixture
def assessor(client, django_user_model):
    user = django_user_model.objects.create_user(username="kaohe", password="assess-pass-1")
    user.groups.add(Group.objects.get(name="考核评价"))
    client.force_login(user)
    return user


def test_the_demo_ranking_differs_for_real_reasons(demo_site):
    y2025 = cards(AssessmentPeriod.objects.get(name="2025年度"))
    y2026 = cards(AssessmentPeriod.objects.get(name="2026年度"))
    assert "伊金霍洛旗人民政府" not in y2025  # the banner government is not assessed

    # 教育体育局: two of its four 2025 documents more than 20 working days after 成文.
    education = y2025[NAMES["education"]]
    assert points(education, rules.PUBLICATION_TIMELINESS) == 10.0
    late = [
        e for e in education.card.result(rules.PUBLICATION_TIMELINESS).evidence if e.counts_against
    ]
    assert len(late) == 2 and all("超期" in e.detail for e in late)
    # 卫生健康委员会: no interpretation of its 2025 normative documents; 2026's came late.
    assert points(y2025[NAMES["health"]], rules.INTERPRETATION_RATE) == 0.0
    assert points(y2026[NAMES["health"]], rules.INTERPRETATION_TIMELINESS) == 0.0
    # 自然资源局: half its replies after the deadline, and extensions above the allowed share.
    natural = y2025[NAMES["natural_resources"]]
    assert points(natural, rules.APPLICATIONS_ON_TIME) == 10.0
    assert points(natural, rules.CORRECTION_EXTENSION_USE) < 5
    assert natural.rank == len(y2025)  # last in 2025
    # 阿勒腾席热镇: its 2025 report 12 days after 31 January (two started weeks × 3 points).
    assert points(y2026[NAMES["altanxiree"]], rules.ANNUAL_REPORT) == 9.0
    # 札萨克镇: documents without 内容概述, and no 2025 report at all.
    assert points(y2025[NAMES["zhasake"]], rules.CATALOGUE_COMPLETENESS) == 0.0
    assert points(y2026[NAMES["zhasake"]], rules.ANNUAL_REPORT) == 0.0
    assert y2026[NAMES["zhasake"]].rank == len(y2026)

    # Every lost point has evidence counted against the unit.
    for table in (y2025, y2026):
        for row in table.values():
            for result in row.card.results:
                if result.lost > 0:
                    assert result.against, (row.card.unit.name, result.indicator.name)
    # Ranks follow the totals.
    totals = [row.card.total for row in sorted(y2026.values(), key=lambda r: r.rank)]
    assert totals == sorted(totals, reverse=True)


def test_configuration_and_findings_change_the_scores(demo_site):
    period = AssessmentPeriod.objects.get(name="2025年度")
    education = Organisation.objects.get(name=NAMES["education"])
    assert scorecard(education, period).total == 90.0

    # The assessor allows 40 working days: education's late documents become on time.
    Indicator.objects.filter(code=rules.PUBLICATION_TIMELINESS).update(threshold=40)
    assert scorecard(education, period).result(rules.PUBLICATION_TIMELINESS).points == 20.0
    # A lower weight, and an indicator left out.
    Indicator.objects.filter(code=rules.PUBLICATION_TIMELINESS).update(weight=10)
    Indicator.objects.filter(code=rules.CATALOGUE_COMPLETENESS).update(enabled=False)
    card = scorecard(education, period)
    assert card.full_marks == 80.0
    assert card.result(rules.CATALOGUE_COMPLETENESS) is None

    # A 单项否决 finding of the unit in the period loses the whole monitoring indicator.
    zhasake = Organisation.objects.get(name=NAMES["zhasake"])
    period_2026 = AssessmentPeriod.objects.get(name="2026年度")
    before = scorecard(zhasake, period_2026).result(rules.MONITORING_FINDINGS).points
    assert before == 15.0
    Finding.objects.create(
        fingerprint="assessment-test-veto",
        check_code="MESSAGE_UNANSWERED_VETO",
        severity="veto",
        scope="site",
        target_kind="message",
        target_label="群众留言：札萨克镇道路维修",
        unit=zhasake,
        first_seen_at=timezone.make_aware(timezone.datetime(2026, 6, 1, 10)),
    )
    Finding.objects.create(
        fingerprint="assessment-test-false-positive",
        check_code="TYPO",
        severity="deduct",
        scope="site",
        target_kind="page",
        target_label="误报",
        unit=zhasake,
        status=Finding.Status.FALSE_POSITIVE,
        first_seen_at=timezone.make_aware(timezone.datetime(2026, 6, 1, 10)),
    )
    card = scorecard(zhasake, period_2026)
    monitoring = card.result(rules.MONITORING_FINDINGS)
    assert monitoring.points == 0.0 and card.vetoed
    assert [e.label for e in monitoring.evidence] == ["群众留言：札萨克镇道路维修"]
    finding = Finding.objects.get(fingerprint="assessment-test-veto")
    assert monitoring.evidence[0].admin_url == reverse(
        "monitoring_admin:finding", args=[finding.pk]
    )


def test_the_assessor_screens(demo_site, client, assessor):
    period = AssessmentPeriod.objects.get(name="2025年度")
    query = f"?period={period.pk}"
    response = client.get(reverse("assessment_admin:ranking") + query)
    assert response.status_code == 200
    html = response.content.decode()
    rows = ranking(period)
    positions = [html.index(row.card.unit.name) for row in rows]
    assert positions == sorted(positions)  # in rank order
    assert "历次得分" in html and "2026年度" in html

    education = Organisation.objects.get(name=NAMES["education"])
    response = client.get(reverse("assessment_admin:scorecard", args=[education.pk]) + query)
    assert response.status_code == 200
    card = scorecard(education, period)
    late = card.result(rules.PUBLICATION_TIMELINESS).against[0]
    assert late.admin_url.startswith("/admin/pages/")
    assert f'href="{late.admin_url}"' in response.content.decode()
    assert late.detail in response.content.decode()

    response = client.get(reverse("assessment_admin:ranking_xlsx") + query)
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["排名"]
    assert sheet.max_row == len(rows) + 1
    assert sheet.cell(2, 2).value == rows[0].card.unit.name
    assert sheet.cell(2, sheet.max_column - 1).value == rows[0].card.total
    reasons = [row[3] for row in workbook["扣分依据"].iter_rows(min_row=2, values_only=True)]
    assert late.detail in reasons

    response = client.get(reverse("assessment_admin:notice") + query)
    html = response.content.decode()
    assert "关于2025年度政府信息公开工作考核评价结果的通报" in html
    assert "主动公开及时性扣10分" in html and "@media print" in html

    # Unknown period and unit: the default period, and a 404, never a server error.
    assert client.get(reverse("assessment_admin:ranking") + "?period=abc").status_code == 200
    assert client.get(reverse("assessment_admin:scorecard", args=[999999])).status_code == 404
