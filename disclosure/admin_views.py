"""Admin screens of the disclosure domain that are not model listings: 集约化单位, the
organisation tree with each unit's section, groups and workflow, and the action that creates
a unit's groups (disclosure/unit_roles.py)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from wagtail.models import WorkflowPage

from core.permissions import permission_required
from disclosure.models import Organisation, UnitGroup
from disclosure.unit_roles import UnitSetupError, create_unit_groups, unit_collection
from disclosure.units import unit_site


def _tree(organisations):
    """(depth, organisation) in tree order: each organisation right after its parent."""
    known = {organisation.pk for organisation in organisations}
    children = {}
    for organisation in organisations:
        parent = organisation.parent_id if organisation.parent_id in known else None
        children.setdefault(parent, []).append(organisation)
    ordered = []

    def walk(parent_id, depth):
        for organisation in children.get(parent_id, []):
            ordered.append((depth, organisation))
            walk(organisation.pk, depth + 1)

    walk(None, 0)
    return ordered


@permission_required("disclosure.view_organisation")
def units_overview(request):
    organisations = list(Organisation.objects.select_related("section_root", "parent"))
    groups = {}
    for link in UnitGroup.objects.select_related("group").annotate(members=Count("group__user")):
        groups.setdefault(link.unit_id, []).append(link)
    workflows = {
        row.page_id: row.workflow
        for row in WorkflowPage.objects.select_related("workflow").filter(
            page_id__in=[o.section_root_id for o in organisations if o.section_root_id]
        )
    }
    rows = []
    for depth, organisation in _tree(organisations):
        root = organisation.section_root
        site = unit_site(organisation) if root else None
        rows.append(
            {
                "depth": depth,
                "indent": "\u3000" * depth,
                "organisation": organisation,
                "root": root,
                "site": site,
                "groups": sorted(groups.get(organisation.pk, []), key=lambda link: link.role),
                "workflow": workflows.get(root.pk) if root else None,
                "collection": unit_collection(organisation) if root else None,
            }
        )
    context = {
        "page_title": "集约化单位",
        "header_icon": "group",
        "rows": rows,
        "can_change": request.user.has_perm("disclosure.change_organisation"),
    }
    return render(request, "disclosure/admin/units.html", context)


@require_POST
@permission_required("disclosure.change_organisation")
def unit_groups_create(request, pk):
    unit = get_object_or_404(Organisation, pk=pk)
    try:
        setup = create_unit_groups(unit)
    except UnitSetupError as error:
        messages.error(request, str(error))
    else:
        made = "新建：" + "、".join(setup.created) if setup.created else "权限已是最新，无需新建"
        messages.success(request, f"{unit.name}的用户组和审批流程已就绪（{made}）。")
    return redirect("disclosure_units:overview")
