"""订阅提醒统计 (报表 menu): how many subscribers are confirmed or pending, how many mails were
sent, failed or wait, by scope. Counts only: no address is ever shown in the admin."""

from django.db.models import Count, Q
from django.shortcuts import render

from core.permissions import permission_required
from disclosure.admin_reports import REPORT_PERMISSION
from disclosure.models import AlertMail, Scope, Subscription

ACTIVE = Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
PENDING = Q(confirmed_at__isnull=True, unsubscribed_at__isnull=True)
UNSUBSCRIBED = Q(unsubscribed_at__isnull=False)


def subscription_counts():
    """{scope: {"confirmed", "pending", "unsubscribed"}} plus a "total" row."""
    counts = Subscription.objects.values("scope").annotate(
        confirmed=Count("pk", filter=ACTIVE),
        pending=Count("pk", filter=PENDING),
        unsubscribed=Count("pk", filter=UNSUBSCRIBED),
    )
    by_scope = {row["scope"]: row for row in counts}
    rows = []
    for scope in Scope:
        row = by_scope.get(scope.value, {})
        rows.append(
            {
                "label": scope.label,
                **{key: row.get(key, 0) for key in ("confirmed", "pending", "unsubscribed")},
            }
        )
    total = {key: sum(row[key] for row in rows) for key in ("confirmed", "pending", "unsubscribed")}
    return rows, total


def mail_counts():
    """Sent, failed (tried, not sent; retried until AlertMail.MAX_ATTEMPTS), waiting."""
    return AlertMail.objects.aggregate(
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        failed=Count("pk", filter=Q(sent_at__isnull=True, attempts__gt=0)),
        given_up=Count("pk", filter=Q(sent_at__isnull=True, attempts__gte=AlertMail.MAX_ATTEMPTS)),
        waiting=Count("pk", filter=Q(sent_at__isnull=True, attempts=0)),
    )


@permission_required(REPORT_PERMISSION)
def alert_statistics(request):
    rows, total = subscription_counts()
    failures = (
        AlertMail.objects.filter(sent_at__isnull=True, attempts__gt=0)
        .select_related("page")
        .order_by("-last_attempt_at")[:20]
    )
    context = {
        "page_title": "订阅提醒统计",
        "header_icon": "mail",
        "rows": rows,
        "total": total,
        "mails": mail_counts(),
        "failures": failures,
        "max_attempts": AlertMail.MAX_ATTEMPTS,
    }
    return render(request, "disclosure/admin/alert_statistics.html", context)
