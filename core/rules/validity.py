"""有效性 over time, as plain Python: which status a document's dates call for, and whether
it was in force on a given day.

Dates are calendar days in the site's time zone (Asia/Shanghai): the caller passes "today"
as ``timezone.localdate()``, never a UTC date.

- 生效日期 (effective_date) is the first day in force. A document without one is in force
  from its 成文日期 (written_date: "自印发之日起施行").
- 失效/废止日期 (repeal_date) is the first day *no longer* in force.
- 废止 is an editor's decision (a repealing or replacing document, confirmed in the admin);
  the date rule never sets it and never undoes it. Nor does it undo a 失效 an editor set by
  hand without a date.
"""

from __future__ import annotations

from datetime import date

from .metadata import EXPIRED, PENDING, REPEALED, VALID


def in_force_on(
    day: date,
    *,
    validity: str,
    written_date: date | None,
    effective_date: date | None,
    repeal_date: date | None,
) -> bool:
    """Whether a document with these dates was (or will be) in force on `day`.

    A document marked 失效 or 废止 without a date is taken as not in force on any day: when
    it stopped is not known.
    """
    start = effective_date or written_date
    if start is None or day < start:
        return False
    if repeal_date is not None:
        return day < repeal_date
    return validity in (VALID, PENDING)


def scheduled_validity(
    validity: str, *, effective_date: date | None, repeal_date: date | None, today: date
) -> str:
    """The 有效性 the dates call for today (the current one when no change is due).

    有效/尚未生效 follow the dates: 失效 from the 失效日期, 尚未生效 before the 生效日期,
    有效 otherwise. 失效 and 废止 stay as they are.
    """
    if validity in (EXPIRED, REPEALED):
        return validity
    if repeal_date is not None and repeal_date <= today:
        return EXPIRED
    if effective_date is not None and today < effective_date:
        return PENDING
    return VALID
