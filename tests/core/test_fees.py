from decimal import Decimal

import pytest

from core.rules.fees import (
    BY_COUNT,
    BY_PAGES,
    FeeScaleError,
    fee_by_count,
    fee_by_pages,
    fee_for_application,
)

# 按件计收, by the ordinal n of this application in the applicant's calendar month
# (the API takes n - 1, the number filed earlier): 1-10 free, 11-30 100, 31-40 200,
# 41-50 300, 51-60 400, 61-70 500.
COUNT_CASES = [
    (1, 0),
    (10, 0),
    (11, 100),
    (30, 100),
    (31, 200),
    (40, 200),
    (41, 300),
    (50, 300),
    (51, 400),
    (60, 400),
    (61, 500),
]


@pytest.mark.parametrize("nth, fee", COUNT_CASES)
def test_fee_by_count_boundaries(nth, fee):
    assert fee_by_count(nth - 1) == Decimal(fee)


def test_fee_by_count_month_total():
    # 31 applications in one month: 10 free + 20 x 100 + 1 x 200 = 2200
    assert sum(fee_by_count(k) for k in range(31)) == Decimal(2200)


# 按量计收, progressive: 1-30 free, 31-100 10/page, 101-200 20/page, 201+ 40/page.
PAGE_CASES = [
    (0, 0),
    (30, 0),
    (31, 10),  # 1 page at 10
    (100, 70 * 10),  # 700
    (101, 70 * 10 + 1 * 20),  # 720
    (200, 70 * 10 + 100 * 20),  # 2700
    (201, 70 * 10 + 100 * 20 + 1 * 40),  # 2740
    (250, 70 * 10 + 100 * 20 + 50 * 40),  # 4700
]


@pytest.mark.parametrize("pages, fee", PAGE_CASES)
def test_fee_by_pages_boundaries(pages, fee):
    assert fee_by_pages(pages) == Decimal(fee)


def test_fees_are_decimals():
    assert isinstance(fee_by_count(20), Decimal)
    assert isinstance(fee_by_pages(150), Decimal)


@pytest.mark.parametrize("bad", [-1])
def test_negative_inputs_rejected(bad):
    with pytest.raises(ValueError):
        fee_by_count(bad)
    with pytest.raises(ValueError):
        fee_by_pages(bad)


def test_non_integer_inputs_rejected():
    with pytest.raises(TypeError):
        fee_by_pages(30.5)
    with pytest.raises(TypeError):
        fee_by_count(True)


def test_one_scale_per_application():
    assert fee_for_application(BY_COUNT, filed_earlier_this_month=10) == Decimal(100)
    assert fee_for_application(BY_PAGES, pages=31) == Decimal(10)
    with pytest.raises(FeeScaleError):
        fee_for_application(BY_COUNT, filed_earlier_this_month=10, pages=31)
    with pytest.raises(FeeScaleError):
        fee_for_application(BY_PAGES, filed_earlier_this_month=10, pages=31)
    with pytest.raises(FeeScaleError):
        fee_for_application(BY_COUNT, pages=31)
    with pytest.raises(FeeScaleError):
        fee_for_application(BY_PAGES)
    with pytest.raises(FeeScaleError):
        fee_for_application("both", pages=31)
