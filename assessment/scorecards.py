"""A unit's scorecard for an assessment period, computed from the platform's own records, and
the ranking of every assessed unit.

Each indicator's result carries its evidence: one row per document, interpretation, case,
report or monitoring finding that was counted, whether it counted for or against the unit,
and a link to it in the admin (and to the public page where there is one), so every point can
be checked. The arithmetic is assessment/rules.py; this module only gathers the facts.

What counts in a period [start, end]:
- documents: the unit's live 主动公开 policy documents with a 发布日期 in the period;
- interpretations: those of the documents above that need one;
- applications: the cases addressed to the unit and received in the period (not 未受理);
- the annual report of `period.annual_report_year`;
- monitoring findings of the unit first seen in the period, not judged 误报.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from core.rules.timeliness import interpretation_delay, publication_delay
from core.rules.working_days import CalendarYearMissing
from disclosure.annual_reports.overview import PublicationRow, unit_report
from disclosure.annual_reports.reminders import due_date
from disclosure.applications import workflow
from disclosure.applications.models import Application
from disclosure.calendar import working_calendar
from disclosure.catalogue import public_documents
from disclosure.models import PolicyInterpretationPage
from disclosure.units import assessed_units
from monitoring.models import Finding

from . import rules
from .models import Indicator


@dataclass
class Evidence:
    label: str
    detail: str
    counts_against: bool
    admin_url: str = ""
    public_url: str = ""


@dataclass
class IndicatorResult:
    indicator: Indicator
    points: float
    basis: str  # the counts the points come from, e.g. "按时 5 件 / 共 6 件"
    evidence: list[Evidence] = field(default_factory=list)
    veto: bool = False

    @property
    def weight(self) -> float:
        return float(self.indicator.weight)

    @property
    def lost(self) -> float:
        return round(self.weight - self.points, 2)

    @property
    def against(self) -> list[Evidence]:
        return [item for item in self.evidence if item.counts_against]


@dataclass
class Scorecard:
    unit: object
    period: object
    results: list[IndicatorResult]

    @property
    def total(self) -> float:
        return round(sum(result.points for result in self.results), 2)

    @property
    def full_marks(self) -> float:
        return round(sum(result.weight for result in self.results), 2)

    @property
    def vetoed(self) -> bool:
        return any(result.veto for result in self.results)

    @property
    def problems(self) -> list[str]:
        """One line per indicator that lost points, for the 通报."""
        return [
            f"{r.indicator.name}扣{r.lost:g}分（{r.basis}）" for r in self.results if r.lost > 0
        ]

    def result(self, code: str) -> IndicatorResult | None:
        return next((r for r in self.results if r.indicator.code == code), None)


def _page_links(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk]), (page.url or "")


def _documents(unit, period):
    return (
        public_documents()
        .descendant_of(unit.section_root, inclusive=True)
        .filter(publish_date__range=(period.start, period.end))
        .select_related("publisher", "topic")
        .order_by("publish_date", "pk")
    )


# ------------------------------------------------------------------ one function per indicator


def publication_timeliness(indicator, unit, period, calendar):
    due_days = int(indicator.threshold)
    evidence, on_time, counted = [], 0, 0
    for document in _documents(unit, period):
        admin_url, public_url = _page_links(document)
        try:
            delay = publication_delay(
                calendar, document.written_date, document.publish_date, due_days
            )
        except CalendarYearMissing as error:
            evidence.append(Evidence(document.title, f"未计入：{error}", False, admin_url))
            continue
        counted += 1
        on_time += not delay.is_late
        detail = f"成文{document.written_date:%Y-%m-%d}，发布{document.publish_date:%Y-%m-%d}，" + (
            f"超期{delay.late_by}个工作日" if delay.is_late else "按时"
        )
        evidence.append(Evidence(document.title, detail, delay.is_late, admin_url, public_url))
    points = rules.publication_timeliness(float(indicator.weight), on_time, counted)
    return IndicatorResult(indicator, points, f"按时 {on_time} 件 / 共 {counted} 件", evidence)


def _interpretations(documents):
    by_document = {}
    interpretations = PolicyInterpretationPage.objects.live().filter(policy_document__in=documents)
    for interpretation in interpretations.order_by("publish_date", "pk"):
        by_document.setdefault(interpretation.policy_document_id, interpretation)
    return by_document


def interpretation_rate(indicator, unit, period, calendar):
    documents = list(_documents(unit, period).filter(requires_interpretation=True))
    first = _interpretations(documents)
    evidence = []
    for document in documents:
        admin_url, public_url = _page_links(document)
        interpretation = first.get(document.pk)
        detail = f"已解读：{interpretation.title}" if interpretation else "需要解读，尚无解读"
        evidence.append(
            Evidence(document.title, detail, interpretation is None, admin_url, public_url)
        )
    interpreted = sum(1 for d in documents if d.pk in first)
    points = rules.interpretation_rate(float(indicator.weight), interpreted, len(documents))
    basis = f"已解读 {interpreted} 件 / 需解读 {len(documents)} 件"
    return IndicatorResult(indicator, points, basis, evidence)


def interpretation_timeliness(indicator, unit, period, calendar):
    documents = list(_documents(unit, period).filter(requires_interpretation=True))
    due_days = int(indicator.threshold)
    first = _interpretations(documents)
    evidence, on_time, counted = [], 0, 0
    for document in documents:
        interpretation = first.get(document.pk)
        if interpretation is None or interpretation.publish_date is None:
            continue
        admin_url, public_url = _page_links(interpretation)
        try:
            delay = interpretation_delay(
                calendar, document.publish_date, interpretation.publish_date, due_days
            )
        except CalendarYearMissing as error:
            evidence.append(Evidence(interpretation.title, f"未计入：{error}", False, admin_url))
            continue
        counted += 1
        on_time += not delay.is_late
        detail = (
            f"文件发布{document.publish_date:%Y-%m-%d}，解读发布"
            f"{interpretation.publish_date:%Y-%m-%d}，"
            + (f"晚于时限{delay.late_by}个工作日" if delay.is_late else "按时")
        )
        evidence.append(
            Evidence(interpretation.title, detail, delay.is_late, admin_url, public_url)
        )
    points = rules.interpretation_timeliness(float(indicator.weight), on_time, counted)
    return IndicatorResult(indicator, points, f"按时 {on_time} 件 / 已解读 {counted} 件", evidence)


def _cases(unit, period):
    return (
        Application.objects.filter(unit=unit, received_on__range=(period.start, period.end))
        .exclude(status=workflow.Status.DISCARDED)
        .prefetch_related("consultations")
        .order_by("received_on", "pk")
    )


def _case_evidence(case, detail, against):
    url = reverse("applications_admin:detail", args=[case.pk])
    return Evidence(f"{case.number} {case.information_title}", detail, against, url)


def applications_on_time(indicator, unit, period, calendar):
    cutoff = min(timezone.localdate(), period.end)
    evidence, on_time, due = [], 0, 0
    for case in _cases(unit, period):
        answered = case.closed_on
        try:
            reading = case.read_clock(calendar, today=answered or cutoff)
        except (CalendarYearMissing, ValueError) as error:
            evidence.append(_case_evidence(case, f"未计入：{error}", False))
            continue
        if reading.due is None:
            # 待补正: no due date until the correction arrives (条例第三十条), neither on time
            # nor late (disclosure/applications/clock.py).
            evidence.append(_case_evidence(case, reading.why_no_due or "无答复期限，不计", False))
            continue
        if answered is not None:
            late = answered > reading.due
            detail = f"期限{reading.due:%Y-%m-%d}，{answered:%Y-%m-%d}答复" + (
                "，超期" if late else "，按期"
            )
        elif reading.remaining < 0:
            late = True
            detail = f"期限{reading.due:%Y-%m-%d}，截至{cutoff:%Y-%m-%d}超期未答复"
        else:
            detail = f"办理中，期限{reading.due:%Y-%m-%d}，不计"
            evidence.append(_case_evidence(case, detail, False))
            continue
        due += 1
        on_time += not late
        evidence.append(_case_evidence(case, detail, late))
    points = rules.applications_on_time(float(indicator.weight), on_time, due)
    return IndicatorResult(indicator, points, f"按期 {on_time} 件 / 应答复 {due} 件", evidence)


def correction_extension_use(indicator, unit, period, calendar):
    cases = list(_cases(unit, period))
    evidence = []
    for case in cases:
        used = []
        if case.correction_requested_on:
            used.append(f"{case.correction_requested_on:%Y-%m-%d}告知补正")
        if case.extension_days:
            used.append(f"延期{case.extension_days}个工作日")
        if used:
            evidence.append(_case_evidence(case, "，".join(used), True))
    allowed = float(indicator.threshold)
    points = rules.correction_extension_use(
        float(indicator.weight), len(evidence), len(cases), allowed
    )
    basis = f"补正或延期 {len(evidence)} 件 / 收到 {len(cases)} 件（允许{allowed:.0%}）"
    return IndicatorResult(indicator, points, basis, evidence)


def annual_report(indicator, unit, period, calendar):
    year = period.annual_report_year
    report = unit_report(unit, year)
    problems = report.publication_problems() if report is not None else []
    row = PublicationRow(unit, year, due_date(year, unit.is_government), report, problems)
    published = row.published_on is not None
    days_late = row.days_late if published else 0
    evidence = []
    if report is None:
        evidence.append(Evidence(f"{year}年度报告", "尚未创建", True))
    else:
        admin_url, public_url = _page_links(report)
        evidence.append(
            Evidence(
                report.title,
                f"应于{row.due:%Y-%m-%d}前发布；{row.verdict}",
                not row.on_time,
                admin_url,
                public_url if report.live else "",
            )
        )
        for problem in problems:
            evidence.append(Evidence("规则核对未通过", problem.message, True, admin_url))
    points = rules.annual_report(
        float(indicator.weight), published, days_late, len(problems), float(indicator.deduction)
    )
    basis = f"{row.verdict}，规则未通过 {len(problems)} 项"
    return IndicatorResult(indicator, points, basis, evidence)


def monitoring_findings(indicator, unit, period, calendar):
    findings = (
        Finding.objects.filter(
            unit=unit,
            first_seen_at__date__range=(period.start, period.end),
            severity__in=["veto", "deduct"],
        )
        .exclude(status=Finding.Status.FALSE_POSITIVE)
        .order_by("-severity", "first_seen_at", "pk")
    )
    evidence, vetoes, deductions = [], 0, 0
    for finding in findings:
        veto = finding.severity == "veto"
        vetoes += veto
        deductions += not veto
        detail = f"{finding.severity_label}：{finding.check_name}（{finding.get_status_display()}）"
        url = reverse("monitoring_admin:finding", args=[finding.pk])
        evidence.append(Evidence(finding.target_label, detail, True, url, finding.target_url))
    points = rules.monitoring_findings(
        float(indicator.weight), vetoes, deductions, float(indicator.deduction)
    )
    result = IndicatorResult(
        indicator, points, f"单项否决 {vetoes} 项，扣分项 {deductions} 项", evidence
    )
    result.veto = vetoes > 0
    return result


REQUIRED_METADATA = [
    ("index_number", "索引号"),
    ("publisher_id", "发布机构"),
    ("written_date", "成文日期"),
    ("publish_date", "发布日期"),
    ("topic_id", "主题分类"),
    ("genre", "体裁"),
    ("summary", "内容概述"),
]


def missing_metadata(document) -> list[str]:
    return [label for name, label in REQUIRED_METADATA if not str(getattr(document, name) or "")]


def catalogue_completeness(indicator, unit, period, calendar):
    evidence, complete, documents = [], 0, 0
    for document in _documents(unit, period):
        documents += 1
        missing = missing_metadata(document)
        complete += not missing
        if missing:
            admin_url, public_url = _page_links(document)
            evidence.append(
                Evidence(document.title, "缺少：" + "、".join(missing), True, admin_url, public_url)
            )
    points = rules.catalogue_completeness(float(indicator.weight), complete, documents)
    basis = f"要素齐全 {complete} 件 / 共 {documents} 件"
    return IndicatorResult(indicator, points, basis, evidence)


SCORERS = {
    rules.PUBLICATION_TIMELINESS: publication_timeliness,
    rules.INTERPRETATION_RATE: interpretation_rate,
    rules.INTERPRETATION_TIMELINESS: interpretation_timeliness,
    rules.APPLICATIONS_ON_TIME: applications_on_time,
    rules.CORRECTION_EXTENSION_USE: correction_extension_use,
    rules.ANNUAL_REPORT: annual_report,
    rules.MONITORING_FINDINGS: monitoring_findings,
    rules.CATALOGUE_COMPLETENESS: catalogue_completeness,
}


def assessed_indicators():
    """The indicators in use: enabled, and computed by this module (a row a superuser added by
    hand without a known code is ignored rather than breaking the ranking)."""
    return Indicator.objects.filter(enabled=True, code__in=list(SCORERS))


def scorecard(unit, period, calendar=None, indicators=None) -> Scorecard:
    calendar = calendar or working_calendar()
    indicators = indicators if indicators is not None else assessed_indicators()
    results = [SCORERS[i.code](i, unit, period, calendar) for i in indicators]
    return Scorecard(unit, period, results)


@dataclass
class RankingRow:
    rank: int
    card: Scorecard


def ranking(period) -> list[RankingRow]:
    """Every assessed unit's scorecard, best first (equal totals share a rank)."""
    calendar = working_calendar()
    indicators = list(assessed_indicators())
    cards = [scorecard(unit, period, calendar, indicators) for unit in assessed_units()]
    ranked = rules.rank([(card, card.total) for card in cards])
    return [RankingRow(entry.rank, entry.key) for entry in ranked]
