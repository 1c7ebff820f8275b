"""The staff groups of a unit (集约化): which Django group plays which role for which unit.

`manage.py create_unit_groups` (disclosure/unit_roles.py) creates one group per role for a
unit and records it here, so the admin screens can tell a unit's group (its members act only
on that unit's pages, documents, applications and findings) from the platform-wide roles of
portal/migrations/0002 (the supervising bureau's, which act everywhere).
"""

from django.contrib.auth.models import Group
from django.db import models

from .organisations import Organisation


class UnitRole(models.TextChoices):
    EDITOR = "editor", "编辑"
    REVIEWER = "reviewer", "审核"
    SIGNER = "signer", "签发"
    OFFICER = "officer", "依申请公开经办"
    HEAD = "head", "依申请公开负责人"
    MONITOR = "monitor", "内容监管"


class UnitGroup(models.Model):
    unit = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.CASCADE, related_name="unit_groups"
    )
    group = models.OneToOneField(
        Group, verbose_name="用户组", on_delete=models.CASCADE, related_name="unit_role"
    )
    role = models.CharField("角色", max_length=20, choices=UnitRole.choices)

    class Meta:
        verbose_name = "单位用户组"
        verbose_name_plural = "单位用户组"
        constraints = [
            models.UniqueConstraint(fields=["unit", "role"], name="one_group_per_unit_role")
        ]

    def __str__(self):
        return self.group.name
