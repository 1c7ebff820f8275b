"""Settings of the annual report with their defaults.

Same shape as every app's conf.py (see disclosure/conf.py and docs/ARCHITECTURE.md): DEFAULTS,
`get(name)` (the Django setting or the default, read at call time) and a typed function per
setting. Environment variables are read only in portal/settings/*.py.
"""

from django.conf import settings

DEFAULTS = {
    # A department publishes last year's report by 1月31日 (条例 Art.49); so do the towns here.
    "ANNUAL_REPORT_DUE_MONTH_DAY": (1, 31),
    # The banner (county-level) government's own report: by 3月31日 (条例 Art.49); the units
    # of kind 人民政府 use it (集约化).
    "ANNUAL_REPORT_GOVERNMENT_DUE_MONTH_DAY": (3, 31),
    # The admin home page shows the reminder this many days before the due date (and keeps
    # showing it while the report is overdue).
    "ANNUAL_REPORT_REMINDER_DAYS": 45,
}


def get(name):
    """The Django setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def due_month_day() -> tuple[int, int]:
    month, day = get("ANNUAL_REPORT_DUE_MONTH_DAY")
    return int(month), int(day)


def government_due_month_day() -> tuple[int, int]:
    month, day = get("ANNUAL_REPORT_GOVERNMENT_DUE_MONTH_DAY")
    return int(month), int(day)


def reminder_days() -> int:
    return int(get("ANNUAL_REPORT_REMINDER_DAYS"))
