"""Admin integration: the annual-report reminder on the admin home page."""

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import AnnualReportPage
from .reminders import report_due, should_remind


def report_state(report) -> str:
    if report is None:
        return "尚未创建"
    if report.live and not report.has_unpublished_changes:
        return "已发布"
    if report.live:
        return "已发布（有未发布的修改）"
    if report.workflow_in_progress:
        return "审核中"
    return "草稿"


class AnnualReportReminderPanel(Component):
    name = "annual_report_reminder"
    template_name = "annual_reports/admin/reminder_panel.html"
    order = 50

    def __init__(self, today=None):
        self.today = today

    def get_context_data(self, parent_context=None):
        due = report_due(self.today or timezone.localdate())
        report = AnnualReportPage.objects.filter(year=due.year).first()
        published = report is not None and report.live
        return {
            "due": due,
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


@hooks.register("construct_homepage_panels")
def add_annual_report_reminder(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(AnnualReportReminderPanel())
