"""信息处理费 (国办函〔2020〕109号《政府信息公开信息处理费管理办法》), amounts in yuan.

Information is provided free by default (条例 Art.42); a fee is charged only above the
thresholds below. The agency charges an application on exactly one scale, never both:

按件计收 (by count) — applications by the same applicant within one calendar month:
    1st-10th free; 11th-30th 100 元 each; from the 31st, bands of 10 applications, each band
    100 元 dearer than the one before: 31st-40th 200 元, 41st-50th 300 元, 51st-60th 400 元 ...
按量计收 (by pages), progressive — each band's pages at that band's price:
    pages 1-30 free; 31-100 at 10 元/page; 101-200 at 20 元/page; 201 and above 40 元/page.
"""

from __future__ import annotations

from decimal import Decimal

BY_COUNT = "by_count"
BY_PAGES = "by_pages"
SCALES = (BY_COUNT, BY_PAGES)

COUNT_BANDS = (
    # (last application number in the band, fee per application in yuan)
    (10, 0),
    (30, 100),
)
COUNT_BAND_SIZE_AFTER = 10  # from the 31st application on: bands of 10 ...
COUNT_BAND_STEP = 100  # ... each 100 元 dearer than the previous band

PAGE_BANDS = (
    # (last page in the band or None for no limit, fee per page in yuan)
    (30, 0),
    (100, 10),
    (200, 20),
    (None, 40),
)


class FeeScaleError(ValueError):
    """An application was given data for the wrong or for both scales."""


def _whole(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what}应为整数")
    if value < 0:
        raise ValueError(f"{what}不能为负数")
    return value


def fee_by_count(filed_earlier_this_month: int) -> Decimal:
    """Fee for one application charged 按件, given how many applications the same applicant
    had already filed earlier in the same calendar month (this one is number n = that + 1)."""
    n = _whole(filed_earlier_this_month, "本月此前已提交的申请件数") + 1
    for last, fee in COUNT_BANDS:
        if n <= last:
            return Decimal(fee)
    last, fee = COUNT_BANDS[-1]
    bands_beyond = (n - last - 1) // COUNT_BAND_SIZE_AFTER + 1
    return Decimal(fee + bands_beyond * COUNT_BAND_STEP)


def fee_by_pages(pages: int) -> Decimal:
    """Fee for one application charged 按量: each band's pages at that band's price."""
    pages = _whole(pages, "页数")
    total, band_start = 0, 0
    for last, price in PAGE_BANDS:
        band_end = pages if last is None else min(pages, last)
        if band_end > band_start:
            total += (band_end - band_start) * price
        if last is None or pages <= last:
            break
        band_start = last
    return Decimal(total)


def fee_for_application(
    scale: str,
    *,
    filed_earlier_this_month: int | None = None,
    pages: int | None = None,
) -> Decimal:
    """Fee for one application on exactly one scale: ``by_count`` takes
    ``filed_earlier_this_month`` only, ``by_pages`` takes ``pages`` only."""
    if scale == BY_COUNT:
        if pages is not None:
            raise FeeScaleError("按件计收的申请不能同时按量（页数）计收")
        if filed_earlier_this_month is None:
            raise FeeScaleError("按件计收需要提供申请人本月此前已提交的申请件数")
        return fee_by_count(filed_earlier_this_month)
    if scale == BY_PAGES:
        if filed_earlier_this_month is not None:
            raise FeeScaleError("按量计收的申请不能同时按件计收")
        if pages is None:
            raise FeeScaleError("按量计收需要提供页数")
        return fee_by_pages(pages)
    raise FeeScaleError(f"未知的计收方式“{scale}”，只能是按件（by_count）或按量（by_pages）")
