"""The Wagtail workflow task 内容安全审查: the checks run on a page before it is published.

When the page's latest revision has no 单项否决 finding the task approves itself at once.
Otherwise it stays open and blocks publication: an editor can fix the page and ask for a new
check, a 签发 user can send it back, or override the block with a written reason. Every
outcome is stored as a GateReview and overrides are also written to the page's history.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Task, TaskState

from monitoring.forms import OverrideForm
from monitoring.gate import as_records, blocking, check_page


class ContentSafetyTask(Task):
    override_groups = models.ManyToManyField(
        Group,
        verbose_name="可强制通过的用户组",
        help_text="这些用户组的成员可以在发现单项否决问题时填写理由强制通过（通常为“签发”）。",
    )

    admin_form_fields = Task.admin_form_fields + ["override_groups"]
    admin_form_widgets = {"override_groups": forms.CheckboxSelectMultiple}

    class Meta:
        verbose_name = "内容安全审查"
        verbose_name_plural = "内容安全审查"

    @classmethod
    def get_description(cls):
        return (
            "发布前自动检查严重表述错误、敏感词、个人信息等；"
            "发现单项否决问题时阻止发布，签发人员可填写理由强制通过。"
        )

    def user_can_override(self, user):
        if user.is_superuser:
            return True
        return self.override_groups.filter(pk__in=user.groups.all()).exists()

    @transaction.atomic
    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        page = task_state.revision.as_object()
        detections = check_page(page)
        vetoes = blocking(detections)
        GateReview.record(task_state, page, detections, vetoes, user=user)
        if not vetoes:
            note = f"内容安全审查通过（提示 {len(detections)} 条）。" if detections else ""
            task_state.approve(user=None, update=False, comment=note or "内容安全审查通过。")
        return task_state

    def get_actions(self, obj, user):
        actions = [("recheck", "修改后重新审查", False)]
        if self.user_can_override(user):
            actions += [
                ("reject", "退回修改", True),
                ("override", "强制通过（签发确认）", True),
            ]
        return actions

    def get_form_for_action(self, action):
        if action == "override":
            return OverrideForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        """强制通过 lists the findings being overridden above the reason."""
        if action == "override":
            return "monitoring/admin/override_modal.html"
        return super().get_template_for_action(action)

    def blocked_review(self, task_state):
        """The GateReview that keeps this open step from approving, or None."""
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            return None
        review = GateReview.objects.filter(task_state=task_state).order_by("-pk").first()
        return review if review and review.outcome == GateReview.Outcome.BLOCKED else None

    def status_notice(self, task_state):
        """("error", text) while this step blocks publication; None otherwise. The admin shows
        it after a workflow action and in the page editor (see wagtail_hooks)."""
        review = self.blocked_review(task_state)
        if review is None:
            return None
        return ("error", review.blocked_message())

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "recheck":
            task_state.cancel(user=user, resume=True, comment="修改后重新审查")
        elif action_name == "override":
            if not self.user_can_override(user):
                raise PermissionError("只有签发人员可以强制通过。")
            comment = kwargs.get("comment", "").strip()
            if not comment:
                raise ValueError("强制通过必须填写理由。")
            page = task_state.revision.as_object()
            GateReview.objects.create(
                page_id=page.pk,
                revision_id=task_state.revision_id,
                task_state=task_state,
                outcome=GateReview.Outcome.OVERRIDDEN,
                user=user,
                note=comment,
                detections=GateReview.latest_detections(task_state),
            )
            log(
                instance=page,
                action="monitoring.gate_override",
                user=user,
                revision=task_state.revision,
                data={"comment": comment, "task_state_id": task_state.pk},
            )
            task_state.approve(user=user, comment=f"强制通过：{comment}")
        elif action_name == "reject":
            if not self.user_can_override(user):
                raise PermissionError("只有签发人员可以退回。")
            task_state.reject(user=user, **kwargs)

    def user_can_access_editor(self, obj, user):
        return self.user_can_override(user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.user_can_override(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()


class GateReview(models.Model):
    """One decision of the 内容安全审查 gate, kept for the audit trail."""

    class Outcome(models.TextChoices):
        PASSED = "passed", "通过"
        BLOCKED = "blocked", "发现单项否决问题，已阻止发布"
        OVERRIDDEN = "overridden", "签发人员强制通过"
        DIRECT_PUBLISH_BLOCKED = "direct_blocked", "直接发布被阻止"

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="+"
    )
    revision_id = models.BigIntegerField("版本", null=True, blank=True)
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        verbose_name="审核步骤",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField("结果", max_length=20, choices=Outcome.choices)
    # [{"code", "name", "severity", "message", "excerpt"}]
    detections = models.JSONField("发现的问题", default=list, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "内容安全审查记录"
        verbose_name_plural = "内容安全审查记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_outcome_display()}（{self.beijing_time}）"

    @property
    def beijing_time(self):
        """When it happened, in the site's time zone (Asia/Shanghai), as the lists show it."""
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M}（北京时间）"

    beijing_time.fget.short_description = "时间"

    def findings(self):
        """The detections for people: [{"level", "check", "message", "excerpt", "suggestion"}],
        vetoes first, in Chinese."""
        order = {"veto": 0, "deduct": 1, "hint": 2}
        items = sorted(self.detections, key=lambda item: order.get(item.get("severity"), 3))
        return [
            {
                "level": item.get("severity_label") or item.get("severity", ""),
                "is_veto": item.get("severity") == "veto",
                "check": item.get("name", ""),
                "message": item.get("message", ""),
                "excerpt": item.get("excerpt", ""),
                "suggestion": item.get("suggestion", ""),
            }
            for item in items
        ]

    def findings_text(self):
        """The findings as numbered lines (the record's inspect view)."""
        lines = [
            f"{number}. 【{item['level']}】{item['check']}：{item['message']}"
            + (f"（原文：{item['excerpt']}）" if item["excerpt"] else "")
            for number, item in enumerate(self.findings(), 1)
        ]
        return "\n".join(lines) or "未发现问题"

    findings_text.short_description = "发现的问题"

    def blocked_message(self):
        vetoes = [item for item in self.findings() if item["is_veto"]]
        listed = "；".join(f"{item['check']}：{item['message']}" for item in vetoes[:3])
        more = f"等 {len(vetoes)} 项" if len(vetoes) > 3 else ""
        return (
            f"内容安全审查于 {self.beijing_time} 发现单项否决问题，未发布：{listed}{more}。"
            "请编辑修改后选择“修改后重新审查”，或由签发人员核实后选择“强制通过（签发确认）”并填写理由。"
        )

    @classmethod
    def record(cls, task_state, page, detections, vetoes, user=None):
        return cls.objects.create(
            page_id=page.pk,
            revision_id=task_state.revision_id if task_state else None,
            task_state=task_state,
            outcome=cls.Outcome.BLOCKED if vetoes else cls.Outcome.PASSED,
            detections=as_records(detections),
            user=user,
        )

    @classmethod
    def latest_detections(cls, task_state):
        latest = cls.objects.filter(task_state=task_state).order_by("-pk").first()
        return latest.detections if latest else []

    @property
    def veto_records(self):
        return [item for item in self.detections if item.get("severity") == "veto"]
