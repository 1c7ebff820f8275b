"""What the 三审 workflow tells staff: after 请求修改 / 批准 (Wagtail reloaded the page silently)
and when they open a page in the editor (who asked for changes, what blocks publication).

A workflow step may say more about itself through a `status_notice(task_state)` method
returning (level, text) or None; the 内容安全审查 step does (monitoring/models/workflow.py).
"""

from django.contrib import messages
from wagtail.admin.templatetags.wagtailadmin_tags import user_display_name
from wagtail.models import TaskState, WorkflowState

LEVELS = {"info": messages.INFO, "success": messages.SUCCESS, "warning": messages.WARNING}
LEVELS["error"] = messages.ERROR


def outcome_notice(page, action_name, task_state):
    """(level, text) describing the workflow after `action_name` was taken on `task_state`."""
    task_state.refresh_from_db()
    state = task_state.workflow_state
    state.refresh_from_db()
    title = page.get_admin_display_title()
    done = task_state.task.name
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        text = f"已退回修改：“{title}”已退回给{_name(state.requested_by)}修改。"
        comment = task_state.get_comment()
        return ("success", text + (f"您的意见：“{comment}”" if comment else ""))
    if state.status == WorkflowState.STATUS_APPROVED:
        page.refresh_from_db()
        if page.live:
            return ("success", f"“{title}”已通过{state.workflow.name}并发布。")
        return ("success", f"“{title}”已通过{state.workflow.name}。")
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        current = state.current_task_state
        own = _step_notice(current)
        if own:
            return own
        if current.pk != task_state.pk:
            return ("success", f"已通过“{done}”，“{title}”已转交“{current.task.name}”。")
        return ("info", f"“{title}”仍在“{current.task.name}”步骤。")
    return ("info", f"“{title}”的{state.workflow.name}流程已{state.get_status_display()}。")


def editor_notices(page, user):
    """[(level, text)] about the page's workflow, shown when `user` opens it for editing (the
    reviewer who asked for changes has just been told so)."""
    state = page.current_workflow_state
    if state is None:
        return []
    current = state.current_task_state
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES and current:
        if current.finished_by_id == user.pk:
            return []
        comment = current.get_comment()
        text = f"“{current.task.name}”步骤由{_name(current.finished_by)}退回修改"
        text += f"，意见：“{comment}”" if comment else "。"
        return [("warning", text + " 修改后请选择“重新提交审核”。")]
    if state.status == WorkflowState.STATUS_IN_PROGRESS and current:
        own = _step_notice(current)
        return [own] if own else []
    return []


def add(request, notice):
    level, text = notice
    messages.add_message(request, LEVELS[level], text)


def replace_saved_message(request, notice):
    """Add `notice` in place of the edit view's 页面已被更新 message queued in this request
    (Django's message storage keeps the messages of the request in `_queued_messages`)."""
    queued = getattr(request._messages, "_queued_messages", [])
    queued[:] = [message for message in queued if message.level != messages.SUCCESS]
    add(request, notice)


def _step_notice(task_state):
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    notice = getattr(task_state.task.specific, "status_notice", None)
    return notice(task_state) if notice else None


def _name(user):
    return user_display_name(user) if user else "提交人"
