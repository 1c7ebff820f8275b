"""Admin screens of the disclosure domain that are not model listings: 集约化单位, the
organisation tree with each unit's section, groups and workflow, and the action that creates
a unit's groups (disclosure/unit_roles.py); 待确认废止 (disclosure/lifecycle.py)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from wagtail.models import WorkflowPage

from core.dates import DateNotUnderstood, parse_typed_date
from core.permissions import permission_required
from disclosure import lifecycle
from disclosure.admin_reports import REPORT_PERMISSION
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


@permission_required(REPORT_PERMISSION)
def unconfirmed_repeals(request):
    """待确认废止: documents replaced or repealed by a live document and not yet marked 废止.
    Confirming sets the old document to 废止 with the date (the new document's 生效日期 by
    default), logged in its 历史记录 (disclosure/lifecycle.py)."""
    pending = [
        relation
        for relation in lifecycle.unconfirmed_repeals()
        if relation.target.permissions_for_user(request.user).can_edit()
    ]
    if request.method == "POST":
        relation = next(
            (item for item in pending if str(item.pk) == request.POST.get("relation")), None
        )
        if relation is None:
            messages.error(request, "该关联已处理或您无权修改被废止的文件，请刷新后再试。")
            return redirect("disclosure_lifecycle:unconfirmed_repeals")
        try:
            repeal_date = parse_typed_date(request.POST.get("repeal_date", ""))
        except DateNotUnderstood as error:
            messages.error(request, f"“{relation.target.title}”未变更：{error}")
            return redirect("disclosure_lifecycle:unconfirmed_repeals")
        lifecycle.confirm_repeal(relation, user=request.user, repeal_date=repeal_date)
        messages.success(
            request,
            f"“{relation.target.title}”已标为废止（{repeal_date:%Y-%m-%d}起），"
            "已记入该文件的历史记录。",
        )
        return redirect("disclosure_lifecycle:unconfirmed_repeals")
    rows = [(relation, lifecycle.proposed_repeal_date(relation)) for relation in pending]
    context = {"page_title": "待确认废止", "header_icon": "warning", "rows": rows}
    return render(request, "disclosure/admin/unconfirmed_repeals.html", context)
