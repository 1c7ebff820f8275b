"""Roles are groups created by a data migration, with least privilege, and the 三审 workflow."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from disclosure.units import units

ROLES = ["编辑", "审核", "签发", "依申请公开经办", "内容监管", "管理员"]


def user_in(group_name):
    user = get_user_model().objects.create_user(f"u-{group_name}", password="pw-1234567")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.django_db
def test_every_role_exists_and_default_english_groups_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(ROLES) <= names
    assert not names & {"Moderators", "Editors"}


def task_groups(task):
    groups = task.groups if hasattr(task, "groups") else task.override_groups
    return [group.name for group in groups.all()]


def bureau_guide(site):
    """The bureau's 政府信息公开指南 (every unit's section has one with the same slug)."""
    return Page.objects.descendant_of(site.root_page).get(slug="guide")


@pytest.mark.django_db
def test_three_review_workflow_covers_the_whole_tree(demo_site):
    # The banner's own pages (outside every unit's section): the platform-wide 三审.
    workflow = Page.objects.get(slug="qqml").get_workflow()
    assert workflow.name == "三审"
    tasks = [(task.name, task_groups(task.specific)) for task in workflow.tasks]
    # 内容安全审查 (monitoring) runs the content checks; 签发 users may override a veto.
    assert tasks == [("审核", ["审核"]), ("签发", ["签发"]), ("内容安全审查", ["签发"])]
    # A unit's section (集约化): the unit's own 三审, decided by the unit's own groups.
    workflow = bureau_guide(demo_site).get_workflow()
    assert workflow.name == "三审·旗政务服务局"
    tasks = [(task.name, task_groups(task.specific)) for task in workflow.tasks]
    assert tasks == [
        ("审核·旗政务服务局", ["审核·旗政务服务局"]),
        ("签发·旗政务服务局", ["签发·旗政务服务局"]),
        ("内容安全审查·旗政务服务局", ["签发·旗政务服务局"]),
    ]
    assert Workflow.objects.filter(active=True).count() == 1 + units().count()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "can_edit", "can_publish"),
    [
        ("编辑", True, False),
        ("审核", True, False),
        ("签发", True, True),
        ("依申请公开经办", False, False),
        ("内容监管", False, False),
        ("管理员", True, True),
    ],
)
def test_page_permissions_follow_least_privilege(demo_site, role, can_edit, can_publish):
    page = bureau_guide(demo_site)
    permissions = page.permissions_for_user(user_in(role))
    assert permissions.can_edit() is can_edit
    assert permissions.can_publish() is can_publish


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_reach_the_admin(client, role):
    client.force_login(user_in(role))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_only_administrators_edit_site_identity(client, demo_site):
    client.force_login(user_in("编辑"))
    url = f"/admin/settings/portal/siteidentity/{demo_site.pk}/"
    assert client.get(url).status_code in (302, 403)
    client.force_login(user_in("管理员"))
    assert client.get(url).status_code == 200
