"""集约化 in 依申请公开: the unit an application is addressed to, and whose cases a user handles.

Every unit on the platform has its own 政府信息公开工作机构 (a DisclosureOffice of its
organisation) and receives its own applications (Application.unit). A unit's officers (its
依申请公开经办 and 负责人 groups, disclosure/unit_roles.py) see and handle only its cases; the
platform-wide officer roles see every unit's (disclosure/units.py, `user_scope`).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from disclosure.models import UnitGroup, UnitRole
from disclosure.units import units, user_scope

from .models import Application

VIEW = "applications.view_application"
ADD = "applications.add_application"
OFFICER_GROUPS = ("依申请公开经办", "依申请公开负责人")


def receiving_units():
    """The units with a 受理机构 of their own: those an applicant can address."""
    return units().filter(offices__isnull=False).distinct()


def cases_for(user, queryset=None):
    """The applications `user` may see (and, with the change permission, handle)."""
    queryset = Application.objects.all() if queryset is None else queryset
    return user_scope(user, VIEW).filter(queryset)


def registration_units(user):
    """The receiving units the user may register applications for."""
    return user_scope(user, ADD).units().filter(pk__in=receiving_units().values("pk"))


def officers(unit=None):
    """Active staff who may be assigned a case: the platform-wide officer roles, superusers,
    and, for a unit's case, that unit's officers and heads."""
    who = Q(groups__name__in=OFFICER_GROUPS, groups__unit_role__isnull=True) | Q(is_superuser=True)
    if unit is not None:
        unit_groups = UnitGroup.objects.filter(
            unit=unit, role__in=[UnitRole.OFFICER, UnitRole.HEAD]
        ).values("group_id")
        who |= Q(groups__in=unit_groups)
    return get_user_model().objects.filter(who, is_active=True).distinct().order_by("username")
