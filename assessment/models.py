"""The assessor's configuration: the indicators (weight, threshold, deduction, on or off) and
the assessment periods. Both are edited in the admin (考核评价 › 指标设置 / 考核周期); the
migrations seed the defaults of rules.DEFAULT_INDICATORS and one period per year."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel

from . import rules

INDICATOR_CHOICES = [(default.code, default.name) for default in rules.DEFAULT_INDICATORS]


class Indicator(models.Model):
    code = models.CharField("指标", max_length=40, choices=INDICATOR_CHOICES, unique=True)
    name = models.CharField("名称", max_length=50)
    definition = models.TextField("计分方法")
    weight = models.DecimalField(
        "分值",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    threshold = models.DecimalField(
        "阈值",
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="含义见计分方法：工作日数（主动公开、解读），或允许比例（补正与延期，0至1）。",
    )
    deduction = models.DecimalField(
        "每项扣分",
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="年度报告每逾期一周或每项规则未通过、监测每个扣分项扣减的分数。",
    )
    enabled = models.BooleanField("纳入考核", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("definition"),
        FieldPanel("weight"),
        FieldPanel("threshold"),
        FieldPanel("deduction"),
        FieldPanel("enabled"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ["sort_order", "pk"]
        permissions = [("view_assessment", "可查看考核评价结果（排名、评分表、通报）")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.code == rules.CORRECTION_EXTENSION_USE and self.threshold > 1:
            raise ValidationError({"threshold": "补正与延期的阈值是比例，应在0至1之间，如0.3。"})
        if self.code in (rules.PUBLICATION_TIMELINESS, rules.INTERPRETATION_TIMELINESS):
            if self.threshold != int(self.threshold) or self.threshold < 1:
                raise ValidationError({"threshold": "阈值是工作日数，应为不小于1的整数。"})


class AssessmentPeriod(models.Model):
    name = models.CharField("名称", max_length=50, unique=True, help_text="如：2026年度")
    start = models.DateField("开始日期")
    end = models.DateField("截止日期")
    annual_report_year = models.PositiveSmallIntegerField(
        "考核的年度报告",
        validators=[MinValueValidator(2008), MaxValueValidator(2100)],
        help_text="本周期内应发布的年度报告所属年度，通常为上一年。",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("annual_report_year"),
    ]

    class Meta:
        verbose_name = "考核周期"
        verbose_name_plural = "考核周期"
        ordering = ["-start"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "截止日期不能早于开始日期。"})
