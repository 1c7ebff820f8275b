"""搜索分析: per ISO week, the queries that found nothing and those whose results were
followed least, from the aggregated query log (search.models.SearchQueryDaily: query, day,
counts; no address, no user, no time of day).

- Zero-result: asked in the week and never had a result on any of its days.
- Low click-through: had results, asked at least SEARCH_ANALYTICS_MIN_SEARCHES times in the
  week; the rate is the distinct clients that followed a result link (clicks) over the
  distinct clients that searched it (each counted once per query and day), lowest first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Case, F, FloatField, IntegerField, Sum, Value, When
from django.db.models.functions import Cast, Greatest

from search import conf
from search.models import SearchQueryDaily

_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*W\s*(\d{1,2})\s*$", re.IGNORECASE)
FIRST_YEAR = 2000


class BadWeek(ValueError):
    """A week the screen cannot show, with the message for the editor."""


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @property
    def start(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def value(self) -> str:
        """As an <input type="week"> writes it: 2026-W49."""
        return f"{self.year}-W{self.number:02d}"

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}周（{self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}）"

    def previous(self) -> Week:
        return week_of(self.start - dt.timedelta(days=7))

    def next(self) -> Week:
        return week_of(self.start + dt.timedelta(days=7))


def week_of(day: dt.date) -> Week:
    year, number, _ = day.isocalendar()
    return Week(year, number)


def parse_week(text: str | None, today: dt.date) -> Week:
    """The week `text` names (2026-W49, or 2026W49), this week when empty; BadWeek with a
    Chinese message for anything else, a week that does not exist, or one in the future."""
    text = (text or "").strip()
    if not text:
        return week_of(today)
    match = _WEEK.match(text[:20])
    if not match:
        raise BadWeek(f"“{text[:20]}”不是有效的周，请按“2026-W49”的格式选择年份和周次。")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        week = Week(year, number)
        week.start  # noqa: B018 (validates the week number for that year)
    except ValueError:
        raise BadWeek(f"{year}年没有第{number}周，请重新选择。") from None
    if year < FIRST_YEAR or week.start > today:
        raise BadWeek(f"{week.value}不在可查询的范围内（{FIRST_YEAR}年至本周）。")
    return week


def _week_rows(week: Week):
    return (
        SearchQueryDaily.objects.filter(day__gte=week.start, day__lte=week.end)
        .values("query")
        .annotate(
            searches=Sum("count"),
            visitors=Sum("clients"),
            clicks=Sum("clicks"),
            days_with_results=Sum(
                Case(When(had_results=True, then=Value(1)), default=Value(0)),
                output_field=IntegerField(),
            ),
        )
    )


def zero_result_queries(week: Week, limit: int | None = None) -> list[dict]:
    """Queries of `week` that never found anything, most asked first."""
    rows = (
        _week_rows(week)
        .filter(days_with_results=0)
        .order_by("-searches", "-visitors", "query")[: limit or conf.analytics_rows()]
    )
    return [
        {"query": row["query"], "searches": row["searches"], "visitors": row["visitors"]}
        for row in rows
    ]


def low_click_queries(week: Week, limit: int | None = None) -> list[dict]:
    """Queries of `week` with results and enough searches, lowest click-through first."""
    rows = (
        _week_rows(week)
        .filter(days_with_results__gt=0, searches__gte=conf.analytics_min_searches())
        .annotate(
            rate=Cast(F("clicks"), FloatField())
            / Cast(Greatest(F("visitors"), Value(1)), FloatField())
        )
        .order_by("rate", "-searches", "query")[: limit or conf.analytics_rows()]
    )
    return [
        {
            "query": row["query"],
            "searches": row["searches"],
            "visitors": row["visitors"],
            "clicks": row["clicks"],
            "rate": min(1.0, row["rate"]),
        }
        for row in rows
    ]
