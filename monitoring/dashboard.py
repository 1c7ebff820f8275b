"""Figures of the 监测概览 dashboard: the distance to every veto threshold, per account and
for each website, computed live from the database with the same functions the checks use.

Given a unit (集约化), everything is that unit's: its section's gauges, its accounts, its
findings and its trend.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page, Site

from core.charts import LineChart, Series

from . import conf
from .checks.base import ACCOUNTS, SEVERITY_LABELS, SITE, days_between
from .checks.interaction import unanswered
from .checks.staleness import empty_columns, stale_columns
from .inventory import build_inventory
from .models import Finding, MonitorRun

SECURITY_CODES = ("SEVERE_ERROR", "SENSITIVE_WORD", "PII_RESIDENT_ID", "PII_BANK_CARD")


@dataclass
class Gauge:
    """One veto threshold: where we are, where the line is, and how far from it."""

    name: str
    value: float | None
    limit: float
    unit: str
    # "up": the value grows towards the limit (days without update, stale columns)
    note: str = ""
    shown: str = ""  # what the 当前 column shows instead of the number (e.g. 已开通)

    @property
    def remaining(self):
        if self.value is None:
            return None
        return self.limit - self.value

    @property
    def state(self):
        """ "veto" at or past the line, "warning" within MONITORING_WARNING_MARGIN of it (not
        for a yes/no line), else "ok"."""
        if self.value is None:
            return "ok"
        if self.value >= self.limit:
            return "veto"
        # A yes/no line (limit 1: a channel, an interaction function) has no "near".
        margin = max(1, conf.warning_margin() * self.limit)
        if self.limit > 1 and self.limit - self.value <= margin:
            return "warning"
        return "ok"

    @property
    def state_label(self):
        return {"veto": "已触发单项否决", "warning": "接近否决线", "ok": "正常"}[self.state]

    @property
    def distance_text(self):
        if self.value is None:
            return self.note or "—"
        if self.state == "veto":
            return f"已达到否决线（{self.value:g}/{self.limit:g} {self.unit}）"
        return f"还差 {self.remaining:g} {self.unit}"


def open_findings(unit=None):
    findings = Finding.objects.filter(is_present=True).exclude(
        status__in=[Finding.Status.FALSE_POSITIVE, Finding.Status.FIXED]
    )
    return findings if unit is None else findings.filter(unit=unit)


def site_gauges(inventory, unit=None):
    thresholds = inventory.thresholds
    now = inventory.now
    home_days = (
        int(days_between(inventory.home_page_updated, now)) if inventory.home_page_updated else None
    )
    stale = stale_columns(inventory)
    waiting = unanswered(inventory, {SITE})
    channel_waiting = [entry for entry in waiting if entry[0].target.kind == "interaction_message"]
    security = open_findings(unit).filter(scope=SITE, check_code__in=SECURITY_CODES)
    if unit is None and inventory.home_page is not None:
        # This website's pages only: the findings about pages below its home page.
        root = inventory.home_page.target.page_id
        security = security.filter(page__path__startswith=_path_of(root))
    security = security.count()
    return [
        Gauge("首页不更新", home_days, thresholds.home_page_stale_days, "天", note="首页尚无信息"),
        Gauge("未按期更新栏目", len(stale), thresholds.stale_columns_veto, "个"),
        Gauge(
            "长期未更新栏目",
            len([entry for entry in stale if entry[3]]),
            thresholds.long_stale_columns_veto,
            "个",
        ),
        Gauge("空白栏目", len(empty_columns(inventory)), thresholds.empty_columns_veto, "个"),
        Gauge(
            "最久未回复留言",
            waiting[0][1] if waiting else 0,
            thresholds.unanswered_veto_days,
            "天",
        ),
        channel_gauge(inventory),
        Gauge(
            "互动交流：最久未回复的有效留言",
            channel_waiting[0][1] if channel_waiting else 0,
            thresholds.unanswered_veto_days,
            "天",
        ),
        Gauge("安全、泄密类问题（未处理）", security, 1, "项"),
    ]


def channel_gauge(inventory):
    """互动回应差, first half: the site has an available 咨询建言 channel (互动交流)."""
    available = [channel for channel in inventory.channels if channel.available]
    problems = "；".join(channel.problem for channel in inventory.channels if channel.problem)
    return Gauge(
        "互动交流：咨询建言渠道",
        0 if available else 1,
        1,
        "项",
        shown="可用" if available else f"不可用（{problems or '未建立'}）",
    )


def _path_of(page_id):
    return Page.objects.filter(pk=page_id).values_list("path", flat=True).first() or ""


def account_gauges(inventory):
    thresholds = inventory.thresholds
    security = dict(
        open_findings()
        .filter(scope=ACCOUNTS, check_code__in=SECURITY_CODES)
        .values_list("account_id")
        .annotate(count=Count("pk"))
    )
    waiting = unanswered(inventory, {ACCOUNTS})
    rows = []
    for account in inventory.accounts:
        if not account.is_open:
            continue
        days = (
            int(days_between(account.last_post_at, inventory.now)) if account.last_post_at else None
        )
        oldest = max(
            (days for message, days in waiting if message.target.account_id == account.target.id),
            default=0,
        )
        stale = Gauge("距上次更新", days, thresholds.account_stale_days, "天", note="从未发布")
        if days is None:
            stale.value = thresholds.account_stale_days
        rows.append(
            {
                "account": account,
                "gauges": [
                    stale,
                    Gauge("最久未回复留言", oldest, thresholds.unanswered_veto_days, "天"),
                    Gauge(
                        "互动功能",
                        0 if account.interaction_enabled else 1,
                        1,
                        "项",
                        shown="已开通" if account.interaction_enabled else "未开通",
                    ),
                    Gauge(
                        "安全、泄密类问题（未处理）", security.get(account.target.id, 0), 1, "项"
                    ),
                ],
            }
        )
    return rows


def unrecorded_vetoes(site_gauges, account_rows, severity_counts):
    """The gauges at a veto line when no open 单项否决 finding records any: the live figures
    have moved on since the latest run (or none ran yet), so 待处理问题 says so rather than
    showing 0 next to 已触发单项否决."""
    recorded = dict((key, count) for key, _label, count in severity_counts).get("veto", 0)
    if recorded:
        return []
    vetoes = [gauge.name for gauge in site_gauges if gauge.state == "veto"]
    for row in account_rows:
        label = row["account"].target.label
        vetoes += [f"{label}：{g.name}" for g in row["gauges"] if g.state == "veto"]
    return vetoes


def severity_counts(unit=None):
    counts = dict(open_findings(unit).values_list("severity").annotate(count=Count("pk")))
    return [(key.value, label, counts.get(key.value, 0)) for key, label in SEVERITY_LABELS.items()]


TREND_COLOURS = {"veto": "#b91c1c", "deduct": "#b45309", "hint": "#1d4ed8"}


def trend_chart(scope, limit=30, unit=None):
    """Line chart of open findings by severity over the latest runs covering `scope` (with a
    unit: the unit's findings of both scopes)."""
    scopes = [scope, MonitorRun.Scope.BOTH]
    runs = list(
        MonitorRun.objects.filter(scope__in=scopes, status=MonitorRun.Status.DONE).order_by(
            "-finished_at"
        )[:limit]
    )[::-1]
    labels = [timezone.localtime(run.finished_at).strftime("%m-%d %H:%M") for run in runs]
    series = []
    for key, label in SEVERITY_LABELS.items():
        if unit is None:
            counts = [run.summary.get("by_scope", {}).get(scope, {}) for run in runs]
        else:
            counts = [run.summary.get("by_unit", {}).get(str(unit.pk), {}) for run in runs]
        values = [count.get(key.value, 0) for count in counts]
        series.append(Series(label, values, colour=TREND_COLOURS[key.value]))
    name = "网站" if scope == SITE else "政务新媒体"
    if unit is not None:
        name = unit.label
    return LineChart(
        id=f"trend-{scope}" if unit is None else f"trend-unit-{unit.pk}",
        title=f"{name}监测发现趋势（按严重程度）",
        labels=labels,
        series=series,
        description=describe_trend(labels, series),
    )


def describe_trend(labels, series):
    if not labels:
        return "暂无数据。"
    latest = "，".join(f"{s.name}{s.values[-1]}" for s in series if s.values)
    return f"共{len(labels)}次监测，最近一次（{labels[-1]}）：{latest}。"


def dashboard_context(unit=None, now=None):
    """The dashboard of every website and account, or of one unit (集约化)."""
    inventory = build_inventory({ACCOUNTS, SITE}, now=now, with_texts=False, unit=unit)
    other_sites = []
    if unit is None:
        for site in Site.objects.filter(is_default_site=False).select_related("root_page"):
            other = build_inventory({SITE}, now=now, with_texts=False, site=site)
            other_sites.append((site, site_gauges(other)))
    charts = (
        [trend_chart(SITE), trend_chart(ACCOUNTS)]
        if unit is None
        else [trend_chart(SITE, unit=unit)]
    )
    gauges, rows, counts = (
        site_gauges(inventory, unit),
        account_gauges(inventory),
        severity_counts(unit),
    )
    return {
        "unit": unit,
        "site_gauges": gauges,
        "other_sites": other_sites,
        "account_rows": rows,
        "severity_counts": counts,
        "unrecorded_vetoes": unrecorded_vetoes(gauges, rows, counts),
        "charts": charts,
        "latest_runs": MonitorRun.objects.order_by("-created_at")[:8],
    }
