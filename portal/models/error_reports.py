"""我为政府网站找错: error reports sent by the public, handled by 内容监管 reviewers."""

from datetime import timedelta

from django.db import models
from django.utils import timezone


class ErrorReport(models.Model):
    class Category(models.TextChoices):
        TYPO = "typo", "错别字"
        BROKEN_LINK = "broken_link", "链接无法打开"
        OUTDATED = "outdated", "信息未更新"
        WRONG_CONTENT = "wrong_content", "内容错误"
        ACCESSIBILITY = "accessibility", "无障碍/适老化问题"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        NEW = "new", "待处理"
        HANDLED = "handled", "已处理"
        REJECTED = "rejected", "不属实"

    category = models.CharField("问题类型", max_length=20, choices=Category.choices)
    page_url = models.URLField("问题页面地址", max_length=500, blank=True)
    description = models.TextField("问题描述", max_length=2000)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    client_hash = models.CharField(
        "来源标识",
        max_length=64,
        db_index=True,
        editable=False,
        help_text="提交者 IP 的加盐摘要，仅用于限流，不保存 IP 本身。",
    )
    status = models.CharField("处理状态", max_length=10, choices=Status.choices, default=Status.NEW)
    reply = models.TextField("处理说明", blank=True)
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "网站纠错"
        verbose_name_plural = "网站纠错"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_category_display()}：{self.description[:30]}"

    def save(self, *args, **kwargs):
        if self.status != self.Status.NEW and self.handled_at is None:
            self.handled_at = timezone.now()
        super().save(*args, **kwargs)

    @classmethod
    def recent_count_from(cls, client_hash, within=timedelta(hours=1)):
        """How many reports this client sent within the window (for rate limiting)."""
        since = timezone.now() - within
        return cls.objects.filter(client_hash=client_hash, created_at__gte=since).count()
