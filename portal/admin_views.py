"""Admin views of the site shell that wrap Wagtail's own."""

import json

from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, TaskState

from portal import workflow_notices

wagtail_workflow_action = page_viewset_registry.as_view("workflow_action", page_id_kwarg="page_id")


def workflow_action(request, page_id, action_name, task_state_id):
    """Wagtail's workflow action (批准, 请求修改, 强制通过 …), then a message saying what
    happened: Wagtail itself reloads the editor without one. portal/urls.py puts this view in
    front of Wagtail's at the same address."""
    response = wagtail_workflow_action(
        request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
    )
    if request.method == "POST" and _succeeded(response):
        page = Page.objects.get(pk=page_id).specific
        task_state = TaskState.objects.get(pk=task_state_id)
        workflow_notices.add(
            request, workflow_notices.outcome_notice(page, action_name, task_state)
        )
    return response


def _succeeded(response):
    if response.status_code == 302:
        return True
    if response.get("Content-Type", "").startswith("application/json"):
        return json.loads(response.content).get("step") == "success"
    return False
