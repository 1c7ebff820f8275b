"""Settings of 互动交流 (the site's own 咨询 / 建议 / 投诉 channel) with their defaults.

Same shape as every app's conf.py (see disclosure/conf.py and docs/ARCHITECTURE.md): DEFAULTS,
`get(name)` (the Django setting or the default, read at call time) and a typed function per
setting. Environment variables are read only in portal/settings/*.py.

Reply deadlines. No national regulation fixes how fast a government website answers its
messages; 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》 vetoes a site whose valid messages
wait more than three months (monitoring's MONITORING_UNANSWERED_VETO_DAYS, 90 days) and
deducts points for messages not answered in time. The defaults are the common local rules of
政府网站 留言办理 and 领导信箱 / 12345 热线 practice (a local rule: set your own):

- 咨询: 5 working days. Local 政府网站网上留言办理办法 commonly ask for an answer to a
  consultation within 5 working days (some the same day for simple ones); it is also the
  threshold monitoring deducts at (MONITORING_UNANSWERED_DAYS).
- 投诉: 10 working days. 领导信箱 rules commonly give "一般问题3个工作日、较复杂的10个工作日";
  a complaint usually needs checking with the unit concerned.
- 建议: 15 working days. 12345 热线 and 领导信箱 rules commonly give 10–15 working days to
  matters that need study; a suggestion is answered after the department has considered it.

A 转办 (transfer to another department) gives the receiving department its own period,
counted from the day of the transfer: by default the period of the message's type.
"""

from django.conf import settings

DEFAULTS = {
    # Reply period in working days per message type, counted from the day after submission
    # (see the module docstring for the sources).
    "INTERACTION_REPLY_WORKING_DAYS": {"consultation": 5, "complaint": 10, "suggestion": 15},
    # Handlers get a reminder when this many working days or fewer remain.
    "INTERACTION_REMINDER_WORKING_DAYS": 1,
    # 留言编号 prefix: numbers read e.g. "HD2026-00012".
    "INTERACTION_NUMBER_PREFIX": "HD",
    # Messages accepted per client address per hour.
    "INTERACTION_SUBMISSIONS_PER_HOUR": 5,
    # Failed status look-ups allowed per client address per hour (guards the 查询码).
    "INTERACTION_FAILED_LOOKUPS_PER_HOUR": 20,
    # Satisfaction ratings accepted per client address per hour (across answers).
    "INTERACTION_RATINGS_PER_HOUR": 30,
    # How many FAQ answers and how many other documents the form suggests.
    "INTERACTION_SUGGESTIONS": 3,
    # Published questions and answers per page of the public list.
    "INTERACTION_PAGE_SIZE": 10,
    # Months covered by the public statistics summary.
    "INTERACTION_STATISTICS_MONTHS": 12,
}


def get(name):
    """The Django setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def reply_working_days(kind: str) -> int:
    return int(get("INTERACTION_REPLY_WORKING_DAYS")[kind])


def reminder_working_days() -> int:
    return int(get("INTERACTION_REMINDER_WORKING_DAYS"))


def number_prefix() -> str:
    return get("INTERACTION_NUMBER_PREFIX")


def submissions_per_hour() -> int:
    return int(get("INTERACTION_SUBMISSIONS_PER_HOUR"))


def lookups_per_hour() -> int:
    return int(get("INTERACTION_FAILED_LOOKUPS_PER_HOUR"))


def ratings_per_hour() -> int:
    return int(get("INTERACTION_RATINGS_PER_HOUR"))


def suggestions() -> int:
    return int(get("INTERACTION_SUGGESTIONS"))


def page_size() -> int:
    return int(get("INTERACTION_PAGE_SIZE"))


def statistics_months() -> int:
    return int(get("INTERACTION_STATISTICS_MONTHS"))
