"""Admin registrations of the disclosure domain."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from disclosure.models import CalendarYear, SpecialDay


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "date"
    menu_label = "日历年份"
    list_display = ["year", "complete", "source", "notice"]


class SpecialDayViewSet(SnippetViewSet):
    model = SpecialDay
    icon = "calendar-alt"
    menu_label = "节假日与调休"
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]


class WorkingCalendarGroup(SnippetViewSetGroup):
    items = (CalendarYearViewSet, SpecialDayViewSet)
    menu_icon = "date"
    menu_label = "工作日历"
    menu_name = "working-calendar"
    add_to_admin_menu = True
    menu_order = 400


register_snippet(WorkingCalendarGroup)
