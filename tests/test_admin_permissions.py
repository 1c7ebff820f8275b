"""Every admin screen opens for a user with its permission and refuses one without.

Both users may enter the admin (wagtailadmin.access_admin); only the first also has the
screen's permission (core/permissions.py says how screens declare it). Wagtail answers a
refused admin request (PermissionDenied) with a message and a redirect to the admin home.
"""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse

from disclosure.annual_reports.wagtail_hooks import (
    AnnualReportReminderPanel,
    add_annual_report_reminder,
)

SCREENS = [
    # (admin area, URL name, permission that opens it)
    ("applications", "applications_admin:queue", "applications.view_application"),
    ("applications", "applications_admin:register", "applications.add_application"),
    ("applications", "applications_admin:fees", "applications.view_application"),
    ("applications", "applications_admin:statistics", "applications.view_application"),
    ("applications", "applications_admin:letter_wording", "applications.view_application"),
    ("applications", "applications_admin:head_approvals", "auth.change_user"),
    ("applications", "applications_admin:head_approvals", "applications.view_personal_data"),
    ("monitoring", "monitoring_admin:dashboard", "monitoring.view_finding"),
    ("monitoring", "monitoring_admin:findings", "monitoring.view_finding"),
    ("monitoring", "monitoring_admin:reports", "monitoring.view_finding"),
    ("monitoring", "monitoring_admin:import", "monitoring.add_accountpost"),
    (
        "monitoring",
        "wagtailsnippets_monitoring_newmediaaccount:list",
        "monitoring.view_newmediaaccount",
    ),
    ("monitoring", "wagtailsnippets_monitoring_gatereview:list", "monitoring.view_gatereview"),
    (
        "disclosure reports",
        "disclosure_reports:late_publication",
        "disclosure.view_timeliness_reports",
    ),
    (
        "disclosure reports",
        "disclosure_reports:missing_interpretation",
        "disclosure.view_timeliness_reports",
    ),
    (
        "disclosure reports",
        "disclosure_reports:alert_statistics",
        "disclosure.view_timeliness_reports",
    ),
    ("disclosure", "wagtailsnippets_disclosure_organisation:list", "disclosure.view_organisation"),
    ("disclosure", "wagtailsnippets_disclosure_calendaryear:list", "disclosure.view_calendaryear"),
    ("search", "wagtailsnippets_search_synonym:list", "search.view_synonym"),
    (
        "search",
        "wagtailsnippets_search_searchquerydaily:list",
        "search.view_searchquerydaily",
    ),
    ("search", "wagtailsnippets_search_searchpin:list", "search.view_searchpin"),
    ("search", "wagtailsnippets_search_searchpin:add", "search.add_searchpin"),
    ("search", "search_analytics", "search.view_searchquerydaily"),
    ("portal", "wagtailsnippets_portal_errorreport:list", "portal.view_errorreport"),
    ("portal", "portal_system_status", "portal.view_system_status"),
    ("interaction", "interaction_admin:queue", "interaction.view_message"),
    ("interaction", "interaction_admin:statistics", "interaction.view_message"),
    (
        "interaction",
        "wagtailsnippets_interaction_messagetopic:list",
        "interaction.view_messagetopic",
    ),
    ("assessment", "assessment_admin:ranking", "assessment.view_assessment"),
    ("assessment", "assessment_admin:ranking_xlsx", "assessment.view_assessment"),
    ("assessment", "assessment_admin:notice", "assessment.view_assessment"),
    ("assessment", "wagtailsnippets_assessment_indicator:list", "assessment.view_indicator"),
    (
        "assessment",
        "wagtailsnippets_assessment_assessmentperiod:list",
        "assessment.view_assessmentperiod",
    ),
]


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def refused(response):
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def admin_user(django_user_model, name, *permissions):
    """A user who may enter the admin and holds `permissions`, through a group of their own."""
    group = Group.objects.create(name=f"group-{name}")
    group.permissions.add(permission("wagtailadmin.access_admin"))
    group.permissions.add(*(permission(dotted) for dotted in permissions))
    user = django_user_model.objects.create_user(username=name, password="pw-for-tests-only")
    user.groups.add(group)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize(("area", "url_name", "perm"), SCREENS, ids=[s[1] for s in SCREENS])
def test_screen_needs_its_permission(client, django_user_model, area, url_name, perm):
    url = reverse(url_name)

    client.force_login(admin_user(django_user_model, "without"))
    assert refused(client.get(url)), area

    client.force_login(admin_user(django_user_model, "with", perm))
    assert client.get(url).status_code == 200, area


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "perm"),
    [
        ("monitoring_admin:run_start", "monitoring.add_monitorrun"),
        ("monitoring_admin:pull_feeds", "monitoring.add_accountpost"),
    ],
)
def test_monitoring_actions_need_their_permission(client, django_user_model, url_name, perm):
    client.force_login(admin_user(django_user_model, "viewer", "monitoring.view_finding"))
    assert refused(client.post(reverse(url_name), {"scope": "accounts"}))

    client.force_login(admin_user(django_user_model, "runner", perm))
    response = client.post(reverse(url_name), {"scope": "accounts"})
    assert response.status_code == 302 and not refused(response)


@pytest.mark.django_db
def test_screens_ask_anonymous_visitors_to_sign_in(client):
    for _, url_name, _ in SCREENS:
        response = client.get(reverse(url_name))
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url_name


@pytest.mark.django_db
def test_annual_report_reminder_is_for_admin_users_only(django_user_model):
    request = RequestFactory().get("/admin/")
    request.user = django_user_model.objects.create_user(username="citizen", password="pw-123")
    panels = []
    add_annual_report_reminder(request, panels)
    assert panels == []

    request.user = admin_user(django_user_model, "editor")
    add_annual_report_reminder(request, panels)
    assert [type(panel) for panel in panels] == [AnnualReportReminderPanel]
    # Before 31 January and no report yet: the panel shows.
    assert AnnualReportReminderPanel(today=date(2026, 1, 10)).get_context_data()["show"]
