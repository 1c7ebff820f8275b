"""The statutory working-day calendar as data that staff can edit.

Weekends are implicit. A year counts as covered only when a CalendarYear row says its
arrangements are complete; deadlines that reach an uncovered year are an explicit error.
Seeded from `chinese-calendar`; later years are entered by staff from the State Council's
annual holiday notice (国务院办公厅关于部分节假日安排的通知).
"""

from django.core.exceptions import ValidationError
from django.db import models


class CalendarYear(models.Model):
    class Source(models.TextChoices):
        PACKAGE = "chinese-calendar", "chinese-calendar 数据包"
        STAFF = "staff", "工作人员录入"

    year = models.PositiveSmallIntegerField("年份", primary_key=True)
    complete = models.BooleanField(
        "已完整录入",
        default=False,
        help_text="该年全部法定节假日和调休上班日均已录入并核对后勾选；未勾选的年份不参与期限计算。",
    )
    source = models.CharField("来源", max_length=20, choices=Source.choices, default=Source.STAFF)
    notice = models.CharField("依据文件", max_length=200, blank=True)

    class Meta:
        verbose_name = "工作日历年份"
        verbose_name_plural = "工作日历年份"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年"

    def clean(self):
        if not 2000 <= self.year <= 2100:
            raise ValidationError({"year": "年份应在 2000—2100 之间。"})


class SpecialDay(models.Model):
    """A public holiday on a weekday, or a weekend day worked instead (调休上班)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日（休息）"
        MAKEUP_WORKDAY = "workday", "调休上班日"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("节日", max_length=30, blank=True, help_text="如：春节、国庆节。")

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".strip()

    def clean(self):
        if self.date is None:
            return
        if self.kind == self.Kind.MAKEUP_WORKDAY and self.date.weekday() < 5:
            raise ValidationError({"kind": "调休上班日应为周六或周日。"})
