"""Admin integration: the annual-report reminder on the admin home page, and the supervising
bureau's 年报发布情况 screen (every unit's report and the banner-wide summary)."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from core.permissions import PermissionMenuItem
from disclosure.units import units, user_units

from . import admin_views
from .overview import publication_rows, report_state, unit_report
from .reminders import report_due, should_remind

OVERVIEW_PERMISSION = "annual_reports.view_report_overview"


class AnnualReportReminderPanel(Component):
    """The report due next: of one unit (its staff's home page), or, without units, the one."""

    name = "annual_report_reminder"
    template_name = "annual_reports/admin/reminder_panel.html"
    order = 50

    def __init__(self, today=None, unit=None):
        self.today = today
        self.unit = unit

    def get_context_data(self, parent_context=None):
        government = self.unit is not None and self.unit.is_government
        due = report_due(self.today or timezone.localdate(), government)
        report = unit_report(self.unit, due.year)
        published = report is not None and report.live
        return {
            "due": due,
            "unit": self.unit,
            "report": report,
            "state": report_state(report),
            "show": should_remind(due, published),
            "problems": report.publication_problems() if report and not published else [],
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["show"]:
            return ""
        request = (parent_context or {}).get("request")
        return render_to_string(self.template_name, context, request=request)


class AnnualReportOverviewPanel(Component):
    """For the supervising bureau: how many units have published the report due."""

    name = "annual_report_overview"
    template_name = "annual_reports/admin/overview_panel.html"
    order = 50

    def __init__(self, today=None):
        self.today = today

    def render_html(self, parent_context=None):
        due = report_due(self.today or timezone.localdate())
        rows = publication_rows(due.year)
        if not should_remind(due, published=all(row.on_time for row in rows)):
            return ""
        context = {
            "due": due,
            "rows": rows,
            "published": sum(1 for row in rows if row.published_on),
            "on_time": sum(1 for row in rows if row.on_time),
        }
        request = (parent_context or {}).get("request")
        return render_to_string(self.template_name, context, request=request)


@hooks.register("construct_homepage_panels")
def add_annual_report_reminder(request, panels):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        return
    own = list(user_units(request.user))
    if own:
        panels.extend(AnnualReportReminderPanel(unit=unit) for unit in own)
    elif units().exists() and request.user.has_perm(OVERVIEW_PERMISSION):
        panels.append(AnnualReportOverviewPanel())
    elif not units().exists():
        panels.append(AnnualReportReminderPanel())


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("annual-reports/", include((admin_views.urlpatterns, "annual_reports_admin")))]


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return PermissionMenuItem(
        "年报发布情况",
        reverse("annual_reports_admin:overview"),
        name="annual-report-overview",
        icon_name="table",
        order=1320,
        permission=OVERVIEW_PERMISSION,
    )
