"""Models of the disclosure domain, one module per concept."""

from .calendar import CalendarYear, SpecialDay

__all__ = ["CalendarYear", "SpecialDay"]
