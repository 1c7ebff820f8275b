"""Settings of the annual report, read from Django settings with defaults.

- ANNUAL_REPORT_DUE_MONTH_DAY, default (1, 31): a department publishes last year's report by
  1月31日 (条例 Art.49); a county government would use (3, 31).
- ANNUAL_REPORT_REMINDER_DAYS, default 45: the admin home page shows the reminder this many
  days before the due date (and keeps showing it while the report is overdue).
"""

from django.conf import settings


def due_month_day() -> tuple[int, int]:
    month, day = getattr(settings, "ANNUAL_REPORT_DUE_MONTH_DAY", (1, 31))
    return int(month), int(day)


def reminder_days() -> int:
    return int(getattr(settings, "ANNUAL_REPORT_REMINDER_DAYS", 45))
