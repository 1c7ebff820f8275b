"""Personal data only for the officer the office head assigned (or who registered the case)
and for the head; self-assignment grants nothing; closed cases are reassigned only by the
head; role changes that grant access are logged, and the head's powers need a second
administrator's approval (issue 11)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from wagtail.log_actions import LogContext

from disclosure.applications import roles, services
from disclosure.applications.models import AccessChange, OfficeHeadApproval
from disclosure.applications.personal_data import can_view_in_full
from disclosure.applications.workflow import Action


def assign(application, actor, officer, on=date(2025, 3, 4)):
    services.perform(
        application, Action.ASSIGN, actor=actor, reason="分配", officer=officer, effective_on=on
    )
    application.refresh_from_db()


def test_self_assignment_does_not_open_personal_data(make_application, officer, other_officer):
    application = make_application(assign=False)  # registered by `officer`
    assert can_view_in_full(officer, application)  # who registered it
    assert not can_view_in_full(other_officer, application)
    assign(application, other_officer, other_officer)  # takes the case itself
    assert application.officer == other_officer
    assert not can_view_in_full(other_officer, application)
    with pytest.raises(PermissionDenied):
        services.reveal_personal_data(application, other_officer)


def test_assignment_by_the_head_opens_personal_data(make_application, other_officer, head):
    application = make_application(assign=False)
    assign(application, head, other_officer)
    assert application.officer_assigned_by == head and application.officer_assigned_by_head
    assert can_view_in_full(other_officer, application)
    assert services.reveal_personal_data(application, other_officer)["phone"] == "13904770001"


def test_the_case_page_masks_the_name_unless_allowed(client, make_application, other_officer):
    application = make_application(assign=False)
    client.force_login(other_officer)
    page = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert 'id="applicant-name">王**<' in page and "王建国" not in page


def test_closed_cases_are_reassigned_only_by_the_head(
    make_application, officer, other_officer, head
):
    application = make_application()
    services.perform(
        application,
        Action.REPLY,
        actor=officer,
        reason="答复",
        resolution="granted",
        effective_on=date(2025, 3, 10),
    )
    application.refresh_from_db()
    assert Action.ASSIGN not in services.available_actions(application, officer)
    with pytest.raises(PermissionDenied, match="负责人重新分配"):
        assign(application, other_officer, other_officer, on=date(2025, 3, 11))
    assert Action.ASSIGN in services.available_actions(application, head)
    assign(application, head, other_officer, on=date(2025, 3, 11))
    assert application.officer == other_officer


@pytest.fixture
def admin_b(db):
    user = get_user_model().objects.create_user("admin_b", password="x-unused-1234")
    user.groups.add(Group.objects.get(name="管理员"))
    return user


def test_an_administrator_cannot_make_itself_head(admin_user_a, admin_b, make_application):
    application = make_application(assign=False)
    with LogContext(user=admin_user_a):  # as in a Wagtail admin request
        admin_user_a.groups.add(Group.objects.get(name="依申请公开负责人"))
    admin_user_a = get_user_model().objects.get(pk=admin_user_a.pk)
    # Django says yes, the site says no until a second administrator approves.
    assert admin_user_a.has_perm("applications.view_personal_data")
    assert not roles.holds(admin_user_a, "applications.view_personal_data")
    assert not can_view_in_full(admin_user_a, application)
    change = AccessChange.objects.get()
    assert change.actor == admin_user_a and change.user == admin_user_a
    assert "依申请公开负责人" in change.description
    approval = OfficeHeadApproval.objects.get(user=admin_user_a)
    assert approval.requested_by == admin_user_a and approval.state == "待批准"
    with pytest.raises(PermissionError, match="不能批准授予自己"):
        roles.approve(approval, admin_user_a)
    roles.approve(approval, admin_b, "经局长同意")
    assert roles.holds(admin_user_a, "applications.view_personal_data")
    assert can_view_in_full(admin_user_a, application)
    # Leaving the group revokes the approval: joining again needs a new one.
    admin_user_a.groups.remove(Group.objects.get(name="依申请公开负责人"))
    admin_user_a.groups.add(Group.objects.get(name="依申请公开负责人"))
    admin_user_a = get_user_model().objects.get(pk=admin_user_a.pk)
    assert not roles.holds(admin_user_a, "applications.view_personal_data")


def test_whoever_made_the_change_cannot_approve_it(admin_user_a, admin_b, officer):
    with LogContext(user=admin_b):
        officer.groups.add(Group.objects.get(name="依申请公开负责人"))
    approval = OfficeHeadApproval.objects.get(user=officer)
    assert "作出该项权限变更" in roles.may_approve(admin_b, approval)
    assert roles.may_approve(officer, approval) == "只有管理员可以批准负责人授权"
    roles.approve(approval, admin_user_a)
    assert roles.holds(
        get_user_model().objects.get(pk=officer.pk), "applications.approve_extension"
    )


def test_group_and_user_permission_changes_are_logged(admin_user_a, officer):
    permission = Permission.objects.get(
        codename="view_personal_data", content_type__app_label="applications"
    )
    with LogContext(user=admin_user_a):
        Group.objects.get(name="依申请公开经办").permissions.add(permission)
        officer.user_permissions.add(permission)
    descriptions = list(AccessChange.objects.values_list("description", flat=True))
    assert any("用户组“依申请公开经办”被授予负责人权限" in d for d in descriptions)
    assert any("officer_a 被授予负责人权限" in d for d in descriptions)
    assert OfficeHeadApproval.objects.filter(user=officer, approved_at=None).count() == 1
    # Unrelated changes are not logged.
    before = AccessChange.objects.count()
    officer.groups.add(Group.objects.get(name="编辑"))
    assert AccessChange.objects.count() == before


def test_the_approval_screen(client, admin_user_a, admin_b, officer, head):
    with LogContext(user=admin_user_a):
        officer.groups.add(Group.objects.get(name="依申请公开负责人"))
    approval = OfficeHeadApproval.objects.get(user=officer)
    client.force_login(admin_user_a)
    page = client.get("/admin/applications/head-approvals/").content.decode()
    assert "作出该项权限变更的管理员不能自行批准" in page
    client.force_login(admin_b)
    response = client.post(
        "/admin/applications/head-approvals/",
        {"approval": approval.pk, "decision": "approve", "note": "复核通过"},
        follow=True,
    )
    assert "已批准 officer_a 的负责人权限" in response.content.decode()
    # The office head sees the log too.
    client.force_login(head)
    page = client.get("/admin/applications/head-approvals/").content.decode()
    assert "officer_a 加入用户组“依申请公开负责人”" in page
