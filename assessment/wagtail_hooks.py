"""考核评价 in the admin: the ranking (menu item), the indicators and periods as snippets."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.permissions import PermissionMenuItem

from . import admin_views
from .models import AssessmentPeriod, Indicator


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("assessment/", include((admin_views.urlpatterns, "assessment_admin")))]


@hooks.register("register_reports_menu_item")
def register_ranking_menu_item():
    return PermissionMenuItem(
        "考核评价",
        reverse("assessment_admin:ranking"),
        name="assessment-ranking",
        icon_name="tasks",
        order=1330,
        permission=admin_views.VIEW_PERMISSION,
    )


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "list-ol"
    menu_label = "考核指标"
    list_display = ["name", "weight", "threshold", "deduction", "enabled"]
    # The set of indicators is fixed by the code that computes them (assessment/scorecards.py):
    # the 考核评价 role may change them, not add or delete them.


class PeriodViewSet(SnippetViewSet):
    model = AssessmentPeriod
    icon = "date"
    menu_label = "考核周期"
    list_display = ["name", "start", "end", "annual_report_year"]


class AssessmentViewSetGroup(SnippetViewSetGroup):
    items = (IndicatorViewSet, PeriodViewSet)
    menu_label = "考核设置"
    menu_icon = "tasks"
    menu_order = 1400


register_snippet(AssessmentViewSetGroup)
