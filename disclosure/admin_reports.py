"""Admin reports on timeliness (报表 menu): 超期发布 and 解读缺失, with CSV/XLSX export."""

from django.urls import reverse
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from core.permissions import class_permission_required
from disclosure import conf
from disclosure.timeliness import late_publications, missing_interpretations
from disclosure.units import SectionMap, user_scope

REPORT_PERMISSION = "disclosure.view_timeliness_reports"


def edit_url(row):
    return reverse("wagtailadmin_pages:edit", args=[row.document.pk])


@class_permission_required(REPORT_PERMISSION)
class TimelinessReportView(ReportView):
    header_icon = "time"
    paginate_by = 50
    export_headings = {
        "title": "名称",
        "index_number": "索引号",
        "publisher": "发布机构",
        "written_date": "成文日期",
        "publish_date": "发布日期",
        "due": "应完成日期",
        "late_by_display": "超期",
    }
    list_export = list(export_headings)

    def in_scope(self, rows):
        """集约化: a unit's staff see their units' documents only."""
        scope = user_scope(self.request.user, REPORT_PERMISSION)
        if scope.everything:
            return rows
        sections = SectionMap()
        return [
            row
            for row in rows
            if scope.allows(getattr(sections.unit_for(row.document), "pk", None))
        ]

    columns = [
        TitleColumn("title", label="名称", get_url=edit_url),
        Column("index_number", label="索引号"),
        Column("publisher", label="发布机构"),
        DateColumn("written_date", label="成文日期"),
        DateColumn("publish_date", label="发布日期"),
        DateColumn("due", label="应完成日期"),
        Column("late_by_display", label="超期"),
    ]


class LatePublicationReportView(TimelinessReportView):
    index_url_name = "disclosure_reports:late_publication"
    index_results_url_name = "disclosure_reports:late_publication_results"

    @property
    def page_title(self):
        return f"超期发布（成文后超过{conf.publication_due_working_days()}个工作日发布）"

    @property
    def no_results_message(self):
        return "没有超期发布的文件。"

    def get_queryset(self):
        return self.in_scope(late_publications())

    def get_filename(self):
        return "超期发布报表"


class MissingInterpretationReportView(TimelinessReportView):
    index_url_name = "disclosure_reports:missing_interpretation"
    index_results_url_name = "disclosure_reports:missing_interpretation_results"
    export_headings = {**TimelinessReportView.export_headings, "due": "解读应发布日期"}

    @property
    def page_title(self):
        return f"解读缺失（发布{conf.interpretation_due_working_days()}个工作日后仍无解读）"

    @property
    def no_results_message(self):
        return "所有需要解读的文件都已按时解读。"

    def get_queryset(self):
        return self.in_scope(missing_interpretations())

    def get_filename(self):
        return "解读缺失报表"
