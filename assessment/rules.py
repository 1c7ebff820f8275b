"""The arithmetic of the 考核评价 indicators, in plain Python (no Django).

Every indicator gives at most its `weight` points. Its `threshold` and `deduction` are the
numbers the assessor may change (assessment/models.py, seeded from DEFAULT_INDICATORS); what
they mean is said beside each function. An indicator with nothing to assess in a period (no
document, no application) gives its full weight: a unit is not marked down for work it did
not have.

Sources: 条例 Art.26 (publication within 20 working days of 成文), Art.33 (replies within 20
working days, extension by at most 20), Art.30 (补正), Art.49-50 (the annual report by
31 January, its contents), 国办发〔2016〕80号 (interpretation with the document), 国办秘函
〔2019〕19号 (the website inspection's 单项否决 and deductions), 目录系统实施指引 (catalogue
metadata).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorDefault:
    code: str
    name: str
    weight: float
    threshold: float
    deduction: float
    definition: str


PUBLICATION_TIMELINESS = "publication_timeliness"
INTERPRETATION_RATE = "interpretation_rate"
INTERPRETATION_TIMELINESS = "interpretation_timeliness"
APPLICATIONS_ON_TIME = "applications_on_time"
CORRECTION_EXTENSION_USE = "correction_extension_use"
ANNUAL_REPORT = "annual_report"
MONITORING_FINDINGS = "monitoring_findings"
CATALOGUE_COMPLETENESS = "catalogue_completeness"

DEFAULT_INDICATORS = [
    IndicatorDefault(
        PUBLICATION_TIMELINESS,
        "主动公开及时性",
        20,
        20,
        0,
        "考核期内发布的主动公开文件中，自成文日期起阈值个工作日内（默认20个，条例第二十六条）"
        "发布的比例 × 分值。",
    ),
    IndicatorDefault(
        INTERPRETATION_RATE,
        "政策解读率",
        10,
        0,
        0,
        "考核期内发布、需要解读的文件中，已有已发布解读的比例 × 分值。",
    ),
    IndicatorDefault(
        INTERPRETATION_TIMELINESS,
        "政策解读及时性",
        5,
        3,
        0,
        "已解读的文件中，解读在文件发布后阈值个工作日内（默认3个）发布的比例 × 分值。",
    ),
    IndicatorDefault(
        APPLICATIONS_ON_TIME,
        "依申请公开按期答复",
        20,
        0,
        0,
        "考核期内收到的申请中，在法定期限内（条例第三十三条，含延期、补正和征求意见的期间）"
        "答复的比例 × 分值；考核截止时已超期未答复的计为超期，未到期的不计。",
    ),
    IndicatorDefault(
        CORRECTION_EXTENSION_USE,
        "补正与延期使用",
        5,
        0.3,
        0,
        "考核期内收到的申请中告知补正或延期答复的比例不超过阈值（默认30%）得满分；"
        "超过部分按比例扣减，全部申请均补正或延期时得0分。",
    ),
    IndicatorDefault(
        ANNUAL_REPORT,
        "年度报告按时发布且合规",
        15,
        0,
        3,
        "上一年度报告在应发布日期（部门、镇次年1月31日）前发布且通过编制规则核对得满分；"
        "每逾期7天（不足7天按7天）扣减“每项扣分”，每项规则未通过扣减“每项扣分”；未发布得0分。",
    ),
    IndicatorDefault(
        MONITORING_FINDINGS,
        "网站与政务新媒体监测",
        15,
        0,
        1,
        "考核期内首次发现、未判为误报的监测问题：出现单项否决项（如留言超过3个月未回复、"
        "栏目不更新）本项得0分；其余每个扣分项扣减“每项扣分”（含留言未按时回复、栏目长期未更新），"
        "扣完为止。",
    ),
    IndicatorDefault(
        CATALOGUE_COMPLETENESS,
        "目录要素完整",
        10,
        0,
        0,
        "考核期内发布的文件中，索引号、发布机构、成文日期、发布日期、主题分类、体裁和内容概述"
        "齐全的比例 × 分值。",
    ),
]


def _rounded(points: float) -> float:
    return round(points + 0.0, 2)


def share_points(weight: float, good: int, total: int) -> float:
    """`weight` × good/total; the full weight when there is nothing to assess."""
    if total <= 0:
        return _rounded(weight)
    return _rounded(weight * good / total)


def publication_timeliness(weight: float, on_time: int, published: int) -> float:
    return share_points(weight, on_time, published)


def interpretation_rate(weight: float, interpreted: int, requiring: int) -> float:
    return share_points(weight, interpreted, requiring)


def interpretation_timeliness(weight: float, on_time: int, interpreted: int) -> float:
    return share_points(weight, on_time, interpreted)


def applications_on_time(weight: float, on_time: int, due: int) -> float:
    return share_points(weight, on_time, due)


def correction_extension_use(weight: float, used: int, received: int, allowed_share: float):
    """Full weight up to `allowed_share` of the cases; falling linearly to 0 when all used it."""
    if received <= 0:
        return _rounded(weight)
    share = used / received
    if share <= allowed_share:
        return _rounded(weight)
    if allowed_share >= 1:
        return _rounded(weight)
    return _rounded(max(0.0, weight * (1 - (share - allowed_share) / (1 - allowed_share))))


def weeks_late(days_late: int) -> int:
    """Started weeks after the due date (1 to 7 days late is one week)."""
    return math.ceil(days_late / 7) if days_late > 0 else 0


def annual_report(
    weight: float, published: bool, days_late: int, rule_violations: int, deduction: float
) -> float:
    if not published:
        return 0.0
    lost = (weeks_late(days_late) + rule_violations) * deduction
    return _rounded(max(0.0, weight - lost))


def monitoring_findings(weight: float, vetoes: int, deductions: int, deduction: float) -> float:
    if vetoes > 0:
        return 0.0
    return _rounded(max(0.0, weight - deductions * deduction))


def catalogue_completeness(weight: float, complete: int, documents: int) -> float:
    return share_points(weight, complete, documents)


@dataclass(frozen=True)
class Ranked:
    rank: int
    key: object
    total: float


def rank(totals: list[tuple[object, float]]) -> list[Ranked]:
    """Highest total first; equal totals share a rank (1, 2, 2, 4)."""
    ordered = sorted(totals, key=lambda item: -item[1])
    ranked, previous, position = [], None, 0
    for index, (key, total) in enumerate(ordered, start=1):
        if total != previous:
            position, previous = index, total
        ranked.append(Ranked(position, key, total))
    return ranked
