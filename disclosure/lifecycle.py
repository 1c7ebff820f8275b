"""有效性 over time for policy documents: the daily date-driven change, the editor-confirmed
废止 from a repealing or replacing document, and a document's own timeline ("in force on a
date" for the catalogue and the API is catalogue.in_force_q).

The rule itself is plain Python in core/rules/validity.py; this module applies it to the
pages. A change is written to the live page row and to its latest revision (so the next
publish from the editor keeps it), recorded in the page's history (PageLogEntry, shown under
历史记录) and queued for the search index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from core.rules import validity as rules
from disclosure.models.policy_documents import DocumentRelation, PolicyDocumentPage, Validity
from search.models import IndexOutbox
from search.signals import enqueue

# Log actions (registered with their messages in disclosure/wagtail_hooks.py).
SCHEDULED_CHANGE = "disclosure.validity_scheduled"  # the daily task, by the dates
REPEAL_CONFIRMED = "disclosure.repeal_confirmed"  # an editor confirmed a 废止
# Relations that end the target document (修改 leaves it in force).
ENDING_KINDS = (DocumentRelation.Kind.REPLACES, DocumentRelation.Kind.REPEALS)


@dataclass
class ValidityChange:
    page: PolicyDocumentPage
    old: str
    new: str


def set_validity(page, new, *, action, user=None, repeal_date=None, reason=""):
    """Give `page` the 有效性 `new` (and `repeal_date` when given), logged as `action`."""
    old = page.validity
    page.validity = new
    fields = ["validity"]
    if repeal_date is not None:
        page.repeal_date = repeal_date
        fields.append("repeal_date")
    with transaction.atomic():
        # clean=False: the change is the rule's (or a confirmed 废止), not an editor's form.
        page.save(clean=False, update_fields=fields)
        revision = page.latest_revision
        if revision is not None:
            revision.content["validity"] = new
            if repeal_date is not None:
                revision.content["repeal_date"] = repeal_date.isoformat()
            revision.save(update_fields=["content"])
        log(
            instance=page,
            action=action,
            user=user,
            data={
                "old": old,
                "new": new,
                "repeal_date": str(page.repeal_date or ""),
                "reason": reason,
            },
        )
        enqueue([page.pk], IndexOutbox.ACTION_INDEX, "validity")
    return ValidityChange(page, old, new)


def scheduled_changes(today):
    """(page, new 有效性) for every document (live or draft) the dates change on `today`."""
    candidates = PolicyDocumentPage.objects.filter(
        Q(validity=Validity.VALID, repeal_date__lte=today)
        | Q(validity=Validity.VALID, effective_date__gt=today)
        | Q(validity=Validity.PENDING, repeal_date__lte=today)
        | Q(validity=Validity.PENDING, effective_date__lte=today)
        | Q(validity=Validity.PENDING, effective_date__isnull=True)
    ).order_by("pk")
    for page in candidates:
        new = rules.scheduled_validity(
            page.validity,
            effective_date=page.effective_date,
            repeal_date=page.repeal_date,
            today=today,
        )
        if new != page.validity:
            yield page, new


def apply_scheduled_validity(today: date | None = None) -> list[ValidityChange]:
    """Run the date rule as of `today` (Beijing date); returns the changes made."""
    today = today or timezone.localdate()
    reason = f"{today:%Y-%m-%d} 按生效日期/废止日期自动变更"
    return [
        set_validity(page, new, action=SCHEDULED_CHANGE, reason=reason)
        for page, new in list(scheduled_changes(today))
    ]


def unconfirmed_repeals():
    """Live documents that replace or repeal a document not yet marked 废止: for an editor to
    confirm (待确认废止), never applied silently."""
    return (
        DocumentRelation.objects.filter(kind__in=ENDING_KINDS, page__live=True)
        .exclude(target__validity=Validity.REPEALED)
        .select_related("page", "target")
        .order_by("-page__publish_date", "pk")
    )


def proposed_repeal_date(relation):
    """The new document's 生效日期 (else its 成文日期): the day the old one stops."""
    return relation.page.effective_date or relation.page.written_date


def confirm_repeal(relation, *, user, repeal_date):
    reason = f"被《{relation.page.title}》{relation.get_kind_display()}"
    return set_validity(
        relation.target,
        Validity.REPEALED,
        action=REPEAL_CONFIRMED,
        user=user,
        repeal_date=repeal_date,
        reason=reason,
    )


@dataclass
class TimelineEvent:
    day: date
    label: str
    page: object = None  # the page the event links to (an amending document, a 解读)
    planned: bool = False  # a date still ahead


def document_timeline(page, *, relations_in=(), interpretations=(), today=None):
    """成文, 发布, 生效, amended/replaced/repealed by …, 解读, 失效/废止: in date order."""
    today = today or timezone.localdate()
    events = [TimelineEvent(page.written_date, "成文")]
    if page.publish_date:
        events.append(TimelineEvent(page.publish_date, "发布"))
    if page.effective_date:
        events.append(TimelineEvent(page.effective_date, "生效"))
    for relation in relations_in:
        if relation.page.publish_date:
            label = f"被{relation.get_kind_display()}："
            events.append(TimelineEvent(relation.page.publish_date, label, relation.page))
    for item in interpretations:
        if item.publish_date:
            events.append(TimelineEvent(item.publish_date, "发布解读：", item))
    if page.repeal_date:
        label = "废止" if page.validity == Validity.REPEALED else "失效"
        events.append(TimelineEvent(page.repeal_date, label))
    events = sorted((event for event in events if event.day), key=lambda event: event.day)
    for event in events:
        event.planned = event.day > today
    return events
