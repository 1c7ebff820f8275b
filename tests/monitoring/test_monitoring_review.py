"""The review queue: 内容监管 reviewers mark findings 确认/误报/已整改 with a note; audit trail."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from monitoring.models import Finding, FindingReview

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings(monitoring_site):
    call_command("monitor_run", "accounts", stdout=StringIO())
    return Finding.objects.all()


def test_reviewer_sees_the_queue_ordered_by_severity(client, findings, user_in):
    client.force_login(user_in("内容监管"))
    response = client.get(reverse("monitoring_admin:findings"))
    assert response.status_code == 200
    rows = list(response.context["page_obj"])
    assert len(rows) == findings.count()
    severities = [row.severity for row in rows]
    assert severities == sorted(severities, key=["veto", "deduct", "hint"].index)
    assert "伊金霍洛期" in response.content.decode()


def test_filters(client, findings, user_in):
    client.force_login(user_in("内容监管"))
    response = client.get(reverse("monitoring_admin:findings"), {"check": "ACCOUNT_STALE"})
    assert [row.check_code for row in response.context["page_obj"]] == ["ACCOUNT_STALE"]


@pytest.mark.parametrize(
    ("action", "status"),
    [("confirm", "confirmed"), ("false_positive", "false_positive"), ("fixed", "fixed")],
)
def test_review_actions_are_recorded(client, findings, user_in, action, status):
    reviewer = user_in("内容监管")
    client.force_login(reviewer)
    finding = findings.get(check_code="SENSITIVE_WORD")
    url = reverse("monitoring_admin:finding", args=[finding.pk])
    response = client.post(url, {"action": action, "note": "已核实：反诈提醒中的引用。"})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == status
    entry = finding.reviews.get(user=reviewer)
    assert (entry.action, entry.from_status, entry.to_status) == (action, "new", status)
    assert entry.note == "已核实：反诈提醒中的引用。"


def test_dismissing_needs_a_note_and_loses_nothing(client, findings, user_in):
    client.force_login(user_in("内容监管"))
    finding = findings.get(check_code="SENSITIVE_WORD")
    response = client.post(
        reverse("monitoring_admin:finding", args=[finding.pk]), {"action": "false_positive"}
    )
    assert response.status_code == 200
    assert "请填写说明" in response.content.decode()
    finding.refresh_from_db()
    assert finding.status == Finding.Status.NEW
    assert not FindingReview.objects.filter(finding=finding).exists()


def test_trail_keeps_every_decision_in_order(client, findings, user_in):
    client.force_login(user_in("内容监管"))
    finding = findings.get(check_code="ACCOUNT_STALE")
    url = reverse("monitoring_admin:finding", args=[finding.pk])
    client.post(url, {"action": "confirm", "note": ""})
    client.post(url, {"action": "fixed", "note": "已恢复更新"})
    trail = list(finding.reviews.values_list("action", "from_status", "to_status"))
    assert trail == [("confirm", "new", "confirmed"), ("fixed", "confirmed", "fixed")]
    page = client.get(url).content.decode()
    assert "已恢复更新" in page and "审核记录" in page


def test_editors_cannot_review_or_see_the_queue(client, findings, user_in):
    # Wagtail turns a refusal in the admin into a redirect to the dashboard with a message.
    client.force_login(user_in("编辑"))
    finding = findings.first()
    response = client.get(reverse("monitoring_admin:findings"))
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    response = client.post(
        reverse("monitoring_admin:finding", args=[finding.pk]), {"action": "confirm"}
    )
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    finding.refresh_from_db()
    assert finding.status == Finding.Status.NEW


def test_return_to_the_queue_only_on_this_site(client, findings, user_in):
    client.force_login(user_in("内容监管"))
    finding = findings.get(check_code="SENSITIVE_WORD")
    url = reverse("monitoring_admin:finding", args=[finding.pk])
    queue = reverse("monitoring_admin:findings")
    filtered = queue + "?severity=veto&p=1"
    data = {"action": "confirm", "note": ""}
    response = client.post(url, {**data, "next": filtered})
    assert (response.status_code, response["Location"]) == (302, filtered)
    for target in ("//evil.example", "https://evil.example/", "javascript:alert(1)", "foo"):
        response = client.post(url, {**data, "next": target})
        assert (response.status_code, response["Location"]) == (302, queue)


def test_unsafe_next_is_never_rendered_as_a_link(client, findings, user_in):
    client.force_login(user_in("内容监管"))
    finding = findings.get(check_code="SENSITIVE_WORD")
    url = reverse("monitoring_admin:finding", args=[finding.pk])
    queue = reverse("monitoring_admin:findings")
    for target in ("javascript:alert(document.cookie)", "//evil.example"):
        page = client.get(url, {"next": target}).content.decode()
        assert target not in page
        assert f'<a href="{queue}">返回审核队列</a>' in page
    page = client.get(url, {"next": queue + "?severity=veto"}).content.decode()
    assert f'<a href="{queue}?severity=veto">返回审核队列</a>' in page
