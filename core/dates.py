"""Reading a date as Chinese staff type it, or saying clearly why it cannot be read.

Accepted: 2025-03-12, 2025/3/12, 2025.3.12, 2025年3月12日 (日 may be left off) and 20250312,
with full-width digits and spaces around the parts allowed. Everything else is refused rather
than guessed: 12/03/2025 (day and month order is ambiguous), 昨天, or a date that does not exist
(2025-13-45, 2025-02-29). A refused value is never replaced by another date.
"""

import re
import unicodedata
from datetime import date

FORMATS_HINT = "2025-03-12、2025年3月12日、2025.3.12、2025/3/12 或 20250312"
EARLIEST_YEAR = 1900
LATEST_YEAR = 2099

_SEPARATED = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


class DateNotUnderstood(ValueError):
    """The typed text is not a date in an accepted form; str(error) is the Chinese message."""


def parse_typed_date(text: str) -> date:
    """The date `text` names, or DateNotUnderstood with a message that says what to type."""
    typed = unicodedata.normalize("NFKC", text or "").strip()
    for pattern in (_SEPARATED, _CHINESE, _COMPACT):
        match = pattern.fullmatch(typed)
        if match:
            numbers = [part for part in match.groups() if part.isdigit()]
            year, month, day = (int(part) for part in numbers)
            return _checked_date(typed, year, month, day)
    raise DateNotUnderstood(f"无法识别日期“{typed}”，请按年月日顺序填写，如 {FORMATS_HINT}。")


def _checked_date(typed, year, month, day):
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateNotUnderstood(
            f"日期“{typed}”的年份应在 {EARLIEST_YEAR} 至 {LATEST_YEAR} 年之间。"
        )
    if not 1 <= month <= 12:
        raise DateNotUnderstood(f"日期“{typed}”不存在：月份应为 1 至 12。")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateNotUnderstood(f"日期“{typed}”不存在：{year}年{month}月没有{day}日。") from None
