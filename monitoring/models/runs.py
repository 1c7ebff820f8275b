"""Monitoring runs, the findings they store (de-duplicated across runs) and the review trail."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from monitoring.checks import get_check
from monitoring.checks.base import SEVERITY_LABELS, Severity


class MonitorRun(models.Model):
    class Scope(models.TextChoices):
        ACCOUNTS = "accounts", "政务新媒体"
        SITE = "site", "网站"
        BOTH = "both", "网站和政务新媒体"

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "运行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    scope = models.CharField("范围", max_length=10, choices=Scope.choices)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField("当前步骤", max_length=100, blank=True)
    progress_done = models.PositiveIntegerField("已完成", default=0)
    progress_total = models.PositiveIntegerField("总数", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_result_id = models.CharField("后台任务编号", max_length=64, blank=True)
    # {"findings": {code: count}, "by_severity": {severity: count}, "new": n, "resolved": n}
    summary = models.JSONField("结果摘要", default=dict, blank=True)
    error = models.TextField("错误信息", blank=True)

    class Meta:
        verbose_name = "监测任务"
        verbose_name_plural = "监测任务"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_scope_display()}监测 #{self.pk}"

    @property
    def scopes(self):
        if self.scope == self.Scope.BOTH:
            return {self.Scope.ACCOUNTS.value, self.Scope.SITE.value}
        return {self.scope}

    @property
    def percent(self):
        if not self.progress_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    def set_progress(self, step=None, done=None, total=None):
        if step is not None:
            self.step = step
        if done is not None:
            self.progress_done = done
        if total is not None:
            self.progress_total = total
        self.save(update_fields=["step", "progress_done", "progress_total"])


class Finding(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "待审核"
        CONFIRMED = "confirmed", "确认"
        FALSE_POSITIVE = "false_positive", "误报"
        FIXED = "fixed", "已整改"

    SEVERITY_CHOICES = [(severity.value, label) for severity, label in SEVERITY_LABELS.items()]

    fingerprint = models.CharField("指纹", max_length=40, unique=True)
    check_code = models.CharField("检查项", max_length=40, db_index=True)
    severity = models.CharField("严重程度", max_length=10, choices=SEVERITY_CHOICES, db_index=True)
    scope = models.CharField("范围", max_length=10, choices=MonitorRun.Scope.choices[:2])
    target_kind = models.CharField("对象类型", max_length=20)
    target_id = models.BigIntegerField("对象编号", null=True, blank=True)
    target_label = models.CharField("对象", max_length=300)
    target_url = models.CharField("对象地址", max_length=500, blank=True)
    account = models.ForeignKey(
        "monitoring.NewMediaAccount",
        verbose_name="账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # 集约化: the unit of the page or account (disclosure/units.py); None for the banner's own.
    unit = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField("问题描述")
    excerpt = models.TextField("原文摘录", blank=True)
    suggestion = models.CharField("建议改为", max_length=200, blank=True)
    data = models.JSONField("明细", default=dict, blank=True)
    status = models.CharField("审核状态", max_length=20, choices=Status.choices, default=Status.NEW)
    # Whether the latest run that covered this finding's scope still detected it.
    is_present = models.BooleanField("仍存在", default=True, db_index=True)
    first_seen_at = models.DateTimeField("首次发现", default=timezone.now)
    last_seen_at = models.DateTimeField("最近发现", default=timezone.now)
    gone_at = models.DateTimeField("消失时间", null=True, blank=True)
    times_seen = models.PositiveIntegerField("发现次数", default=1)
    first_run = models.ForeignKey(
        MonitorRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_run = models.ForeignKey(
        MonitorRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "监测发现"
        verbose_name_plural = "监测发现"
        ordering = ["-last_seen_at"]
        permissions = [("review_finding", "审核监测发现")]

    def __str__(self):
        return f"{self.check_name}：{self.target_label}"

    @property
    def monitor_check(self):
        """The check class instance that reported this finding (None if it was removed)."""
        return get_check(self.check_code)

    @property
    def check_name(self):
        check = self.monitor_check
        return check.name if check else self.check_code

    @property
    def severity_label(self):
        return SEVERITY_LABELS.get(Severity(self.severity), self.severity)

    @property
    def is_open(self):
        """Still to be handled: detected in the latest run and not dismissed as 误报/已整改."""
        return self.is_present and self.status in (self.Status.NEW, self.Status.CONFIRMED)


class FindingReview(models.Model):
    """One entry of a finding's audit trail: a reviewer's decision or what a run observed."""

    class Action(models.TextChoices):
        CONFIRM = "confirm", "确认"
        FALSE_POSITIVE = "false_positive", "误报"
        FIXED = "fixed", "已整改"
        REOPENED = "reopened", "再次发现"
        GONE = "gone", "复查未再发现"

    REVIEW_ACTIONS = {
        Action.CONFIRM: Finding.Status.CONFIRMED,
        Action.FALSE_POSITIVE: Finding.Status.FALSE_POSITIVE,
        Action.FIXED: Finding.Status.FIXED,
    }

    finding = models.ForeignKey(
        Finding, verbose_name="监测发现", on_delete=models.CASCADE, related_name="reviews"
    )
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=20, choices=Finding.Status.choices)
    to_status = models.CharField("新状态", max_length=20, choices=Finding.Status.choices)
    note = models.TextField("说明", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    run = models.ForeignKey(
        MonitorRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()}（{self.created_at:%Y-%m-%d %H:%M}）"


class LinkStatus(models.Model):
    """The result cache of the link checker, shared by runs and processes."""

    url = models.CharField("地址", max_length=1000, unique=True)
    status = models.CharField("结果", max_length=10)
    http_status = models.PositiveIntegerField("HTTP 状态", null=True, blank=True)
    error = models.CharField("错误", max_length=200, blank=True)
    final_url = models.CharField("最终地址", max_length=1000, blank=True)
    redirects = models.PositiveSmallIntegerField("跳转次数", default=0)
    elapsed = models.FloatField("耗时（秒）", default=0)
    checked_at = models.DateTimeField("检测时间")

    class Meta:
        verbose_name = "链接检测缓存"
        verbose_name_plural = "链接检测缓存"

    def __str__(self):
        return self.url
