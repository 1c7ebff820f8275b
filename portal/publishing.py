"""签发 cannot skip 审核: a page under an active workflow (三审) is published by completing it.

Publishing straight from the editor (or by bulk action) is refused for every role except
管理员 and superusers, the deliberate exception; each such publication is written to the
page's history as 跳过审核流程直接发布 (log action portal.direct_publish). The hooks that apply
this are in wagtail_hooks.py.
"""

from wagtail.log_actions import log

BYPASS_GROUP = "管理员"
LOG_ACTION = "portal.direct_publish"
REFUSED = (
    "本页面须经“{workflow}”流程审核后发布，不能直接发布。"
    "请选择“提交{workflow}”，由审核、签发人员在流程中批准后自动发布。"
)


def workflow_of(page):
    """The active workflow that governs publishing `page`, or None."""
    workflow = page.get_workflow()
    return workflow if workflow is not None and workflow.active else None


def may_publish_directly(user):
    return user.is_superuser or user.groups.filter(name=BYPASS_GROUP).exists()


def refusal(page, user):
    """The message refusing `user` to publish `page` directly, or None when allowed."""
    workflow = workflow_of(page)
    if workflow is None or may_publish_directly(user):
        return None
    return REFUSED.format(workflow=workflow.name)


def log_direct_publication(page, user):
    """A 管理员 published a workflow page directly: the history says so."""
    workflow = workflow_of(page)
    if workflow is not None:
        log(instance=page, action=LOG_ACTION, user=user, data={"workflow": workflow.name})
