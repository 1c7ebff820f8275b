"""Admin registrations: the error-report inbox for 内容监管 reviewers; the attachment privacy
check before a document is served; 系统状态 for 管理员 and the admin-home notice when the
public search answers from the database; the help menu; workflow notices and the rule that
三审 pages are published only through the workflow."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.permissions import PermissionMenuItem
from portal import admin_security, health, publishing, workflow_notices
from portal.attachments import is_hidden_from
from portal.models import ErrorReport
from portal.panels import ReadOnlyFieldPanel
from search import service as search_service


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    """The second sign-in step (portal/admin_security.py): any signed-in staff member."""
    return [
        path("second-factor/", admin_security.verify, name="portal_second_factor_verify"),
        path("second-factor/setup/", admin_security.setup, name="portal_second_factor_setup"),
    ]


@hooks.register("before_serve_document", order=-100)
def hide_private_documents(document, request):
    """A document no public page uses does not exist for the public (portal/attachments.py):
    404, not Wagtail's redirect to the login page, which would tell that it exists."""
    if is_hidden_from(document, request):
        raise Http404("没有找到这个文件。")


class BoundedSearchForm(SearchForm):
    """The admin's list search with a bounded query: nobody searches 100,000 characters, and
    a database's full-text functions refuse such input with an error."""

    MAX_LENGTH = 200

    def clean_q(self):
        query = self.cleaned_data["q"]
        if len(query) > self.MAX_LENGTH:
            raise forms.ValidationError(
                f"检索词过长（最多 {self.MAX_LENGTH} 个字），请缩短后再试。"
            )
        return query


class ErrorReportIndexView(IndexView):
    def get_search_form(self):
        if not self.is_searchable:
            return None
        return BoundedSearchForm(
            self.request.GET if self.search_kwarg in self.request.GET else None
        )


class ErrorReportViewSet(SnippetViewSet):
    model = ErrorReport
    index_view_class = ErrorReportIndexView
    icon = "warning"
    menu_label = "网站纠错"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["category", "description", "page_url", "created_at", "status"]
    list_filter = ["status", "category"]
    search_fields = ["description", "page_url"]
    ordering = ["-created_at"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("category", read_only=True),
                ReadOnlyFieldPanel("page_url", empty_text="未填写"),
                FieldPanel("description", read_only=True),
                ReadOnlyFieldPanel("contact_name", empty_text="未填写"),
                ReadOnlyFieldPanel("contact", empty_text="未填写"),
            ],
            heading="群众反映的问题",
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("reply")],
            heading="处理",
        ),
    ]


register_snippet(ErrorReportViewSet)


# --------------------------------------------------------------------------- 系统状态


@hooks.register("register_admin_urls")
def register_system_status_url():
    return [path("system-status/", health.system_status, name="portal_system_status")]


@hooks.register("register_settings_menu_item")
def register_system_status_menu_item():
    return PermissionMenuItem(
        "系统状态",
        reverse("portal_system_status"),
        name="system-status",
        icon_name="cog",
        order=900,
        permission="portal.view_system_status",
    )


class SearchFallbackPanel(Component):
    """On the admin home: says when the public search answers from the database."""

    name = "search_fallback"
    template_name = "portal/admin/search_fallback_panel.html"
    order = 40

    def render_html(self, parent_context=None):
        if not search_service.elasticsearch_enabled():
            reason = "未配置 Elasticsearch（ELASTICSEARCH_URL 为空）。"
        elif not search_service.elasticsearch_available():
            reason = "Elasticsearch 刚才无法连接，稍后会自动重试。"
        else:
            return ""
        request = (parent_context or {}).get("request")
        context = {
            "reason": reason,
            "can_view_status": bool(request and request.user.has_perm("portal.view_system_status")),
        }
        return render_to_string(self.template_name, context, request=request)


@hooks.register("construct_homepage_panels")
def add_search_fallback_panel(request, panels):
    panels.append(SearchFallbackPanel())


# Help menu entries that open wagtail.org (English, and out of reach of an intranet admin).
EXTERNAL_HELP_ITEMS = {"editor-guide"}


@hooks.register("construct_help_menu")
def keep_help_menu_inside_the_site(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in EXTERNAL_HELP_ITEMS and not item.name.startswith("whats-new-in-wagtail")
    ]


@hooks.register("before_edit_page")
def tell_editors_where_the_page_stands(request, page):
    """Opening a page in a workflow says who asked for changes and why, or what blocks it."""
    if request.method == "GET":
        for notice in workflow_notices.editor_notices(page, request.user):
            workflow_notices.add(request, notice)
    elif "action-workflow-action" in request.POST:
        # 批准 / 请求修改 from the editor's footer save the edits and act in one request;
        # remember the step acted on to say afterwards what became of it.
        request.workflow_task_state = page.current_workflow_task_state


@hooks.register("after_edit_page")
def say_what_the_workflow_action_did(request, page):
    """Instead of Wagtail's bare 页面已被更新 after a workflow action taken in the editor."""
    task_state = getattr(request, "workflow_task_state", None)
    if task_state is not None:
        action_name = request.POST.get("workflow-action-name", "")
        notice = workflow_notices.outcome_notice(page, action_name, task_state)
        workflow_notices.replace_saved_message(request, notice)


@hooks.register("construct_page_action_menu")
def publish_only_through_the_workflow(menu_items, request, context):
    """No 发布 button where the page must go through 三审 (portal/publishing.py); no second
    way to resubmit ("restart workflow") next to 重新提交 for anyone but 管理员."""
    page = context.get("page") or context.get("parent_page")
    if page is None:
        return
    hidden = set()
    if publishing.refusal(page, request.user):
        hidden.add("action-publish")
    if not publishing.may_publish_directly(request.user):
        hidden.add("action-restart-workflow")
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


@hooks.register("before_publish_page")
def refuse_direct_publishing(request, page):
    message = publishing.refusal(page, request.user)
    if message:
        messages.error(request, message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    publishing.log_direct_publication(page, request.user)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    for page in objects:
        message = publishing.refusal(page, request.user)
        if message:
            messages.error(request, f"“{page.get_admin_display_title()}”：{message}")
            return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        publishing.LOG_ACTION, "跳过审核流程直接发布", "管理员跳过审核流程直接发布"
    )


@hooks.register("insert_global_admin_css")
def mongolian_font_in_the_admin():
    """Mongolian titles and translations readable in the admin (static/css/admin-mongolian.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-mongolian.css"))
