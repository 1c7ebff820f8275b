"""编辑工作台: the first panel of the admin dashboard for everyone who writes or reviews pages.

- 新建: one button per column the user may add to, for the page type that column holds
  (政策文件, 政策解读), so a new document is one click from the dashboard instead of three
  levels down the page tree. Under 集约化 every unit has the same columns, so a column of a
  unit's section is named with the unit (its short name) before the column.
- 等我处理: the workflow steps (审核, 签发, 内容安全审查) waiting for this user.
- 我的稿件: pages the user created or saved last that are not published as saved: 草稿, 审核中
  or 退回修改, with the reviewer's comment when a step asked for changes (a reviewer acting
  in the editor may save the last revision; the page stays the editor's).
"""

from django.db.models import Q
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from disclosure.models import DisclosureColumnPage, PolicyDocumentPage, PolicyInterpretationPage
from disclosure.units import SectionMap

NEW_PAGE_TYPES = (PolicyDocumentPage, PolicyInterpretationPage)
MY_PAGES_LIMIT = 10


def new_page_buttons(user):
    """[(label, url)] for each column the user may add a policy document or interpretation to."""
    buttons = []
    sections = SectionMap()
    for column in DisclosureColumnPage.objects.order_by("path"):
        if not column.permissions_for_user(user).can_add_subpage():
            continue
        for page_type in NEW_PAGE_TYPES:
            if page_type.can_create_at(column):
                meta = page_type._meta
                url = reverse(
                    "wagtailadmin_pages:add",
                    args=[meta.app_label, meta.model_name, column.pk],
                )
                unit = sections.unit_for(column)
                where = f"{unit.label} · {column.title}" if unit else column.title
                buttons.append((f"{where} · 新建{meta.verbose_name}", url))
    return buttons


def waiting_for(user):
    """The open workflow steps this user may act on, oldest first."""
    states = (
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "revision__user", "workflow_state", "task")
        .order_by("started_at")
    )
    return [
        {
            "page": state.revision.content_object,
            "task": state.task.name,
            "submitted_by": state.workflow_state.requested_by,
            "since": state.started_at,
        }
        for state in states
        if state.revision.content_object is not None
    ]


def my_pages(user):
    """Pages this user created or saved last that are not live as saved."""
    pages = (
        Page.objects.filter(Q(owner=user) | Q(latest_revision__user=user))
        .filter(has_unpublished_changes=True)
        .select_related("latest_revision")
        .order_by("-latest_revision_created_at")[:MY_PAGES_LIMIT]
    )
    states = {
        int(state.object_id): state
        for state in WorkflowState.objects.filter(
            object_id__in=[str(page.pk) for page in pages],
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        ).select_related("current_task_state__task")
    }
    return [_my_page(page.specific_deferred, states.get(page.pk)) for page in pages]


def _my_page(page, state):
    item = {"page": page, "saved_at": page.latest_revision_created_at, "comment": ""}
    if state is None:
        item["status"] = "草稿"
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        who = task_state.finished_by if task_state else None
        item["status"] = f"退回修改（{task_state.task.name if task_state else '审核'}）"
        item["comment"] = (task_state.get_comment() if task_state else "") or ""
        item["comment_by"] = who
    else:
        item["status"] = f"审核中：{state.current_task_state.task.name}"
    return item


class StaffWorkPanel(Component):
    name = "staff_work"
    template_name = "disclosure/admin/staff_work_panel.html"
    order = 50  # before Wagtail's own panels

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        return {
            "new_page_buttons": new_page_buttons(user),
            "waiting": waiting_for(user),
            "my_pages": my_pages(user),
        }
