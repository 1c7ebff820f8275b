"""Admin registrations of the disclosure domain."""

from django.contrib import messages
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.permissions import PermissionMenuItem
from disclosure import admin_views, alert_admin, lifecycle
from disclosure.admin_reports import (
    REPORT_PERMISSION,
    LatePublicationReportView,
    MissingInterpretationReportView,
)
from disclosure.choosers import policy_document_chooser
from disclosure.dashboard import StaffWorkPanel
from disclosure.models import (
    CalendarYear,
    DisclosureIndexPage,
    DisclosureOffice,
    Organisation,
    PolicyDocumentPage,
    SpecialDay,
    Topic,
    Validity,
)


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "date"
    menu_label = "日历年份"
    list_display = ["year", "complete", "source", "notice"]


class SpecialDayViewSet(SnippetViewSet):
    model = SpecialDay
    icon = "calendar-alt"
    menu_label = "节假日与调休"
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]


class WorkingCalendarGroup(SnippetViewSetGroup):
    items = (CalendarYearViewSet, SpecialDayViewSet)
    menu_icon = "date"
    menu_label = "工作日历"
    menu_name = "working-calendar"
    add_to_admin_menu = True
    menu_order = 400


register_snippet(WorkingCalendarGroup)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "发布机构"
    list_display = ["name", "kind", "parent", "uscc", "section_root"]
    list_filter = ["kind"]
    search_fields = ["name"]


class DisclosureOfficeViewSet(SnippetViewSet):
    model = DisclosureOffice
    icon = "mail"
    menu_label = "受理机构"
    list_display = ["name", "phone", "address"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "主题分类"
    list_display = ["code", "full_name"]
    search_fields = ["name"]
    ordering = ["sort_order"]

    def get_queryset(self, request):
        return Topic.objects.select_related("parent")


class DisclosureDataGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, DisclosureOfficeViewSet, TopicViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "信息公开设置"
    menu_name = "disclosure-data"
    add_to_admin_menu = True
    menu_order = 390


register_snippet(DisclosureDataGroup)


@hooks.register("register_admin_viewset")
def register_policy_document_chooser():
    return policy_document_chooser


@hooks.register("construct_homepage_panels")
def add_staff_work_panel(request, panels):
    """编辑工作台 first on the dashboard of everyone who may edit pages."""
    if PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"]):
        panels.insert(0, StaffWorkPanel())


@hooks.register("after_create_page")
def create_level1_columns(request, page):
    """A new 政府信息公开 column root gets the configured level-1 sub-columns as drafts."""
    if isinstance(page.specific, DisclosureIndexPage):
        page.specific.ensure_level1_columns()


report_urls = [
    path("late-publication/", LatePublicationReportView.as_view(), name="late_publication"),
    path(
        "late-publication/results/",
        LatePublicationReportView.as_view(results_only=True),
        name="late_publication_results",
    ),
    path(
        "missing-interpretation/",
        MissingInterpretationReportView.as_view(),
        name="missing_interpretation",
    ),
    path(
        "missing-interpretation/results/",
        MissingInterpretationReportView.as_view(results_only=True),
        name="missing_interpretation_results",
    ),
]


report_urls.append(path("alerts/", alert_admin.alert_statistics, name="alert_statistics"))

unit_urls = [
    path("", admin_views.units_overview, name="overview"),
    path("<int:pk>/groups/", admin_views.unit_groups_create, name="create_groups"),
]


lifecycle_urls = [
    path("unconfirmed-repeals/", admin_views.unconfirmed_repeals, name="unconfirmed_repeals"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("lifecycle/", include((lifecycle_urls, "disclosure_lifecycle"))),
        path("disclosure-reports/", include((report_urls, "disclosure_reports"))),
        path("units/", include((unit_urls, "disclosure_units"))),
    ]


@hooks.register("register_settings_menu_item")
def register_units_menu_item():
    return PermissionMenuItem(
        "集约化单位",
        reverse("disclosure_units:overview"),
        name="units",
        icon_name="group",
        order=150,
        permission="disclosure.view_organisation",
    )


@hooks.register("register_reports_menu_item")
def register_late_publication_report():
    return PermissionMenuItem(
        "超期发布",
        reverse("disclosure_reports:late_publication"),
        name="late-publication",
        icon_name="time",
        order=1300,
        permission=REPORT_PERMISSION,
    )


@hooks.register("register_reports_menu_item")
def register_missing_interpretation_report():
    return PermissionMenuItem(
        "解读缺失",
        reverse("disclosure_reports:missing_interpretation"),
        name="missing-interpretation",
        icon_name="warning",
        order=1310,
        permission=REPORT_PERMISSION,
    )


@hooks.register("register_reports_menu_item")
def register_unconfirmed_repeals():
    return PermissionMenuItem(
        "待确认废止",
        reverse("disclosure_lifecycle:unconfirmed_repeals"),
        name="unconfirmed-repeals",
        icon_name="warning",
        order=1320,
        permission=REPORT_PERMISSION,
    )


@hooks.register("after_publish_page")
def prompt_to_confirm_repeal(request, page):
    """A published document that replaces or repeals another: say so, with the link to
    confirm the 废止 (never applied silently)."""
    if not isinstance(page.specific, PolicyDocumentPage):
        return
    pending = lifecycle.unconfirmed_repeals().filter(page=page)
    titles = "、".join(f"《{relation.target.title}》" for relation in pending)
    if titles:
        messages.warning(
            request,
            f"本文件替代或废止了{titles}，请到“报告 → 待确认废止”确认旧文件的废止日期。",
        )


class ValidityChangeFormatter(LogFormatter):
    def format_message(self, log_entry):
        labels = dict(Validity.choices)
        data = log_entry.data or {}
        old, new = labels.get(data.get("old"), "?"), labels.get(data.get("new"), "?")
        reason = f"（{data['reason']}）" if data.get("reason") else ""
        return f"有效性由“{old}”改为“{new}”{reason}"


class ScheduledValidityChange(ValidityChangeFormatter):
    label = "有效性按日期变更"


class RepealConfirmed(ValidityChangeFormatter):
    label = "确认废止"


@hooks.register("register_log_actions")
def register_validity_log_actions(actions):
    actions.register_action(lifecycle.SCHEDULED_CHANGE)(ScheduledValidityChange)
    actions.register_action(lifecycle.REPEAL_CONFIRMED)(RepealConfirmed)


def register_alert_statistics():
    return PermissionMenuItem(
        "订阅提醒统计",
        reverse("disclosure_reports:alert_statistics"),
        name="alert-statistics",
        icon_name="mail",
        order=1320,
        permission=REPORT_PERMISSION,
    )
