"""Fixtures for the 依申请公开 tests: staff in their real groups and a case factory that goes
through services.create_application like the site does."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.rules.identifiers import resident_id_check_char, uscc_check_char
from disclosure.applications import roles, services
from disclosure.applications.models import OfficeHeadApproval


def resident_id(first17="15062719850312001"):
    return first17 + resident_id_check_char(first17)


def uscc(first17="91150627MA0N3K8X1"):
    return first17 + uscc_check_char(first17)


def _user(username, group, email=None):
    user = get_user_model().objects.create_user(
        username=username, email=email or f"{username}@example.com", password="x-unused-1234"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def officer(db):
    return _user("officer_a", "依申请公开经办")


@pytest.fixture
def other_officer(db):
    return _user("officer_b", "依申请公开经办")


@pytest.fixture
def admin_user_a(db):
    return _user("admin_a", "管理员")


@pytest.fixture
def head(db, admin_user_a):
    """The office head, approved by an administrator (four eyes, roles.py)."""
    user = _user("office_head", "依申请公开负责人")
    roles.approve(OfficeHeadApproval.objects.get(user=user, approved_at=None), admin_user_a)
    return user


def citizen_fields(**overrides):
    fields = {
        "applicant_type": "citizen",
        "name": "王建国",
        "id_type": "resident_id",
        "id_number": resident_id(),
        "phone": "13904770001",
        "email": "wang@example.com",
        "address": "内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇测试路1号",
        "postcode": "017200",
        "information_title": "2024年政务服务事项清单",
        "medium": "electronic",
        "delivery": "email",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def make_application(db, officer):
    """An application registered by staff on ``received_on`` (default 2025-03-03, a Monday in
    a month without holidays) and assigned to ``officer``."""

    def make(received_on=date(2025, 3, 3), channel="in_person", assign=True, **overrides):
        application, code = services.create_application(
            citizen_fields(**overrides),
            channel=channel,
            actor=officer,
            received_on=None if channel == "online" else received_on,
            officer=officer if assign else None,
        )
        application.lookup_code = code
        return application

    return make


@pytest.fixture
def ids():
    """Valid identifiers: ids.resident_id(first17), ids.uscc(first17)."""

    class Ids:
        resident_id = staticmethod(resident_id)
        uscc = staticmethod(uscc)

    return Ids


@pytest.fixture
def valid_id(ids):
    """The ID number the public-form tests type (a valid check character)."""
    return ids.resident_id("11010119900307451")
