"""The national layout of Table 3's row headers (merged cells), shared by the public page and
the XLSX export.

Table 3 has three label columns: "一、" "二、" and "四、" rows span all three; "三、本年度办理结果"
spans the 22 rows of outcomes in the first column; （一）（二）（七） span the other two; the
groups （三）-（六） span their sub-rows in the second column, whose items sit in the third.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from core.rules.annual_report import RESULT_HEADING, RESULT_ROW_CODES, TABLE3_ROWS

LABEL_COLUMNS = 3


@dataclass(frozen=True)
class HeaderCell:
    text: str
    column: int  # 0-based label column where the cell starts
    rowspan: int = 1
    colspan: int = 1
    scope: str = "row"  # "row" for a row's own label, "rowgroup" for a merged group label

    def spans(self) -> str:
        """The cell's rowspan/colspan attributes, only where it spans more than one (numbers
        only: safe markup)."""
        spans = f' rowspan="{self.rowspan}"' if self.rowspan > 1 else ""
        return spans + (f' colspan="{self.colspan}"' if self.colspan > 1 else "")


@dataclass(frozen=True)
class LayoutRow:
    code: str
    headers: tuple[HeaderCell, ...]

    @cached_property
    def headers_html(self) -> SafeString:
        """The row's header cells as <th> elements, for the public page (drawn once: the
        rows are table3_layout()'s, built once per process)."""
        return format_html_join(
            "",
            '<th scope="{}"{}>{}</th>',
            ((cell.scope, mark_safe(cell.spans()), cell.text) for cell in self.headers),
        )


@cache
def table3_layout() -> tuple[LayoutRow, ...]:
    """The rows of Table 3 with their header cells. The layout is the national format's, the
    same for every report: built once per process, with each row's header markup (its many
    merged cells took a tenth of the report page's time in a template loop, issue 15)."""
    codes = [row.code for row in TABLE3_ROWS]
    first_result = codes.index(RESULT_ROW_CODES[0])
    last_result = codes.index("total")  # （七）总计 belongs to the outcomes block
    rows = []
    groups_started = set()
    for index, spec in enumerate(TABLE3_ROWS):
        headers = []
        if index == first_result:
            span = last_result - first_result + 1
            headers.append(HeaderCell(RESULT_HEADING, 0, rowspan=span, scope="rowgroup"))
        if not first_result <= index <= last_result:
            headers.append(HeaderCell(spec.label, 0, colspan=LABEL_COLUMNS))
        elif spec.group is None:
            headers.append(HeaderCell(spec.item, 1, colspan=2))
        else:
            if spec.group not in groups_started:
                groups_started.add(spec.group)
                size = sum(1 for other in TABLE3_ROWS if other.group == spec.group)
                headers.append(HeaderCell(spec.group, 1, rowspan=size, scope="rowgroup"))
            headers.append(HeaderCell(spec.item, 2))
        rows.append(LayoutRow(spec.code, tuple(headers)))
    return tuple(rows)
