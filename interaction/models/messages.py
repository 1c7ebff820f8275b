"""Messages (留言) of the 互动交流 channel, their event log, ratings and the look-up guards.

The workflow rules are in interaction/workflow.py; models only store facts. The writer's
name, phone and email are encrypted at rest with the 依申请公开 key ring (SM4-GCM,
disclosure/applications/crypto.py) and shown masked unless the viewer may see them in full
(interaction/personal_data.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.db import models
from django.utils import timezone

from core.sequences import YearlySerial
from disclosure.applications.fields import EncryptedTextField, RowBoundEncryption
from interaction import workflow

KIND_CHOICES = [(kind.value, kind.label) for kind in workflow.Kind]
STATUS_CHOICES = [(status.value, status.label) for status in workflow.Status]
ACTION_CHOICES = [(action.value, action.label) for action in workflow.Action]


def normalise_lookup_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


class Message(RowBoundEncryption):
    number = models.CharField("留言编号", max_length=24, unique=True, editable=False)
    lookup_code_hash = models.CharField("查询码摘要", max_length=128, editable=False)
    kind = models.CharField("留言类型", max_length=20, choices=KIND_CHOICES)
    topic = models.ForeignKey(
        "interaction.MessageTopic",
        verbose_name="主题",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
    )
    department = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="办理部门",
        on_delete=models.PROTECT,
        related_name="interaction_messages",
        help_text="留言人选择的部门；转办后为承办部门。",
    )
    title = models.CharField("标题", max_length=100)
    content = models.TextField("留言内容", max_length=2000)

    # Personal data, encrypted at rest, masked when shown.
    name = EncryptedTextField("姓名", blank=True)
    phone = EncryptedTextField("联系电话", blank=True)
    email = EncryptedTextField("电子邮箱", blank=True)
    consent_to_publish = models.BooleanField("同意公开", default=False)

    status = models.CharField(
        "状态", max_length=20, choices=STATUS_CHOICES, default=workflow.Status.PENDING.value
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interaction_messages",
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    # The running reply period: from `period_start` (submission or the latest transfer),
    # `period_days` working days, ending on `due_on` (None when the calendar lacks a year).
    period_start = models.DateField("办理时限起算日")
    period_days = models.PositiveSmallIntegerField("办理时限（工作日）")
    due_on = models.DateField("答复期限", null=True, blank=True)

    reply_draft = models.TextField("答复草稿", blank=True, max_length=4000)
    reply = models.TextField("答复内容", blank=True, max_length=4000)
    rejection_reason = models.TextField("不予受理理由", blank=True, max_length=1000)
    closed_at = models.DateTimeField("答复或不予受理时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    client_hash = models.CharField(
        "来源标识", max_length=64, blank=True, db_index=True, editable=False
    )
    last_reminder_on = models.DateField("最近提醒日期", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "互动交流留言"
        verbose_name_plural = "互动交流留言"
        ordering = ["-submitted_at"]
        permissions = [
            ("publish_message", "公开留言和答复、设为常见问题"),
            ("view_personal_data", "查看任一留言人的完整个人信息"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def status_enum(self) -> workflow.Status:
        return workflow.Status(self.status)

    @property
    def kind_enum(self) -> workflow.Kind:
        return workflow.Kind(self.kind)

    @property
    def is_open(self) -> bool:
        return self.status_enum in workflow.OPEN_STATUSES

    @property
    def public_page_or_none(self):
        return getattr(self, "public_page", None)

    def facts(self) -> workflow.MessageFacts:
        page = self.public_page_or_none
        return workflow.MessageFacts(
            status=self.status_enum,
            consent_to_publish=self.consent_to_publish,
            published=bool(page and page.live),
        )

    def check_lookup_code(self, code: str) -> bool:
        return check_password(normalise_lookup_code(code), self.lookup_code_hash)

    @property
    def answered_on(self):
        if self.status == workflow.Status.ANSWERED and self.closed_at:
            return timezone.localtime(self.closed_at).date()
        return None

    @property
    def answered_in_time(self) -> bool | None:
        """None while unanswered or without a due date."""
        if self.answered_on is None or self.due_on is None:
            return None
        return workflow.answered_in_time(self.answered_on, self.due_on)


class MessageNumberSequence(YearlySerial):
    """The last 留言编号 serial handed out per year (core/sequences.py)."""

    class Meta:
        verbose_name = "留言编号序列"
        verbose_name_plural = "留言编号序列"


class MessageEvent(models.Model):
    """One entry of a message's handling log: who did what, when, and why."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="events", verbose_name="留言"
    )
    action = models.CharField("操作", max_length=20, choices=ACTION_CHOICES)
    from_status = models.CharField("原状态", max_length=20, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField("新状态", max_length=20, choices=STATUS_CHOICES)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("时间", default=timezone.now)
    note = models.TextField("说明", blank=True)
    department = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="承办部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField("答复期限", null=True, blank=True)

    class Meta:
        verbose_name = "留言办理记录"
        verbose_name_plural = "留言办理记录"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.message.number} {self.get_action_display()}"

    @property
    def actor_name(self):
        if self.actor_id:
            return self.actor.get_full_name() or self.actor.get_username()
        return "留言人" if self.action == workflow.Action.SUBMIT else "系统"

    @property
    def is_public(self):
        return self.action in workflow.PUBLIC_ACTIONS


class Rating(models.Model):
    """满意度 of one answer, at most one per client (a salted digest of its address)."""

    class Score(models.IntegerChoices):
        SATISFIED = 3, "满意"
        FAIRLY_SATISFIED = 2, "基本满意"
        DISSATISFIED = 1, "不满意"

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="ratings", verbose_name="留言"
    )
    score = models.PositiveSmallIntegerField("评价", choices=Score.choices)
    by_writer = models.BooleanField(
        "留言人评价", default=False, help_text="凭留言编号和查询码查询后所作的评价。"
    )
    client_hash = models.CharField("来源标识", max_length=64, editable=False)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "满意度评价"
        verbose_name_plural = "满意度评价"
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "client_hash"], name="one_rating_per_client_per_answer"
            )
        ]

    @property
    def satisfied(self) -> bool:
        return self.score >= self.Score.FAIRLY_SATISFIED


class PersonalDataAccess(models.Model):
    """Every full view of a writer's personal data."""

    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        related_name="personal_data_accesses",
        verbose_name="留言",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="查看人"
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "留言人信息查看记录"
        verbose_name_plural = "留言人信息查看记录"
        ordering = ["-at"]


class LookupAttempt(models.Model):
    """Status look-ups per client (a salted digest of the address), to slow down guessing."""

    client_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now)
    succeeded = models.BooleanField(default=False)
