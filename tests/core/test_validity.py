"""有效性 over time (core/rules/validity.py): the first and last day in force, and which
status the dates call for."""

from datetime import date

import pytest

from core.rules.metadata import EXPIRED, PENDING, REPEALED, VALID
from core.rules.validity import in_force_on, scheduled_validity

DATES = {
    "written_date": date(2024, 1, 10),
    "effective_date": date(2024, 2, 1),
    "repeal_date": date(2025, 1, 1),
}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 1, 31), False),  # the day before 生效日期
        (date(2024, 2, 1), True),  # 生效日期 is the first day in force
        (date(2024, 12, 31), True),  # the last day before 废止日期
        (date(2025, 1, 1), False),  # 废止日期 is the first day no longer in force
    ],
)
def test_in_force_from_effective_date_until_the_day_before_repeal(day, expected):
    assert in_force_on(day, validity=EXPIRED, **DATES) is expected


def test_without_effective_date_in_force_from_the_written_date():
    dates = {"written_date": date(2024, 1, 10), "effective_date": None, "repeal_date": None}
    assert not in_force_on(date(2024, 1, 9), validity=VALID, **dates)
    assert in_force_on(date(2024, 1, 10), validity=VALID, **dates)
    assert in_force_on(date(2030, 1, 1), validity=VALID, **dates)


def test_ended_without_a_date_is_never_in_force():
    dates = {"written_date": date(2024, 1, 10), "effective_date": None, "repeal_date": None}
    assert not in_force_on(date(2024, 6, 1), validity=EXPIRED, **dates)
    assert not in_force_on(date(2024, 6, 1), validity=REPEALED, **dates)


@pytest.mark.parametrize(
    ("validity", "effective", "repeal", "today", "expected"),
    [
        (VALID, None, date(2025, 1, 1), date(2024, 12, 31), VALID),
        (VALID, None, date(2025, 1, 1), date(2025, 1, 1), EXPIRED),
        (VALID, date(2025, 3, 1), None, date(2025, 2, 28), PENDING),
        (PENDING, date(2025, 3, 1), None, date(2025, 2, 28), PENDING),
        (PENDING, date(2025, 3, 1), None, date(2025, 3, 1), VALID),
        (PENDING, date(2025, 3, 1), date(2025, 3, 5), date(2025, 3, 6), EXPIRED),
        # 废止 and a hand-set 失效 are editors' decisions: the dates never undo them.
        (REPEALED, None, date(2030, 1, 1), date(2025, 1, 1), REPEALED),
        (EXPIRED, None, None, date(2025, 1, 1), EXPIRED),
    ],
)
def test_scheduled_validity(validity, effective, repeal, today, expected):
    result = scheduled_validity(validity, effective_date=effective, repeal_date=repeal, today=today)
    assert result == expected
