"""Monthly and quarterly inspection reports in the structure of the indicators: each
单项否决 item passes or fails, deductions are listed with their points, and the result
follows the rule (any veto → 不合格; otherwise 100 − deductions, below 60 → 不合格)."""

import io
from dataclasses import dataclass, field
from datetime import datetime

import openpyxl
from django.db.models import Q
from django.utils import timezone
from openpyxl.styles import Alignment, Font

from . import conf
from .checks import get_check
from .indicators import ACCOUNT_VETO_ITEMS, NOT_MONITORED, SITE_VETO_ITEMS
from .models import Finding, NewMediaAccount


def period_bounds(kind, year, number):
    """(start, end, title) of a month or a quarter, in the site's time zone."""
    if kind == "quarter":
        first_month = 3 * (number - 1) + 1
        start = datetime(year, first_month, 1)
        end = datetime(year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
        title = f"{year}年第{'一二三四'[number - 1]}季度"
    else:
        start = datetime(year, number, 1)
        end = datetime(year + (number == 12), number % 12 + 1, 1)
        title = f"{year}年{number}月"
    zone = timezone.get_current_timezone()
    return timezone.make_aware(start, zone), timezone.make_aware(end, zone), title


@dataclass
class VetoRow:
    number: str
    name: str
    rule: str
    monitored: bool
    findings: list

    @property
    def passed(self):
        return not self.findings

    @property
    def result(self):
        if not self.monitored:
            return NOT_MONITORED
        return "通过" if self.passed else "不通过"


@dataclass
class DeductionRow:
    code: str
    name: str
    count: int
    points_each: float
    cap: float

    @property
    def points(self):
        return round(min(self.count * self.points_each, self.cap), 2)


@dataclass
class Section:
    title: str
    vetoes: list
    deductions: list
    findings: list = field(default_factory=list)

    @property
    def deducted(self):
        return round(sum(row.points for row in self.deductions), 2)

    @property
    def score(self):
        return round(max(0, 100 - self.deducted), 2)

    @property
    def vetoed(self):
        return any(row.monitored and not row.passed for row in self.vetoes)

    @property
    def result(self):
        if self.vetoed:
            return "不合格（单项否决）"
        if self.score < conf.PASS_SCORE:
            return f"不合格（得分低于{conf.PASS_SCORE}分）"
        return "合格"


@dataclass
class Report:
    title: str
    start: datetime
    end: datetime
    site: Section
    accounts: list  # [(account, Section)]
    generated_at: datetime


def findings_in_period(start, end):
    """Findings present at some time in [start, end), without those judged 误报."""
    return (
        Finding.objects.filter(first_seen_at__lt=end)
        .filter(Q(gone_at__isnull=True) | Q(gone_at__gte=start))
        .exclude(status=Finding.Status.FALSE_POSITIVE)
        .order_by("check_code", "target_label")
    )


def build_section(title, veto_items, findings):
    by_code = {}
    for finding in findings:
        by_code.setdefault(finding.check_code, []).append(finding)
    vetoes = [
        VetoRow(
            item.number,
            item.name,
            item.rule,
            bool(item.checks),
            [f for code in item.checks for f in by_code.get(code, [])],
        )
        for item in veto_items
    ]
    deductions = []
    for code, (points_each, cap) in conf.deductions().items():
        check = get_check(code)
        if check is None:
            continue
        deductions.append(
            DeductionRow(code, check.name, len(by_code.get(code, [])), points_each, cap)
        )
    return Section(title, vetoes, deductions, list(findings))


def build_report(kind, year, number, unit=None):
    """The report of a month or quarter; given a unit (集约化), of its section and accounts."""
    start, end, title = period_bounds(kind, year, number)
    findings = findings_in_period(start, end)
    if unit is not None:
        findings = findings.filter(unit=unit)
    findings = list(findings)
    site_findings = [f for f in findings if f.scope == "site"]
    site = build_section("网站" if unit is None else unit.name, SITE_VETO_ITEMS, site_findings)
    accounts = []
    open_accounts = NewMediaAccount.objects.exclude(lifecycle=NewMediaAccount.Lifecycle.CLOSED)
    if unit is not None:
        open_accounts = open_accounts.filter(unit=unit)
    for account in open_accounts:
        own = [f for f in findings if f.scope == "accounts" and f.account_id == account.pk]
        accounts.append((account, build_section(str(account), ACCOUNT_VETO_ITEMS, own)))
    kind_label = "季度" if kind == "quarter" else "月度"
    who = f"{unit.name}" if unit is not None else ""
    return Report(
        title=f"{who}{title}政府网站与政务新媒体{kind_label}检查报告",
        start=start,
        end=end,
        site=site,
        accounts=accounts,
        generated_at=timezone.now(),
    )


def report_xlsx(report):
    """The report as XLSX bytes: one sheet per section plus the list of findings."""
    workbook = openpyxl.Workbook()
    bold = Font(bold=True)
    sheet = workbook.active
    sheet.title = "网站"
    write_section(sheet, report, report.site, bold)
    accounts_sheet = workbook.create_sheet("政务新媒体")
    accounts_sheet.append([report.title])
    accounts_sheet.append(
        ["账号", "平台", "主办单位"]
        + [item.name for item in ACCOUNT_VETO_ITEMS]
        + ["扣分", "得分", "结论"]
    )
    for cell in accounts_sheet[2]:
        cell.font = bold
    for account, section in report.accounts:
        accounts_sheet.append(
            [account.name, account.get_platform_display(), account.sponsor_unit]
            + [row.result for row in section.vetoes]
            + [section.deducted, section.score, section.result]
        )
    findings_sheet = workbook.create_sheet("问题清单")
    findings_sheet.append(
        [
            "范围",
            "检查项",
            "严重程度",
            "对象",
            "问题描述",
            "原文摘录",
            "审核状态",
            "首次发现",
            "最近发现",
        ]
    )
    for cell in findings_sheet[1]:
        cell.font = bold
    all_findings = report.site.findings + [f for _, s in report.accounts for f in s.findings]
    for finding in all_findings:
        findings_sheet.append(
            [
                finding.get_scope_display(),
                finding.check_name,
                finding.severity_label,
                finding.target_label,
                finding.message,
                finding.excerpt,
                finding.get_status_display(),
                timezone.localtime(finding.first_seen_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(finding.last_seen_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    for worksheet in workbook.worksheets:
        for column in worksheet.columns:
            worksheet.column_dimensions[column[0].column_letter].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_section(sheet, report, section, bold):
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"检查期间：{report.start:%Y-%m-%d} 至 {report.end:%Y-%m-%d}（不含）"])
    sheet.append([])
    sheet.append(["一、单项否决指标"])
    sheet.append(["序号", "指标", "要求", "结果", "问题数"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in section.vetoes:
        sheet.append([row.number, row.name, row.rule, row.result, len(row.findings)])
    sheet.append([])
    sheet.append(["二、扣分指标"])
    sheet.append(["检查项", "问题数", "每处扣分", "上限", "扣分"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in section.deductions:
        sheet.append([row.name, row.count, row.points_each, row.cap, row.points])
    sheet.append([])
    sheet.append(["扣分合计", section.deducted])
    sheet.append(["得分", section.score])
    sheet.append(["结论", section.result])
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
