"""A unit's staff groups, page and collection permissions and workflow, created idempotently.

`create_unit_groups(unit)` (run by `manage.py create_unit_groups` and the 集约化单位 admin
screen) gives a unit (an Organisation with a section root):

- one Django group per role (models.UnitRole), named "<role>·<unit>", recorded as a
  UnitGroup so the admin screens know whose group it is;
- Wagtail page permissions on the unit's section root only, so its editors, reviewers and
  signers act inside its tree and nowhere else;
- a collection of its own for images and documents, with the same collection permissions the
  platform-wide roles have on the root collection;
- its own 三审 workflow (审核 → 签发 → 内容安全审查) on the section root: only the unit's
  reviewers and signers approve its pages, and its signers decide on the 内容安全审查 gate
  (the platform-wide 三审 on the tree root still covers every other page);
- the model permissions of each role as the platform-wide roles have them
  (portal/migrations/0002, disclosure 0005, applications 0002, monitoring 0002); the admin
  screens narrow them to the unit's records (disclosure/units.py, `user_scope`).

Running it again creates nothing new: it only repairs what drifted (a renamed unit, a
removed permission). Permissions are named by app label and codename, as the role
migrations name them, so this module imports no other app.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from disclosure.models import Organisation, UnitGroup, UnitRole

ACCESS_ADMIN = "wagtailadmin.access_admin"
REFERENCE_DATA = [
    "disclosure.view_organisation",
    "disclosure.view_disclosureoffice",
    "disclosure.view_topic",
    "disclosure.view_timeliness_reports",
]
APPLICATION_OFFICER = [
    "applications.view_application",
    "applications.add_application",
    "applications.change_application",
]

MODEL_PERMISSIONS = {
    UnitRole.EDITOR: [ACCESS_ADMIN, *REFERENCE_DATA],
    UnitRole.REVIEWER: [ACCESS_ADMIN, *REFERENCE_DATA],
    UnitRole.SIGNER: [ACCESS_ADMIN, *REFERENCE_DATA, "monitoring.view_gatereview"],
    UnitRole.OFFICER: [ACCESS_ADMIN, *APPLICATION_OFFICER],
    UnitRole.HEAD: [
        ACCESS_ADMIN,
        *APPLICATION_OFFICER,
        "applications.approve_extension",
        "applications.view_personal_data",
    ],
    UnitRole.MONITOR: [
        ACCESS_ADMIN,
        "monitoring.view_finding",
        "monitoring.review_finding",
        "monitoring.view_monitorrun",
        "monitoring.view_gatereview",
    ],
}
PAGE_PERMISSIONS = {
    UnitRole.EDITOR: ["add_page", "change_page"],
    UnitRole.REVIEWER: ["change_page", "lock_page", "unlock_page"],
    UnitRole.SIGNER: ["change_page", "publish_page", "lock_page", "unlock_page"],
}
CHOOSE = ["choose_image", "choose_document"]
COLLECTION_PERMISSIONS = {
    UnitRole.EDITOR: ["add_image", "change_image", "add_document", "change_document", *CHOOSE],
    UnitRole.REVIEWER: CHOOSE,
    UnitRole.SIGNER: CHOOSE,
}
WORKFLOW_NAME = "三审"
SAFETY_TASK_NAME = "内容安全审查"


class UnitSetupError(ValueError):
    """The unit cannot be given groups yet (the message says why, in Chinese)."""


@dataclass
class UnitSetup:
    unit: Organisation
    groups: dict = field(default_factory=dict)  # role -> Group
    created: list = field(default_factory=list)  # names of what was created
    collection: Collection | None = None
    workflow: Workflow | None = None


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _collection_permission(codename: str) -> Permission:
    app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group_name(role: UnitRole, unit: Organisation) -> str:
    return f"{role.label}·{unit.label}"


def _unit_group(unit, role, setup):
    link = UnitGroup.objects.filter(unit=unit, role=role).select_related("group").first()
    name = group_name(role, unit)
    if link is not None:
        group = link.group
        if group.name != name and not Group.objects.filter(name=name).exists():
            group.name = name
            group.save(update_fields=["name"])
        return group
    taken = Group.objects.filter(name=name).first()
    if taken is not None and hasattr(taken, "unit_role"):
        name = f"{role.label}·{unit.name}"  # two units share a short name
    group, created = Group.objects.get_or_create(name=name)
    if created:
        setup.created.append(f"用户组“{name}”")
    UnitGroup.objects.create(unit=unit, group=group, role=role)
    return group


def _unit_collection(unit, editors, setup):
    """The collection the unit's editors upload into (found through their permission)."""
    existing = GroupCollectionPermission.objects.filter(
        group=editors, permission__codename="add_document"
    ).first()
    if existing is not None:
        return existing.collection
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=unit.name).first()
    if collection is None:
        collection = root.add_child(name=unit.name)
        setup.created.append(f"文件夹“{unit.name}”")
    return collection


def _approval_task(name, group, setup):
    task = GroupApprovalTask.objects.filter(groups=group).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name, active=True)
        setup.created.append(f"审批步骤“{name}”")
    elif task.name != name or not task.active:
        task.name, task.active = name, True
        task.save(update_fields=["name", "active"])
    task.groups.set([group])
    return task


def _safety_task(name, signers, setup):
    """The unit's 内容安全审查 step, its signers deciding on overrides (None without monitoring)."""
    if not apps.is_installed("monitoring"):
        return None
    task_model = apps.get_model("monitoring", "ContentSafetyTask")
    task = task_model.objects.filter(override_groups=signers).first()
    if task is None:
        task = task_model.objects.create(name=name, active=True)
        setup.created.append(f"审批步骤“{name}”")
    task.override_groups.set([signers])
    return task


def _workflow(unit, tasks, setup):
    first = tasks[0]
    workflow = Workflow.objects.filter(workflow_tasks__task=first).first()
    name = f"{WORKFLOW_NAME}·{unit.label}"
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
        setup.created.append(f"审批流程“{name}”")
    elif workflow.name != name or not workflow.active:
        workflow.name, workflow.active = name, True
        workflow.save(update_fields=["name", "active"])
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=tasks).delete()
    WorkflowPage.objects.update_or_create(page=unit.section_root, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def create_unit_groups(unit: Organisation) -> UnitSetup:
    """Give `unit` its groups, permissions, collection and workflow (see the module docstring)."""
    unit = Organisation.objects.select_for_update().get(pk=unit.pk)
    if unit.section_root_id is None:
        raise UnitSetupError(
            f"“{unit.name}”尚未设置“本单位栏目根页面”，请先在发布机构中选择本单位的网站首页"
            "或政府信息公开栏目。"
        )
    setup = UnitSetup(unit)
    for role in UnitRole:
        group = _unit_group(unit, role, setup)
        group.permissions.add(*[_permission(name) for name in MODEL_PERMISSIONS[role]])
        for codename in PAGE_PERMISSIONS.get(role, []):
            GroupPagePermission.objects.get_or_create(
                group=group, page=unit.section_root, permission=_page_permission(codename)
            )
        setup.groups[role] = group
    setup.collection = _unit_collection(unit, setup.groups[UnitRole.EDITOR], setup)
    for role, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=setup.groups[role],
                collection=setup.collection,
                permission=_collection_permission(codename),
            )
    reviewers, signers = setup.groups[UnitRole.REVIEWER], setup.groups[UnitRole.SIGNER]
    tasks = [
        _approval_task(group_name(UnitRole.REVIEWER, unit), reviewers, setup),
        _approval_task(group_name(UnitRole.SIGNER, unit), signers, setup),
    ]
    safety = _safety_task(f"{SAFETY_TASK_NAME}·{unit.label}", signers, setup)
    if safety is not None:
        tasks.append(safety)
    setup.workflow = _workflow(unit, tasks, setup)
    return setup


def unit_collection(unit: Organisation) -> Collection | None:
    """The collection of the unit's images and documents, once its groups exist."""
    link = UnitGroup.objects.filter(unit=unit, role=UnitRole.EDITOR).first()
    if link is None:
        return None
    found = GroupCollectionPermission.objects.filter(
        group_id=link.group_id, permission__codename="add_document"
    ).first()
    return found.collection if found else None
