"""core.dates.parse_typed_date: the forms staff type are read, everything else is refused."""

from datetime import date

import pytest

from core.dates import DateNotUnderstood, parse_typed_date


@pytest.mark.parametrize(
    "typed",
    [
        "2025-03-12",
        "2025-3-12",
        "2025/3/12",
        "2025.3.12",
        "2025.03.12",
        "2025年3月12日",
        "2025年03月12日",
        "2025年3月12",
        " 2025 年 3 月 12 日 ",
        "20250312",
        "２０２５年３月１２日",
        "２０２５－０３－１２",
    ],
)
def test_the_forms_chinese_staff_type_are_read(typed):
    assert parse_typed_date(typed) == date(2025, 3, 12)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12/03/2025", "请按年月日顺序填写"),
        ("昨天", "无法识别日期“昨天”"),
        ("2025-13-45", "月份应为 1 至 12"),
        ("2025-02-29", "2025年2月没有29日"),
        ("20251345", "月份应为 1 至 12"),
        ("2025-3/12", "无法识别"),
        ("2025312", "无法识别"),
        ("0025-03-12", "年份应在 1900 至 2099 年之间"),
        ("", "无法识别"),
    ],
)
def test_anything_else_is_refused_with_a_message(typed, message):
    with pytest.raises(DateNotUnderstood) as error:
        parse_typed_date(typed)
    assert message in str(error.value)


def test_an_unreadable_date_says_which_forms_are_accepted():
    with pytest.raises(DateNotUnderstood) as error:
        parse_typed_date("12/03/2025")
    assert str(error.value) == (
        "无法识别日期“12/03/2025”，请按年月日顺序填写，"
        "如 2025-03-12、2025年3月12日、2025.3.12、2025/3/12 或 20250312。"
    )
