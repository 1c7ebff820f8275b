"""The office head's powers, held under four eyes, and the log of the changes that grant them.

The 依申请公开负责人 (head of the 政府信息公开工作机构) may see any applicant's personal data in
full, assign officers (an officer the head assigns may see that case's personal data),
approve extensions and record late decisions: the HEAD_PERMISSIONS below. A 管理员 holds
``auth.change_user`` and could add itself to that group; so holding the permissions is not
enough. ``holds(user, perm)`` is true for a head permission only when an administrator other
than the user, and other than whoever gave the user the permission, approved it
(models.OfficeHeadApproval). The Django superuser (the break-glass account created at
installation, kept sealed) is the only exception.

Every change of group memberships, group permissions, user permissions or superuser status
that involves a head permission is logged (models.AccessChange) with who made it: the admin
user Wagtail's LogContext names for the request. A user who gains a head permission gets a
pending approval; one who loses all of them has their approval revoked.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.utils import timezone
from wagtail.log_actions import get_active_log_context

from .models import AccessChange, OfficeHeadApproval

APP = "applications"
HEAD_PERMISSIONS = frozenset(
    {"view_personal_data", "assign_officer", "approve_extension", "record_late_decision"}
)
HEAD_GROUP = "依申请公开负责人"


def _codename(perm: str) -> str:
    app_label, _, codename = perm.partition(".")
    return codename if app_label == APP else ""


def approved(user) -> bool:
    return OfficeHeadApproval.objects.filter(
        user=user, approved_at__isnull=False, revoked_at__isnull=True
    ).exists()


def holds(user, perm: str) -> bool:
    """``user.has_perm(perm)``, and for a head permission an approval by a second admin."""
    if not (user.is_authenticated and user.is_active and user.has_perm(perm)):
        return False
    if _codename(perm) not in HEAD_PERMISSIONS or user.is_superuser:
        return True
    return approved(user)


def has_head_permission(user) -> bool:
    """Whether the user has any head permission, approved or not (Django's view)."""
    return any(user.has_perm(f"{APP}.{codename}") for codename in HEAD_PERMISSIONS)


def may_approve(approver, approval: OfficeHeadApproval) -> str | None:
    """None when ``approver`` may approve, else the Chinese reason."""
    if not approver.has_perm("auth.change_user"):
        return "只有管理员可以批准负责人授权"
    if approver.pk == approval.user_id:
        return "不能批准授予自己的负责人权限，须由另一名管理员批准"
    if approval.requested_by_id and approver.pk == approval.requested_by_id:
        return "作出该项权限变更的管理员不能自行批准，须由另一名管理员批准"
    if approval.approved_at or approval.revoked_at:
        return "该项授权已处理"
    return None


def approve(approval: OfficeHeadApproval, approver, note: str = ""):
    reason = may_approve(approver, approval)
    if reason:
        raise PermissionError(reason)
    approval.approved_by = approver
    approval.approved_at = timezone.now()
    approval.approval_note = note[:200]
    approval.save(update_fields=["approved_by", "approved_at", "approval_note"])
    AccessChange.objects.create(
        actor=approver,
        user=approval.user,
        description=f"批准 {approval.user.get_username()} 的负责人权限",
    )


def reject(approval: OfficeHeadApproval, approver):
    reason = may_approve(approver, approval)
    if reason:
        raise PermissionError(reason)
    approval.revoked_at = timezone.now()
    approval.save(update_fields=["revoked_at"])
    AccessChange.objects.create(
        actor=approver,
        user=approval.user,
        description=f"驳回 {approval.user.get_username()} 的负责人权限（权限不生效）",
    )


# --- keeping track of changes ---------------------------------------------------------------


def _actor():
    user = get_active_log_context().user
    return user if getattr(user, "pk", None) else None


def _refresh(user, actor):
    """After a change: a pending approval for a user who now has a head permission and no
    approval; revoke the approval of a user who has none left."""
    user = get_user_model().objects.get(pk=user.pk)  # fresh permission cache
    active = OfficeHeadApproval.objects.filter(user=user, revoked_at__isnull=True)
    if has_head_permission(user) and not user.is_superuser:
        if not active.exists():
            OfficeHeadApproval.objects.create(user=user, requested_by=actor)
    else:
        active.update(revoked_at=timezone.now())


def _head_groups(pks) -> list[Group]:
    return list(
        Group.objects.filter(
            pk__in=pks,
            permissions__content_type__app_label=APP,
            permissions__codename__in=HEAD_PERMISSIONS,
        ).distinct()
    )


def _log(actor, user, description):
    AccessChange.objects.create(actor=actor, user=user, description=description[:300])


def on_user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove"):
        return
    actor = _actor()
    verb = "加入" if action == "post_add" else "移出"
    User = get_user_model()
    if not reverse:  # user.groups.add(group, ...)
        pairs = [(instance, group) for group in _head_groups(pk_set)]
    else:  # group.user_set.add(user, ...)
        pairs = [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
        if not _head_groups([instance.pk]):
            pairs = []
    for user, group in pairs:
        _log(actor, user, f"{user.get_username()} {verb}用户组“{group.name}”（含负责人权限）")
        _refresh(user, actor)


def on_group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or reverse:
        return
    head = Permission.objects.filter(
        pk__in=pk_set, content_type__app_label=APP, codename__in=HEAD_PERMISSIONS
    )
    if not head.exists():
        return
    actor = _actor()
    verb = "授予" if action == "post_add" else "收回"
    names = "、".join(head.values_list("codename", flat=True))
    for user in instance.user_set.all():
        _log(actor, user, f"用户组“{instance.name}”被{verb}负责人权限（{names}）")
        _refresh(user, actor)


def on_user_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or reverse:
        return
    head = Permission.objects.filter(
        pk__in=pk_set, content_type__app_label=APP, codename__in=HEAD_PERMISSIONS
    )
    if not head.exists():
        return
    actor = _actor()
    verb = "被授予" if action == "post_add" else "被收回"
    names = "、".join(head.values_list("codename", flat=True))
    _log(actor, instance, f"{instance.get_username()} {verb}负责人权限（{names}）")
    _refresh(instance, actor)


def on_user_pre_save(sender, instance, **kwargs):
    instance._was_superuser = bool(
        instance.pk and sender.objects.filter(pk=instance.pk, is_superuser=True).exists()
    )


def on_user_saved(sender, instance, created, **kwargs):
    was = getattr(instance, "_was_superuser", False)
    if instance.is_superuser != was and not created:
        verb = "成为超级用户" if instance.is_superuser else "不再是超级用户"
        _log(_actor(), instance, f"{instance.get_username()} {verb}（可查看全部个人信息）")


def connect():
    """Called from apps.ready()."""
    User = get_user_model()
    m2m_changed.connect(on_user_groups_changed, sender=User.groups.through)
    m2m_changed.connect(on_group_permissions_changed, sender=Group.permissions.through)
    m2m_changed.connect(on_user_permissions_changed, sender=User.user_permissions.through)
    pre_save.connect(on_user_pre_save, sender=User)
    post_save.connect(on_user_saved, sender=User)
