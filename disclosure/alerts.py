"""订阅提醒 (models in disclosure/models/alerts.py): subscribing, confirming, unsubscribing, and
the alerts a publication sends.

- Subscribing stores the address encrypted and mails a confirmation link; the same answer is
  shown whether or not the address was already subscribed (nobody learns who subscribes).
  A confirmation is mailed again at most every CONFIRMATION_INTERVAL.
- Publishing a public document or interpretation alerts the confirmed subscribers of its
  columns, 主题分类 and 发布机构 (first publication), and of the documents it concerns: the
  document itself when republished with a 更新说明, the documents it amends, replaces or
  repeals, the document an interpretation explains. Each address gets one mail per event.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from disclosure import conf, tasks
from disclosure.applications import crypto
from disclosure.models import (
    AlertMail,
    DisclosureColumnPage,
    Organisation,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    Scope,
    SubscribeAttempt,
    Subscription,
    Topic,
)
from disclosure.models.alerts import CONFIRMATION_MAX_AGE

CONFIRMATION_INTERVAL = timedelta(minutes=10)
DIGEST_PURPOSE = "alert-subscription-email"


def normalise_email(address: str) -> str:
    return address.strip().lower()


def email_digest(address: str) -> str:
    return crypto.keyed_digest(normalise_email(address), DIGEST_PURPOSE)


def target_of(scope: str, target_id: int):
    """The column, topic, publisher or public document subscribed to, or None."""
    if scope == Scope.COLUMN:
        return DisclosureColumnPage.objects.live().public().filter(pk=target_id).first()
    if scope == Scope.TOPIC:
        return Topic.objects.filter(pk=target_id).first()
    if scope == Scope.PUBLISHER:
        return Organisation.objects.filter(pk=target_id).first()
    if scope == Scope.DOCUMENT:
        page = PolicyDocumentPage.objects.live().public().filter(pk=target_id).first()
        return page if page is not None and page.is_public else None
    return None


def target_label(scope: str, target) -> str:
    name = target.full_name if scope == Scope.TOPIC else getattr(target, "title", None)
    return f"{Scope(scope).label}“{name or target.name}”"


def queue(mail: AlertMail) -> None:
    """Send the mail in the background once the transaction that wrote it commits."""
    transaction.on_commit(lambda: tasks.send_alert_mail.enqueue(mail.pk))


def too_many_attempts(client_hash: str, now=None) -> bool:
    """Record a subscription request from this client; True when over the hourly limit."""
    now = now or timezone.now()
    SubscribeAttempt.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
    recent = SubscribeAttempt.objects.filter(
        client_hash=client_hash, created_at__gte=now - timedelta(hours=1)
    ).count()
    if recent >= conf.alerts_subscribe_per_hour():
        return True
    SubscribeAttempt.objects.create(client_hash=client_hash)
    return False


def subscribe(address: str, scope: str, target, now=None) -> Subscription:
    """Record (or renew) a subscription and mail its confirmation link when due."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .filter(email_digest=email_digest(address), scope=scope, target_id=target.pk)
            .first()
        )
        if subscription is None:
            subscription = Subscription(
                email=normalise_email(address),
                email_digest=email_digest(address),
                scope=scope,
                target_id=target.pk,
            )
        elif subscription.is_active:
            return subscription
        recently = subscription.confirmation_sent_at and (
            now - subscription.confirmation_sent_at < CONFIRMATION_INTERVAL
        )
        if recently and subscription.unsubscribed_at is None:
            return subscription
        subscription.unsubscribed_at = None
        subscription.confirmed_at = None
        subscription.confirmation_sent_at = now
        subscription.save()
        link = subscription.confirm_url()
        mail = AlertMail.objects.create(
            subscription=subscription,
            kind=AlertMail.Kind.CONFIRMATION,
            subject=f"请确认订阅：{target_label(scope, target)}的更新提醒",
            body=(
                f"您好！有人用本邮箱订阅了{target_label(scope, target)}的更新提醒。\n\n"
                f"确认订阅请打开下面的链接（{CONFIRMATION_MAX_AGE.days}天内有效）：\n{link}\n\n"
                "如果不是您本人订阅，请忽略本邮件，我们不会再给您发送提醒。"
            ),
        )
        queue(mail)
    return subscription


def confirm(subscription, now=None) -> None:
    if subscription.confirmed_at is None or subscription.unsubscribed_at is not None:
        subscription.confirmed_at = now or timezone.now()
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["confirmed_at", "unsubscribed_at"])


def unsubscribe(subscription, now=None) -> None:
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = now or timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])


# --------------------------------------------------------------------------- alerts


def column_ids(page) -> list[int]:
    return list(page.get_ancestors().type(DisclosureColumnPage).values_list("pk", flat=True))


def audiences(page, change_record=None) -> list[tuple[str, list[int], str]]:
    """(scope, target ids, why) of everyone to alert about this publication of `page`."""
    first = page.first_published_at == page.last_published_at
    result = []
    if first:
        result.append((Scope.COLUMN, column_ids(page), "新发布"))
        result.append((Scope.PUBLISHER, [page.publisher_id], "新发布"))
    if isinstance(page, PolicyDocumentPage):
        if first:
            result.append((Scope.TOPIC, [page.topic_id], "新发布"))
            for relation in page.relations.all():
                kind = relation.get_kind_display()
                result.append((Scope.DOCUMENT, [relation.target_id], f"已被新文件{kind}"))
        if change_record is not None:
            result.append((Scope.DOCUMENT, [page.pk], f"已更新：{change_record.note}"))
    elif isinstance(page, PolicyInterpretationPage) and first and page.policy_document_id:
        result.append((Scope.DOCUMENT, [page.policy_document_id], "发布了政策解读"))
    # The most specific first: an address that follows both a column and a document this one
    # amends gets the mail about its document.
    result.sort(key=lambda audience: audience[0] != Scope.DOCUMENT)
    return result


def alert_about(page, change_record=None) -> int:
    """Create and queue the alert mails of publishing `page`; returns how many."""
    if not getattr(page, "is_public", True) or not page.live:
        return 0
    seen = set()
    count = 0
    url = page.full_url or ""
    for scope, target_ids, why in audiences(page, change_record):
        subscriptions = Subscription.objects.filter(
            scope=scope,
            target_id__in=target_ids,
            confirmed_at__isnull=False,
            unsubscribed_at__isnull=True,
        ).order_by("pk")
        for subscription in subscriptions:
            if subscription.email_digest in seen:
                continue
            seen.add(subscription.email_digest)
            if scope == Scope.DOCUMENT:
                subject_page = Page.objects.get(pk=subscription.target_id).title
                subject = f"您关注的文件“{subject_page}”{why.split('：')[0]}"
            else:
                subject = f"{page.title}（{why}）"
            mail = AlertMail.objects.create(
                subscription=subscription,
                kind=AlertMail.Kind.ALERT,
                page=page,
                subject=subject[:200],
                body=f"{subject}\n\n{page.title}\n{why}\n{url}\n",
            )
            queue(mail)
            count += 1
    return count
