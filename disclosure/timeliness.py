"""The two timeliness reports, computed from the live catalogue and the working-day calendar.

1. 超期发布: documents published more than 20 working days after their 成文日期 (条例 Art.26).
2. 解读缺失: documents that need an interpretation and have none N working days after their
   publication (conf.interpretation_due_working_days, default 3).

``interpretation_overdue`` is the one "document without interpretation" rule (issue 13): the
解读缺失 report and monitoring's POLICY_WITHOUT_INTERPRETATION check both ask it, so both use
the same grace period (DISCLOSURE_INTERPRETATION_DUE_WORKING_DAYS).

A date in a year the calendar does not cover is not guessed: the row is reported with the
calendar problem so staff can enter that year.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from core.rules.timeliness import Delay, interpretation_delay, publication_delay
from core.rules.working_days import CalendarYearMissing
from disclosure import conf
from disclosure.calendar import working_calendar
from disclosure.catalogue import public_documents
from disclosure.models import PolicyDocumentPage


@dataclass
class TimelinessRow:
    document: PolicyDocumentPage
    due: date | None
    late_by: int | None
    problem: str = ""

    # Attribute names used by the admin listing and its spreadsheet export.
    @property
    def title(self):
        return self.document.title

    @property
    def index_number(self):
        return self.document.index_number or ""

    @property
    def written_date(self):
        return self.document.written_date

    @property
    def publish_date(self):
        return self.document.publish_date

    @property
    def publisher(self):
        return self.document.publisher.name

    @property
    def late_by_display(self):
        return self.problem or f"{self.late_by}个工作日"


def _documents():
    return (
        public_documents()
        .exclude(publish_date=None)
        .select_related("publisher")
        .order_by("-publish_date", "-pk")
    )


def _row(document, compute_delay):
    """The report row of a late document, or None when it is on time."""
    try:
        delay = compute_delay()
    except CalendarYearMissing as error:
        return TimelinessRow(document, None, None, str(error))
    return TimelinessRow(document, delay.due, delay.late_by) if delay.is_late else None


def late_publications(calendar=None):
    calendar = calendar or working_calendar()
    due_days = conf.publication_due_working_days()
    rows = (
        _row(d, lambda d=d: publication_delay(calendar, d.written_date, d.publish_date, due_days))
        for d in _documents()
    )
    return [row for row in rows if row]


def interpretation_overdue(
    document, *, has_interpretation: bool, today=None, calendar=None
) -> Delay | None:
    """The Delay of a document still without an interpretation past its grace period, or
    None: when it needs none (``requires_interpretation``), has one, is not published yet, or
    is within DISCLOSURE_INTERPRETATION_DUE_WORKING_DAYS working days of its 发布日期
    (国办发〔2016〕80号: 文件与解读同步; the grace period is the office's local rule).
    Raises CalendarYearMissing when the calendar lacks a year it needs."""
    if not getattr(document, "requires_interpretation", True) or has_interpretation:
        return None
    published = getattr(document, "publish_date", None)
    if published is None and getattr(document, "first_published_at", None):
        published = timezone.localtime(document.first_published_at).date()
    if published is None:
        return None
    delay = interpretation_delay(
        calendar or working_calendar(),
        published,
        today or timezone.localdate(),
        conf.interpretation_due_working_days(),
    )
    return delay if delay.is_late else None


def missing_interpretations(today=None, calendar=None):
    calendar = calendar or working_calendar()
    today = today or timezone.localdate()
    documents = _documents().filter(requires_interpretation=True)
    interpreted = set(
        PolicyDocumentPage.objects.filter(
            interpretations__live=True, pk__in=documents.values("pk")
        ).values_list("pk", flat=True)
    )
    rows = []
    for document in documents:
        try:
            delay = interpretation_overdue(
                document,
                has_interpretation=document.pk in interpreted,
                today=today,
                calendar=calendar,
            )
        except CalendarYearMissing as error:
            rows.append(TimelinessRow(document, None, None, str(error)))
            continue
        if delay:
            rows.append(TimelinessRow(document, delay.due, delay.late_by))
    return rows
