"""Admin registrations: the 内容监管 menu (dashboard, review queue, reports, imports, accounts,
posts, messages, dictionaries), the gate's history entries and the guard on direct publishing."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.permissions import PermissionMenuItem

from . import services
from .models import AccountPost, DictionaryTerm, GateReview, InteractionMessage, NewMediaAccount
from .urls import admin_urlpatterns


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("monitoring/", include((admin_urlpatterns, "monitoring_admin")))]


class AccountViewSet(SnippetViewSet):
    model = NewMediaAccount
    icon = "group"
    menu_label = "政务新媒体账号"
    list_display = ["name", "platform", "sponsor_unit", "unit", "filing_status", "lifecycle"]
    list_filter = ["platform", "unit", "filing_status", "lifecycle"]
    search_fields = ["name", "sponsor_unit", "account_id"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("platform"),
                FieldPanel("name"),
                FieldPanel("account_id"),
                FieldPanel("homepage_url"),
                FieldPanel("qr_image"),
                FieldPanel("interaction_enabled"),
            ],
            heading="账号",
        ),
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("sponsor_unit"),
                FieldPanel("operator_unit"),
                FieldPanel("contact_name"),
                FieldPanel("contact_phone"),
            ],
            heading="主办和运维",
        ),
        MultiFieldPanel(
            [
                FieldPanel("filing_status"),
                FieldPanel("filing_date"),
                FieldPanel("lifecycle"),
                FieldPanel("lifecycle_date"),
                FieldPanel("lifecycle_note"),
            ],
            heading="备案和状态",
        ),
        FieldPanel("feed_url"),
    ]


class PostViewSet(SnippetViewSet):
    model = AccountPost
    icon = "doc-full"
    menu_label = "政务新媒体发文"
    list_display = ["title", "account", "published_at", "source"]
    list_filter = ["account", "source"]
    search_fields = ["title", "body"]
    panels = [
        FieldPanel("account"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("url"),
        FieldPanel("published_at"),
        FieldPanel("attachment"),
        FieldPanel("external_id"),
    ]


class MessageViewSet(SnippetViewSet):
    model = InteractionMessage
    icon = "mail"
    menu_label = "互动留言"
    list_display = ["content", "account", "asked_at", "replied_at", "is_valid"]
    list_filter = ["account", "channel", "is_valid"]
    search_fields = ["content", "reply"]
    panels = [
        FieldPanel("account"),
        FieldPanel("channel"),
        FieldPanel("author"),
        FieldPanel("content"),
        FieldPanel("asked_at"),
        FieldPanel("reply"),
        FieldPanel("replied_at"),
        FieldPanel("is_valid"),
    ]


class DictionaryViewSet(SnippetViewSet):
    model = DictionaryTerm
    icon = "spell-check"
    menu_label = "监测词库"
    list_display = ["wrong", "right", "kind", "category", "active"]
    list_filter = ["kind", "category", "active"]
    search_fields = ["wrong", "right", "note"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("wrong"),
        FieldPanel("right"),
        FieldPanel("category"),
        FieldPanel("note"),
        FieldPanel("active"),
    ]


class GateReviewViewSet(SnippetViewSet):
    model = GateReview
    icon = "shield"
    menu_label = "内容安全审查记录"
    list_display = ["page", "outcome", "user", "beijing_time"]
    list_filter = ["outcome"]
    inspect_view_enabled = True
    # In Chinese and Beijing time (the raw detections are a list of dicts, the time UTC).
    inspect_view_fields = ["page", "outcome", "findings_text", "user", "note", "beijing_time"]

    def get_permissions_to_register(self):
        return []


VIEWSETS = [AccountViewSet, PostViewSet, MessageViewSet, DictionaryViewSet, GateReviewViewSet]
for viewset in VIEWSETS:
    viewset.add_to_admin_menu = False
    register_snippet(viewset)


def snippet_url(model):
    return reverse_lazy(f"wagtailsnippets_monitoring_{model._meta.model_name}:list")


@hooks.register("register_admin_menu_item")
def register_monitoring_menu():
    items = [
        PermissionMenuItem(
            "监测概览",
            reverse_lazy("monitoring_admin:dashboard"),
            icon_name="view",
            order=100,
            permission="monitoring.view_finding",
        ),
        PermissionMenuItem(
            "审核队列",
            reverse_lazy("monitoring_admin:findings"),
            icon_name="tasks",
            order=110,
            permission="monitoring.view_finding",
        ),
        PermissionMenuItem(
            "检查报告",
            reverse_lazy("monitoring_admin:reports"),
            icon_name="table",
            order=120,
            permission="monitoring.view_finding",
        ),
        PermissionMenuItem(
            "导入发文和留言",
            reverse_lazy("monitoring_admin:import"),
            icon_name="upload",
            order=130,
            permission="monitoring.add_accountpost",
        ),
        PermissionMenuItem(
            "政务新媒体账号",
            snippet_url(NewMediaAccount),
            icon_name="group",
            order=140,
            permission="monitoring.view_newmediaaccount",
        ),
        PermissionMenuItem(
            "政务新媒体发文",
            snippet_url(AccountPost),
            icon_name="doc-full",
            order=150,
            permission="monitoring.view_accountpost",
        ),
        PermissionMenuItem(
            "互动留言",
            snippet_url(InteractionMessage),
            icon_name="mail",
            order=160,
            permission="monitoring.view_interactionmessage",
        ),
        PermissionMenuItem(
            "监测词库",
            snippet_url(DictionaryTerm),
            icon_name="spell-check",
            order=170,
            permission="monitoring.view_dictionaryterm",
        ),
        PermissionMenuItem(
            "内容安全审查记录",
            snippet_url(GateReview),
            icon_name="shield",
            order=180,
            permission="monitoring.view_gatereview",
        ),
    ]
    return SubmenuMenuItem("内容监管", Menu(items=items), icon_name="view", order=310)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "monitoring.gate_override", "内容安全审查强制通过", "内容安全审查强制通过"
    )


@hooks.register("before_publish_page")
def block_direct_publishing_with_veto(request, page):
    """Publishing straight from the editor must not skip the 内容安全审查 gate: a page with a
    单项否决 finding goes through the workflow, where a 签发 user can override with a reason."""
    vetoes = services.check_direct_publication(page, request.user)
    if not vetoes:
        return None
    problems = "；".join(detection.message for _, detection in vetoes[:3])
    messages.error(
        request,
        f"内容安全审查发现单项否决问题，未发布（已保存为草稿）：{problems} "
        "请修改后重新发布，或提交审核，由签发人员在“内容安全审查”步骤填写理由后强制通过。",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
