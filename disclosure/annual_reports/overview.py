"""The supervising bureau's view of every unit's report (集约化): who published by the due date,
and the banner-wide summary of Table 3.

- `unit_report(unit, year)`: a unit's report of a year (None when it has not created one).
- `publication_rows(year)`: for every unit, its due date (1月31日; 3月31日 for the banner
  government, 条例 Art.49), its report's state, when it was first published and whether that
  was on time, and whether it passes the rules.
- `banner_summary(year)`: Table 3 of every unit (the report's as reported when there is
  one, else the unit's case log as it stands) and their cell-by-cell sum. The sum is checked
  with rules 1-3 and compared with the case log of all units together, so a unit's
  override or an unpublished correction shows as a difference.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from core.rules.annual_report import (
    TABLE3_ROWS,
    TOTAL_COLUMN,
    RuleViolation,
    check_rules,
    empty_table4,
    sum_table3,
)
from disclosure.units import SectionMap, unit_pages_q, units

from . import sources
from .models import AnnualReportPage
from .reminders import due_date


def unit_report(unit, year: int) -> AnnualReportPage | None:
    """The unit's report of `year`; with unit None, the one outside every unit's section."""
    reports = AnnualReportPage.objects.filter(year=year)
    if unit is not None:
        return reports.filter(unit_pages_q(unit)).first()
    sections = SectionMap()
    return next((r for r in reports if sections.unit_for(r) is None), None)


def report_state(report) -> str:
    if report is None:
        return "尚未创建"
    if report.live and not report.has_unpublished_changes:
        return "已发布"
    if report.live:
        return "已发布（有未发布的修改）"
    if report.workflow_in_progress:
        return "审核中"
    return "草稿"


@dataclass
class PublicationRow:
    unit: object
    year: int
    due: datetime.date
    report: AnnualReportPage | None
    problems: list[RuleViolation] = field(default_factory=list)

    @property
    def state(self) -> str:
        return report_state(self.report)

    @property
    def published_on(self) -> datetime.date | None:
        if self.report is None or self.report.first_published_at is None:
            return None
        return timezone.localtime(self.report.first_published_at).date()

    @property
    def on_time(self) -> bool:
        return self.published_on is not None and self.published_on <= self.due

    @property
    def days_late(self) -> int | None:
        """Days after the due date it was published (or, unpublished, until today)."""
        end = self.published_on or timezone.localdate()
        return max((end - self.due).days, 0) if end > self.due else 0

    @property
    def passes_rules(self) -> bool:
        return self.report is not None and not self.problems

    @property
    def verdict(self) -> str:
        if self.report is None or self.published_on is None:
            overdue = timezone.localdate() > self.due
            return "逾期未发布" if overdue else "未发布（未到期）"
        if self.on_time:
            return "按时发布"
        return f"逾期{self.days_late}天发布"


def publication_rows(year: int) -> list[PublicationRow]:
    rows = []
    for unit in units():
        report = unit_report(unit, year)
        problems = report.publication_problems() if report is not None else []
        rows.append(
            PublicationRow(unit, year, due_date(year, unit.is_government), report, problems)
        )
    return rows


@dataclass
class SummaryRow:
    unit: object
    table3: dict
    source: str  # "年度报告" or "申请台账"


@dataclass
class BannerSummary:
    year: int
    rows: list[SummaryRow]
    total: dict
    case_log_total: dict
    violations: list[RuleViolation]

    @property
    def differences(self) -> list[str]:
        """Rows whose summed 总计 differs from the case log of all units together."""
        return [
            row.label
            for row in TABLE3_ROWS
            if self.total[row.code][TOTAL_COLUMN] != self.case_log_total[row.code][TOTAL_COLUMN]
        ]


def banner_summary(year: int) -> BannerSummary:
    rows = []
    for unit in units():
        report = unit_report(unit, year)
        if report is not None:
            rows.append(SummaryRow(unit, report.table3(), "年度报告"))
        else:
            table = AnnualReportPage(year=year)
            table.unit_parent = unit.section_root
            table.refresh_computed_tables()
            rows.append(SummaryRow(unit, table.table3(), "申请台账"))
    total = sum_table3(row.table3 for row in rows)
    case_log_total = sum_table3(sources.table3_from_case_log(year, row.unit) for row in rows)
    violations = check_rules(total, empty_table4())
    return BannerSummary(year, rows, total, case_log_total, violations)
