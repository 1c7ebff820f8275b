"""The 依申请公开 menu and URLs in the Wagtail admin."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from core.permissions import PermissionMenuItem

from . import admin_views

admin_urlpatterns = (
    [
        path("", admin_views.queue, name="queue"),
        path("register/", admin_views.register, name="register"),
        path("fees/", admin_views.fee_calculator, name="fees"),
        path("statistics/", admin_views.statistics_view, name="statistics"),
        path("head-approvals/", admin_views.head_approvals, name="head_approvals"),
        path("letter-wording/", admin_views.letter_wording, name="letter_wording"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path("<int:pk>/personal-data/", admin_views.personal_data, name="personal_data"),
        path("<int:pk>/id-document/", admin_views.identity_document, name="identity_document"),
        path(
            "<int:pk>/notifications/<int:notification_pk>/resend/",
            admin_views.resend_notification,
            name="resend_notification",
        ),
        path("<int:pk>/action/<str:action>/", admin_views.action, name="action"),
        path("<int:pk>/letters/<int:letter_pk>/", admin_views.letter_view, name="letter"),
    ],
    "applications_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("applications/", include(admin_urlpatterns))]


class ApplicationsMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("applications.view_application")


class HeadApprovalsMenuItem(MenuItem):
    """For the office head (the log) and administrators (who approve)."""

    def is_shown(self, request):
        user = request.user
        return user.has_perm("applications.view_personal_data") or user.has_perm("auth.change_user")


@hooks.register("register_admin_menu_item")
def register_menu():
    view = "applications.view_application"
    items = [
        PermissionMenuItem(
            "办理队列",
            reverse("applications_admin:queue"),
            icon_name="list-ul",
            order=1,
            permission=view,
        ),
        PermissionMenuItem(
            "登记申请",
            reverse("applications_admin:register"),
            icon_name="plus",
            order=2,
            permission="applications.add_application",
        ),
        PermissionMenuItem(
            "收费计算器",
            reverse("applications_admin:fees"),
            icon_name="decimal",
            order=3,
            permission=view,
        ),
        PermissionMenuItem(
            "年报表三统计",
            reverse("applications_admin:statistics"),
            icon_name="table",
            order=4,
            permission=view,
        ),
    ]
    items.append(
        PermissionMenuItem(
            "答复文书用语",
            reverse("applications_admin:letter_wording"),
            icon_name="doc-full",
            order=6,
            permission=view,
        )
    )
    items.append(
        HeadApprovalsMenuItem(
            "负责人授权",
            reverse("applications_admin:head_approvals"),
            icon_name="key",
            order=5,
        )
    )
    return ApplicationsMenuItem(
        "依申请公开", Menu(items=items), icon_name="form", name="applications", order=250
    )
