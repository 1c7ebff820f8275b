"""订阅提醒: e-mail alerts about a column, a 主题分类, a 发布机构 or one document.

No account and no personal data beyond the address, which is stored SM4-encrypted and bound to
its row (disclosure/applications/fields.py), with a keyed digest (HMAC-SM3) to find it again.
A subscription counts once the address owner follows the confirmation link (double opt-in);
every mail carries a one-click unsubscribe link. The logic is in disclosure/alerts.py.
"""

from datetime import timedelta

from django.core import signing
from django.db import models
from django.urls import reverse
from wagtail.models import Site

from disclosure.applications.fields import EncryptedTextField, RowBoundEncryption

CONFIRMATION_MAX_AGE = timedelta(days=7)
CONFIRM_SALT = "disclosure.alerts.confirm"
UNSUBSCRIBE_SALT = "disclosure.alerts.unsubscribe"


def site_url(path: str) -> str:
    """An absolute URL on the default site (mails are read outside the site)."""
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "").rstrip("/") + path


class Scope(models.TextChoices):
    COLUMN = "column", "栏目"
    TOPIC = "topic", "主题分类"
    PUBLISHER = "publisher", "发布机构"
    DOCUMENT = "document", "文件"


class Subscription(RowBoundEncryption):
    email = EncryptedTextField("电子邮箱")
    email_digest = models.CharField("邮箱摘要", max_length=64, editable=False)
    scope = models.CharField("订阅范围", max_length=10, choices=Scope.choices)
    target_id = models.PositiveIntegerField("订阅对象")
    created_at = models.DateTimeField("订阅时间", auto_now_add=True)
    confirmation_sent_at = models.DateTimeField("确认邮件发送时间", null=True)
    confirmed_at = models.DateTimeField("确认时间", null=True)
    unsubscribed_at = models.DateTimeField("退订时间", null=True)

    class Meta:
        verbose_name = "订阅"
        verbose_name_plural = "订阅"
        constraints = [
            models.UniqueConstraint(
                fields=["email_digest", "scope", "target_id"], name="one_subscription_per_target"
            )
        ]

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    # Links carry a signed token naming the subscription: a confirmation link expires after
    # CONFIRMATION_MAX_AGE, an unsubscribe link never does.

    def confirm_url(self) -> str:
        token = signing.dumps(self.pk, salt=CONFIRM_SALT)
        return site_url(reverse("disclosure:alerts_confirm", args=[token]))

    def unsubscribe_url(self) -> str:
        token = signing.dumps(self.pk, salt=UNSUBSCRIBE_SALT)
        return site_url(reverse("disclosure:alerts_unsubscribe", args=[token]))

    @classmethod
    def from_token(cls, token: str, purpose: str):
        """The subscription a signed token names ("confirm" or "unsubscribe"), or None when
        the token is forged, expired or names nothing."""
        salt, max_age = {
            "confirm": (CONFIRM_SALT, CONFIRMATION_MAX_AGE),
            "unsubscribe": (UNSUBSCRIBE_SALT, None),
        }[purpose]
        try:
            pk = signing.loads(token, salt=salt, max_age=max_age)
        except signing.BadSignature:
            return None
        return cls.objects.filter(pk=pk).first() if isinstance(pk, int) else None


class AlertMail(models.Model):
    """One mail to one subscriber (a confirmation or an alert), sent by a background task
    and retried (disclosure/tasks.py)."""

    MAX_ATTEMPTS = 5

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "订阅确认"
        ALERT = "alert", "更新提醒"

    subscription = models.ForeignKey(
        Subscription, verbose_name="订阅", on_delete=models.CASCADE, related_name="mails"
    )
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="提醒的页面", null=True, on_delete=models.SET_NULL
    )
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    attempts = models.PositiveSmallIntegerField("发送次数", default=0)
    last_attempt_at = models.DateTimeField("最近发送时间", null=True)
    last_error = models.CharField("最近错误", max_length=300, blank=True)
    sent_at = models.DateTimeField("发送成功时间", null=True)

    class Meta:
        verbose_name = "提醒邮件"
        verbose_name_plural = "提醒邮件"


class SubscribeAttempt(models.Model):
    """A subscription request, by the salted digest of the client's address
    (core.clients.client_hash): enough to rate-limit, useless to identify. Kept a day."""

    client_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
