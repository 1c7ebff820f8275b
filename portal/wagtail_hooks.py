"""Admin registrations: the error-report inbox for 内容监管 reviewers; the help menu."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import publishing, workflow_notices
from portal.models import ErrorReport
from portal.panels import ReadOnlyFieldPanel


class ErrorReportViewSet(SnippetViewSet):
    model = ErrorReport
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
