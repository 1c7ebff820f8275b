"""The 政府信息公开工作年度报告 page: six fixed sections and Tables 2, 3 and 4 as data.

Where each figure comes from:

- Table 3 and 信息处理费: the case log, through sources.py, stored on the page as a snapshot
  (``table3_computed``, ``fees_collected``) each time the page is validated, i.e. on every
  save; row 二 (上年结转) is taken from last year's report when there is one (rule 5).
- Table 2: 规章 and 行政规范性文件 from the catalogue (snapshot ``table2_computed``); 行政许可,
  行政处罚, 行政强制 and 行政事业性收费 are fields staff fill in.
- Table 4: fifteen fields staff fill in.
- ``CellOverride`` rows replace computed cells; each needs a written reason, which is kept in
  the page's revisions and shown in the editor.

集约化: every unit publishes its own report from its own case log (the applications addressed
to it) and its own catalogue (the documents in its section); the report's unit is the unit
whose section holds it (disclosure/units.py). One report per unit and year. A report outside
every section (an installation without units) counts everything.

Publishing is refused while any rule fails: the page form refuses publish/submit/approve
with messages naming each cell (expected and actual value), and ``publish()`` itself refuses
any other route (scheduled publishing, scripts) with ``ReportNotPublishable``.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import JsonResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.charts import BarChart, Series
from core.rules.annual_report import (
    TABLE2_SECTIONS,
    TABLE3_COLUMNS,
    TABLE4_BLOCKS,
    TABLE4_COLUMNS,
    TOTAL_COLUMN,
    RuleViolation,
)
from disclosure.models.column_content import ColumnChild
from disclosure.units import outside_every_section_q, unit_of_page, unit_pages_q
from portal.downloads import attachment_response
from portal.metadata import ArticleMetadata
from portal.visibility import RoutedViewRestrictions

from . import sources
from .export import report_workbook
from .layout import table3_layout
from .panels import ReportCheckPanel
from .sections import (
    SECTION_TITLES,
    SECTIONS,
    Figures,
    check_sections,
    format_figure,
    render_placeholders,
)
from .tables import (
    STAFF_TABLE2_FIELDS,
    Cell,
    Override,
    applications_by_year,
    cell_choices,
    check_tables,
    outcomes_by_year,
    report_as_json,
    table2_with_entries,
    table3_with_overrides,
    table4_field_name,
)

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
# Not one of the seven rules of the format: a computed cell overridden without a reason.
OVERRIDE_WITHOUT_REASON = 0
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")
CHART_YEARS = 6  # the year-over-year charts: this report and up to five before it


class ReportNotPublishable(ValidationError):
    """Raised by AnnualReportPage.publish() while the report breaks a rule."""


def _count_field(label):
    return models.PositiveIntegerField(label, default=0)


def _section_field(title):
    return RichTextField(title, blank=True, features=RICH_TEXT_FEATURES)


class AnnualReportPageForm(WagtailAdminPageForm):
    """Refuses publication (publish, submit for review, approve) while a rule fails, and a
    second report of the same year for the same unit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new page is not in the tree yet: its unit is its parent's.
        if self.parent_page is not None:
            self.instance.unit_parent = self.parent_page

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year:
            other = self.instance.same_unit_reports().filter(year=year).first()
            if other is not None:
                raise ValidationError(
                    f"本单位{year}年度已有年度报告《{other.title}》，每个年度只能有一份。"
                )
        return year

    def wants_publication(self) -> bool:
        if any(action in self.data for action in PUBLISHING_ACTIONS):
            return True
        return (
            "action-workflow-action" in self.data
            and self.data.get("workflow-action-name") == "approve"
        )

    def submitted_overrides(self) -> list[Override]:
        formset = self.formsets.get("overrides")
        overrides = []
        for form in formset.forms if formset else []:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("cell"):
                continue
            value = data.get("value")
            overrides.append(
                Override(Cell.parse(data["cell"]), value or 0, (data.get("reason") or "").strip())
            )
        return overrides

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        overrides = self.submitted_overrides()
        keys = [override.cell.key for override in overrides]
        for key in sorted({key for key in keys if keys.count(key) > 1}):
            self.add_error(None, f"{Cell.parse(key).label}被更正了不止一次，请只保留一条更正。")
            valid = False
        if valid and self.wants_publication():
            for problem in self.instance.publication_problems(overrides=overrides):
                field = self.instance.field_for_problem(problem)
                self.add_error(field if field in self.fields else None, problem.message)
                valid = False
        return valid


class AnnualReportPage(RoutedViewRestrictions, ColumnChild, RoutablePageMixin, Page):
    year = models.PositiveSmallIntegerField(
        "报告年度",
        validators=[MinValueValidator(2008), MaxValueValidator(2100)],
        help_text="报告所述的公历年度（1月1日至12月31日）。每个单位每个年度只能有一份报告。",
    )

    overview = _section_field(SECTION_TITLES["overview"])
    proactive_text = _section_field(SECTION_TITLES["proactive_text"])
    applications_text = _section_field(SECTION_TITLES["applications_text"])
    remedies_text = _section_field(SECTION_TITLES["remedies_text"])
    problems_text = _section_field(SECTION_TITLES["problems_text"])
    other_text = _section_field(SECTION_TITLES["other_text"])

    # Table 2, staff entry (规章 and 行政规范性文件 come from the catalogue).
    licensing_count = _count_field("行政许可：本年处理决定数量")
    penalty_count = _count_field("行政处罚：本年处理决定数量")
    coercion_count = _count_field("行政强制：本年处理决定数量")
    fees_amount = models.DecimalField(
        "行政事业性收费：本年收费金额（万元）",
        max_digits=14,
        decimal_places=4,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )

    # Table 4, staff entry: three blocks of 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
    review_upheld = _count_field("结果维持")
    review_corrected = _count_field("结果纠正")
    review_other = _count_field("其他结果")
    review_pending = _count_field("尚未审结")
    review_total = _count_field("总计")
    litigation_direct_upheld = _count_field("结果维持")
    litigation_direct_corrected = _count_field("结果纠正")
    litigation_direct_other = _count_field("其他结果")
    litigation_direct_pending = _count_field("尚未审结")
    litigation_direct_total = _count_field("总计")
    litigation_after_review_upheld = _count_field("结果维持")
    litigation_after_review_corrected = _count_field("结果纠正")
    litigation_after_review_other = _count_field("其他结果")
    litigation_after_review_pending = _count_field("尚未审结")
    litigation_after_review_total = _count_field("总计")

    # Snapshots of the computed figures, refreshed on every save (see clean()).
    table3_computed = models.JSONField("表三（按申请台账计算）", default=dict, editable=False)
    table2_computed = models.JSONField("表二（按目录计算）", default=dict, editable=False)
    fees_collected = models.DecimalField(
        "本年收取信息处理费（元）",
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        editable=False,
    )
    carried_over_source = models.CharField(
        "上年结转数据来源", max_length=100, blank=True, editable=False
    )
    computed_at = models.DateTimeField("统计时间", null=True, editable=False)

    base_form_class = AnnualReportPageForm
    parent_page_types = ["disclosure.DisclosureColumnPage"]
    subpage_types = []
    template = "annual_reports/annual_report_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("year"),
        HelpPanel(
            content=(
                "<p>正文中引用表格数字时，请使用占位符（如 {{table3.new.总计}}、"
                "{{fees.collected}}），发布时自动替换为表格中的数值；直接填写的数字也会与表格核对。"
                "可用占位符及当前数值见“表格与核对”。</p>"
            ),
            heading="填写说明",
        ),
        *[FieldPanel(field) for field, _ in SECTIONS],
    ]
    table_panels = [
        ReportCheckPanel(heading="表格与核对"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("licensing_count")]),
                FieldRowPanel([FieldPanel("penalty_count"), FieldPanel("coercion_count")]),
                FieldPanel("fees_amount"),
            ],
            heading="表二 主动公开政府信息情况（工作人员填报部分）",
        ),
        *[
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel(table4_field_name(code, col)) for col in range(4)]),
                    FieldPanel(table4_field_name(code, 4)),
                ],
                heading=f"表四 {label}",
            )
            for code, label in TABLE4_BLOCKS
        ],
        InlinePanel(
            "overrides",
            heading="更正计算结果（须写明理由）",
            label="更正",
            help_text="计算结果与实际不符时，在此更正单元格并写明理由；理由随版本保存，并在“表格与核对”中列出。",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="正文"),
            ObjectList(table_panels, heading="表格"),
            ObjectList(Page.promote_panels, heading="推广"),
            ObjectList(Page.settings_panels, heading="设置"),
        ]
    )

    # Search (search/records.py) indexes the generic record of a page: no search_record_values().
    search_fields = Page.search_fields + [
        index.FilterField("year"),
        # What readers see: the sections with their {{...}} placeholders filled in.
        index.SearchField("sections_text"),
    ]

    api_fields = [
        APIField("year"),
        APIField("tables", serializer=serializers.JSONField(source="as_json", read_only=True)),
        *[APIField(field) for field, _ in SECTIONS],
    ]

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        permissions = [("view_report_overview", "可查看各单位年度报告发布情况和全旗汇总表")]

    # --- the tables --------------------------------------------------------------------

    def override_list(self) -> list[Override]:
        return [row.as_override() for row in self.overrides.all()]

    def staff_table2(self) -> dict:
        return {code: getattr(self, field) for code, field in STAFF_TABLE2_FIELDS.items()}

    def table2(self, overrides=None) -> dict:
        if overrides is None:
            overrides = self.override_list()
        return table2_with_entries(self.table2_computed, self.staff_table2(), overrides)

    def table3(self, overrides=None) -> dict:
        if overrides is None:
            overrides = self.override_list()
        return table3_with_overrides(self.table3_computed, overrides)

    def table4(self) -> dict:
        return {
            code: [
                getattr(self, table4_field_name(code, col)) for col in range(len(TABLE4_COLUMNS))
            ]
            for code, _ in TABLE4_BLOCKS
        }

    def figures(self, overrides=None) -> Figures:
        if overrides is None:
            overrides = self.override_list()  # read once for both tables
        return Figures(
            year=self.year,
            table2=self.table2(overrides),
            table3=self.table3(overrides),
            table4=self.table4(),
            fees_collected=self.fees_collected,
        )

    # --- the unit (集约化) ---------------------------------------------------------------

    def article_metadata(self):
        """The article meta set (portal/metadata.py): the report's unit as its source."""
        unit = self.report_unit()
        return ArticleMetadata(
            source=unit.name if unit else "",
            keywords=f"政府信息公开,年度报告,{self.year}年",
            description=f"{self.year}年度政府信息公开工作年度报告",
        )

    def report_unit(self):
        """The unit whose section holds the report; None outside every section."""
        if self.path:
            return unit_of_page(self)
        return unit_of_page(getattr(self, "unit_parent", None))

    def same_unit_reports(self):
        """The other reports of this report's unit (or, without a unit, outside every unit)."""
        reports = AnnualReportPage.objects.exclude(pk=self.pk)
        unit = self.report_unit()
        if unit is not None:
            return reports.filter(unit_pages_q(unit))
        return reports.filter(outside_every_section_q())

    def previous_report(self) -> AnnualReportPage | None:
        if not self.year:
            return None
        return self.same_unit_reports().filter(year=self.year - 1).first()

    def refresh_computed_tables(self):
        """Take Tables 2 and 3 and the fees from the records as they are now (the unit's)."""
        unit = self.report_unit()
        table3 = sources.table3_from_case_log(self.year, unit)
        previous = self.previous_report()
        if previous is not None:
            table3["carried_over"] = previous.table3()["carry_forward"][:TOTAL_COLUMN] + [0]
            state = "已发布" if previous.live else "未发布"
            self.carried_over_source = f"{previous.year}年度报告（{state}）“四、结转下年度继续办理”"
        else:
            self.carried_over_source = "申请台账（无上年度报告）"
        self.table3_computed = table3
        self.table2_computed = sources.catalogue_counts(self.year, unit)
        self.fees_collected = sources.fees_collected(self.year, unit)
        self.computed_at = timezone.now()

    def clean(self):
        super().clean()
        if self.year:
            self.refresh_computed_tables()

    # --- the rules ---------------------------------------------------------------------

    def section_texts(self) -> dict[str, str]:
        return {field: getattr(self, field) for field, _ in SECTIONS}

    def rule_violations(self, overrides=None) -> list[RuleViolation]:
        """Rules 1-7 of the format, on the tables as reported and the six sections."""
        figures = self.figures(overrides)
        previous = self.previous_report()
        violations = check_tables(
            figures.table2,
            figures.table3,
            figures.table4,
            previous.table3() if previous is not None else None,
        )
        return violations + check_sections(self.section_texts(), figures)

    def publication_problems(self, overrides=None) -> list[RuleViolation]:
        """Everything that stops publication: rule violations and unexplained overrides."""
        if overrides is None:
            overrides = self.override_list()
        problems = [
            RuleViolation(
                OVERRIDE_WITHOUT_REASON,
                override.cell.label[:2],
                override.cell.label,
                "更正理由",
                "写明理由",
                "未写理由",
                f"{override.cell.label}的更正（{override.value}）未写明理由，不能发布。",
            )
            for override in overrides
            if not override.reason
        ]
        return problems + self.rule_violations(overrides)

    def field_for_problem(self, problem: RuleViolation) -> str | None:
        """The form field an error belongs to, when staff type that value themselves."""
        if problem.table == "表四":
            code = next(code for code, label in TABLE4_BLOCKS if label == problem.row)
            return table4_field_name(code, TABLE4_COLUMNS.index(problem.column))
        for field, title in SECTIONS:
            if problem.rule == 6 and title in problem.message:
                return field
        return None

    def publish(self, revision, *args, **kwargs):
        report = revision.as_object()
        problems = report.publication_problems()
        if problems:
            raise ReportNotPublishable([problem.message for problem in problems])
        return super().publish(revision, *args, **kwargs)

    # --- presentation ------------------------------------------------------------------

    def rendered_sections(self, figures=None) -> list[tuple[str, str, str]]:
        """(field, title, HTML with placeholders replaced) of the six sections."""
        figures = figures or self.figures()
        return [
            (field, title, render_placeholders(getattr(self, field), figures))
            for field, title in SECTIONS
        ]

    @property
    def sections_text(self) -> str:
        """The six sections as published (placeholders replaced by figures), for search."""
        return "\n".join(f"{title}\n{html}" for _, title, html in self.rendered_sections())

    def as_json(self) -> dict:
        figures = self.figures()
        return report_as_json(
            self.year, figures.table2, figures.table3, figures.table4, self.rule_violations()
        )

    def earlier_reports(self, count: int = CHART_YEARS - 1) -> list[tuple[int, int, dict]]:
        """(pk, year, computed Table 3) of up to `count` published reports of this report's
        unit before this one, oldest first: what the charts are made of, not whole reports."""
        return sorted(
            self.same_unit_reports()
            .live()
            .filter(year__lt=self.year)
            .order_by("-year")
            .values_list("pk", "year", "table3_computed")[:count],
            key=lambda row: row[1],
        )

    def figures_and_charts(self, max_years: int = CHART_YEARS) -> tuple[Figures, list[BarChart]]:
        """This report's figures and the year-over-year charts of it and the published reports
        before it (up to `max_years` in all), with every report's overrides in one query."""
        earlier = self.earlier_reports(max_years - 1)
        overrides = overrides_by_report([self.pk, *(pk for pk, _, _ in earlier)])
        figures = self.figures(overrides[self.pk])
        tables3 = [table3_with_overrides(computed, overrides[pk]) for pk, _, computed in earlier]
        return figures, year_over_year_charts(
            [f"{year}年" for _, year, _ in earlier] + [f"{self.year}年"],
            [*tables3, figures.table3],
        )

    def year_over_year_charts(self, max_years: int = CHART_YEARS) -> list[BarChart]:
        return self.figures_and_charts(max_years)[1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        figures, charts = self.figures_and_charts()
        context["figures"] = figures
        context["sections"] = self.rendered_sections(figures)
        context["table2_sections"] = [
            (
                section,
                [
                    (label, [format_figure(value) for value in figures.table2[code]])
                    for code, label in section.rows
                ],
            )
            for section in TABLE2_SECTIONS
        ]
        context["table3_rows"] = [(row, figures.table3[row.code]) for row in table3_layout()]
        context["table3_columns"] = TABLE3_COLUMNS
        context["table4_blocks"] = [
            (label, label.removeprefix("行政诉讼（").removesuffix("）"), figures.table4[code])
            for code, label in TABLE4_BLOCKS
        ]
        context["table4_columns"] = TABLE4_COLUMNS
        context["charts"] = charts
        return context

    @property
    def xlsx_url(self) -> str:
        return self.url + self.reverse_subpage("xlsx")

    @property
    def json_url(self) -> str:
        return self.url + self.reverse_subpage("json")

    @path("")
    def report(self, request):
        return self.render(request)

    @path("xlsx/", name="xlsx")
    def xlsx(self, request):
        return attachment_response(
            report_workbook(self), f"{self.year}年政府信息公开工作年度报告.xlsx"
        )

    @path("json/", name="json")
    def json(self, request):
        return JsonResponse(self.as_json(), json_dumps_params={"ensure_ascii": False})


def year_over_year_charts(labels: list[str], tables3: list[dict]) -> list[BarChart]:
    """The applications and their outcomes over the years: one Table 3 per label."""
    return [
        BarChart(
            "chart-applications",
            "历年政府信息公开申请情况（件）",
            labels,
            [Series(name, values) for name, values in applications_by_year(tables3)],
        ),
        BarChart(
            "chart-outcomes",
            "历年政府信息公开申请办理结果（件）",
            labels,
            [Series(name, values) for name, values in outcomes_by_year(tables3)],
        ),
    ]


def overrides_by_report(report_ids) -> dict[int, list[Override]]:
    """{report id: its saved overrides} of several reports, in one query."""
    found = {report_id: [] for report_id in report_ids}
    rows = CellOverride.objects.filter(page_id__in=found).order_by("page_id", "sort_order")
    for row in rows:
        found[row.page_id].append(row.as_override())
    return found


class CellOverride(Orderable):
    """A computed cell replaced by staff, with the reason why."""

    page = ParentalKey(AnnualReportPage, on_delete=models.CASCADE, related_name="overrides")
    cell = models.CharField("单元格", max_length=40, choices=cell_choices())
    value = models.PositiveIntegerField("更正后的数值")
    reason = models.TextField(
        "更正理由", blank=True, help_text="必填：为什么计算结果与实际不符、依据是什么。"
    )

    panels = [FieldPanel("cell"), FieldPanel("value"), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = "单元格更正"
        verbose_name_plural = "单元格更正"

    def __str__(self):
        return f"{Cell.parse(self.cell).label} → {self.value}"

    def as_override(self) -> Override:
        return Override(Cell.parse(self.cell), self.value, (self.reason or "").strip())

    def clean(self):
        super().clean()
        if not (self.reason or "").strip():
            raise ValidationError({"reason": "更正计算结果必须写明理由。"})
