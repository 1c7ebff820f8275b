"""Where the computed figures come from: the application case log and the catalogue.

This module is the only place the annual report reads other apps' records, so what it needs
from them is visible in one screen. Each takes the report's unit (集约化): the applications
addressed to it, the documents in its section; None counts everything.

- Table 3 and the 信息处理费 collected: ``disclosure.applications.statistics`` (the 依申请公开
  case log: ``table3_for_year`` and ``fees_collected``).
- Table 2 第二十条第（一）项 (规章, 行政规范性文件 issued, repealed, in force): the policy
  document pages of the catalogue (``disclosure.models.PolicyDocumentPage``) by their 文件类别
  (``legal_form``), 成文日期, 废止日期 and 有效性.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Q

from core.rules.annual_report import empty_table3
from disclosure.applications import statistics
from disclosure.models import LegalForm, PolicyDocumentPage, Validity
from disclosure.units import unit_pages_q
from portal.languages import originals

# The Table 2 rows counted from the catalogue, by the documents' 文件类别.
TABLE2_LEGAL_FORMS = {
    "regulations": LegalForm.REGULATION,
    "normative_documents": LegalForm.NORMATIVE,
}


# ---------------------------------------------------------------------------
# Table 3 and fees: the 依申请公开 case log
# ---------------------------------------------------------------------------


def table3_from_case_log(year: int, unit=None) -> dict[str, list[int]]:
    """Table 3 of `year` as the case log counts it: 一 (received), 二 (received earlier,
    open on 1 January), the 21 result rows (closed in the year, by reply type) and 四 (open on
    31 December)."""
    table = empty_table3()
    for code, cells in statistics.table3_for_year(year, unit).items():
        table[code] = [int(value) for value in cells]
    return table


def fees_collected(year: int, unit=None) -> Decimal:
    """信息处理费 (国办函〔2020〕109号) collected in `year`, in 元."""
    return Decimal(statistics.fees_collected(year, unit) or 0)


# ---------------------------------------------------------------------------
# Table 2 第二十条第（一）项: the catalogue
# ---------------------------------------------------------------------------


def catalogue_counts(year: int, unit=None) -> dict[str, list[int]]:
    """[本年制发件数, 本年废止件数, 现行有效件数] of 规章 and 行政规范性文件 for `year`.

    Counted over the published policy documents: issued = 成文日期 in the year; repealed =
    废止日期 in the year; in force = issued by 31 December and not repealed by then (a
    document marked 失效 or 废止 without a date counts as no longer in force).
    """
    last_day = datetime.date(year, 12, 31)
    documents = originals(PolicyDocumentPage.objects.live())
    if unit is not None:
        documents = documents.filter(unit_pages_q(unit))
    counts = {}
    for code, legal_form in TABLE2_LEGAL_FORMS.items():
        of_form = documents.filter(legal_form=legal_form)
        issued = of_form.filter(written_date__year=year).count()
        repealed = of_form.filter(repeal_date__year=year).count()
        in_force = (
            of_form.filter(written_date__lte=last_day)
            .filter(Q(repeal_date=None) | Q(repeal_date__gt=last_day))
            .exclude(validity__in=[Validity.EXPIRED, Validity.REPEALED], repeal_date=None)
            .count()
        )
        counts[code] = [issued, repealed, in_force]
    return counts
