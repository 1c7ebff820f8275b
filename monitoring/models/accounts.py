"""政务新媒体 accounts, their posts and the interaction messages they receive."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone


class NewMediaAccount(models.Model):
    class Platform(models.TextChoices):
        WECHAT = "wechat", "微信公众号"
        WEIBO = "weibo", "微博"
        DOUYIN = "douyin", "抖音"
        TOUTIAO = "toutiao", "今日头条"
        KUAISHOU = "kuaishou", "快手"
        CHANNELS = "channels", "视频号"
        OTHER = "other", "其他"

    class Filing(models.TextChoices):
        NOT_FILED = "not_filed", "未备案"
        FILED = "filed", "已备案"

    class Lifecycle(models.TextChoices):
        OPENED = "opened", "开设"
        CHANGED = "changed", "变更"
        CLOSED = "closed", "关停"

    platform = models.CharField("平台", max_length=20, choices=Platform.choices)
    name = models.CharField("账号名称", max_length=100)
    account_id = models.CharField(
        "账号ID", max_length=100, blank=True, help_text="平台上的账号或微信号。"
    )
    sponsor_unit = models.CharField("主办单位", max_length=100)
    # 集约化: the unit the account belongs to (its findings count for that unit).
    unit = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="media_accounts",
        help_text="集约化平台上的单位；监测发现和考核计入该单位。",
    )
    operator_unit = models.CharField("运维单位", max_length=100, blank=True)
    filing_status = models.CharField(
        "备案状态", max_length=20, choices=Filing.choices, default=Filing.NOT_FILED
    )
    filing_date = models.DateField("备案日期", null=True, blank=True)
    lifecycle = models.CharField(
        "状态", max_length=20, choices=Lifecycle.choices, default=Lifecycle.OPENED
    )
    lifecycle_date = models.DateField("开设/变更/关停日期", null=True, blank=True)
    lifecycle_note = models.CharField("变更或关停说明", max_length=200, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)
    homepage_url = models.URLField("账号主页", blank=True)
    feed_url = models.URLField(
        "信息源地址", blank=True, help_text="RSS、Atom 或 JSON Feed 地址，用于自动拉取发文。"
    )
    qr_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="二维码",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interaction_enabled = models.BooleanField(
        "已开通互动功能", default=True, help_text="留言、评论或私信等有效互动渠道。"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "政务新媒体账号"
        verbose_name_plural = "政务新媒体账号"
        ordering = ["platform", "name"]

    def __str__(self):
        return f"{self.name}（{self.get_platform_display()}）"

    def save(self, *args, **kwargs):
        self.sponsor_unit = self.sponsor_unit.strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("monitoring:matrix") + f"#account-{self.pk}"

    def clean(self):
        errors = {}
        if self.filing_status == self.Filing.FILED and not self.filing_date:
            errors["filing_date"] = "已备案的账号请填写备案日期。"
        if self.lifecycle == self.Lifecycle.CLOSED and not self.lifecycle_date:
            errors["lifecycle_date"] = "关停的账号请填写关停日期。"
        if self.is_open and self.platform != self.Platform.OTHER and self.sponsor_unit:
            others = NewMediaAccount.objects.filter(
                platform=self.platform, sponsor_unit=self.sponsor_unit.strip()
            ).exclude(lifecycle=self.Lifecycle.CLOSED)
            if self.pk:
                others = others.exclude(pk=self.pk)
            other = others.first()
            if other:
                errors["platform"] = (
                    f"{self.sponsor_unit}在{self.get_platform_display()}已有账号“{other.name}”。"
                    "同一单位在同一平台原则上只开设一个账号（国办发〔2018〕123号），"
                    "如需新开请先关停原账号。"
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        return self.lifecycle != self.Lifecycle.CLOSED

    @property
    def is_filed(self):
        return self.filing_status == self.Filing.FILED

    def last_post_at(self):
        latest = self.posts.order_by("-published_at").first()
        return latest.published_at if latest else None


class AccountPost(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", "手工录入"
        FILE = "file", "文件导入"
        FEED = "feed", "信息源拉取"

    account = models.ForeignKey(
        NewMediaAccount, verbose_name="账号", on_delete=models.CASCADE, related_name="posts"
    )
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    url = models.URLField("原文链接", max_length=500, blank=True)
    published_at = models.DateTimeField("发布时间", default=timezone.now)
    external_id = models.CharField(
        "外部编号", max_length=300, blank=True, help_text="平台或信息源中的唯一编号，用于导入去重。"
    )
    attachment = models.FileField("附件", upload_to="monitoring/attachments/", blank=True)
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.MANUAL)
    imported_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "政务新媒体发文"
        verbose_name_plural = "政务新媒体发文"
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "external_id"],
                condition=~models.Q(external_id=""),
                name="monitoring_post_unique_external_id",
            )
        ]

    def __str__(self):
        return self.title


class InteractionMessage(models.Model):
    class Channel(models.TextChoices):
        MESSAGE = "message", "留言"
        COMMENT = "comment", "评论"
        PRIVATE = "private", "私信"

    account = models.ForeignKey(
        NewMediaAccount, verbose_name="账号", on_delete=models.CASCADE, related_name="messages"
    )
    channel = models.CharField(
        "渠道", max_length=10, choices=Channel.choices, default=Channel.MESSAGE
    )
    author = models.CharField("留言人", max_length=100, blank=True)
    content = models.TextField("留言内容")
    asked_at = models.DateTimeField("留言时间", default=timezone.now)
    reply = models.TextField("回复内容", blank=True)
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)
    is_valid = models.BooleanField(
        "有效留言",
        default=True,
        help_text="广告、重复或与政务无关的留言可标为无效，不计入回复考核。",
    )
    external_id = models.CharField("外部编号", max_length=300, blank=True)

    class Meta:
        verbose_name = "互动留言"
        verbose_name_plural = "互动留言"
        ordering = ["-asked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "external_id"],
                condition=~models.Q(external_id=""),
                name="monitoring_message_unique_external_id",
            )
        ]

    def __str__(self):
        return self.content[:30]

    def clean(self):
        if self.reply and not self.replied_at:
            self.replied_at = timezone.now()
        if self.replied_at and self.asked_at and self.replied_at < self.asked_at:
            raise ValidationError({"replied_at": "回复时间不能早于留言时间。"})
