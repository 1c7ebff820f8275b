"""The editor's 表格与核对 panel: the tables as they will be published, every override with
its reason, the rule check and the placeholders staff can quote."""

from wagtail.admin.panels import Panel

from core.rules.annual_report import TABLE3_COLUMNS, TABLE3_ROWS

from .sections import placeholder_help
from .tables import table3_with_overrides


class ReportCheckPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "annual_reports/admin/check_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            if not report.year or not report.computed_at:
                context["report"] = None
                return context
            overrides = report.override_list()
            table3 = report.table3(overrides)
            computed3 = table3_with_overrides(report.table3_computed, [])
            overridden = {o.cell.key for o in overrides}
            context.update(
                report=report,
                columns=TABLE3_COLUMNS,
                table3_rows=[
                    (
                        row.label,
                        [
                            (value, f"table3.{row.code}.{col}" in overridden)
                            for col, value in enumerate(table3[row.code])
                        ],
                    )
                    for row in TABLE3_ROWS
                ],
                table2=report.table2(overrides),
                overrides=[
                    (
                        o,
                        computed3[o.cell.row][o.cell.column]
                        if o.cell.table == "table3"
                        else report.table2_computed.get(o.cell.row, [0, 0, 0])[o.cell.column],
                    )
                    for o in overrides
                ],
                problems=report.publication_problems(overrides),
                placeholders=placeholder_help(report.figures(overrides)),
            )
            return context
