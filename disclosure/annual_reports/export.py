"""XLSX download of a report: one sheet per table, laid out like the national format
(merged header cells, the row labels with their numbering), plus the six sections as text."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from core.rules.annual_report import (
    TABLE2_LABEL_COLUMN,
    TABLE2_SECTIONS,
    TABLE3_COLUMNS,
    TABLE3_HEADING,
    TABLE3_ORGANISATION_GROUP,
    TABLE4_BLOCKS,
    TABLE4_COLUMNS,
)

from .layout import LABEL_COLUMNS, table3_layout
from .sections import format_figure, plain_text

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
BOLD = Font(bold=True)
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _put(sheet, row, column, value, *, bold=False, left=False, span=(1, 1)):
    """Write a bordered cell, merged over `span` (rows, columns) when larger than one."""
    rows, columns = span
    if rows > 1 or columns > 1:
        sheet.merge_cells(
            start_row=row,
            start_column=column,
            end_row=row + rows - 1,
            end_column=column + columns - 1,
        )
    for r in range(row, row + rows):
        for c in range(column, column + columns):
            sheet.cell(r, c).border = BORDER
    cell = sheet.cell(row, column, value)
    cell.alignment = LEFT if left else CENTRE
    if bold:
        cell.font = BOLD
    return cell


def _title(sheet, text, width):
    _put(sheet, 1, 1, text, bold=True, span=(1, width))
    sheet.row_dimensions[1].height = 28


def table2_sheet(sheet, table2):
    _title(sheet, "二、主动公开政府信息情况", 4)
    row = 2
    for section in TABLE2_SECTIONS:
        _put(sheet, row, 1, section.article, bold=True, span=(1, 4))
        row += 1
        _put(sheet, row, 1, TABLE2_LABEL_COLUMN, bold=True)
        span = 3 // len(section.columns)
        for i, column in enumerate(section.columns):
            _put(sheet, row, 2 + i * span, column, bold=True, span=(1, span))
        row += 1
        for code, label in section.rows:
            _put(sheet, row, 1, label)
            for i, value in enumerate(table2[code]):
                number = float(value) if section.decimal else value
                cell = _put(sheet, row, 2 + i * span, number, span=(1, span))
                if section.decimal:
                    cell.number_format = "0.0000"
            row += 1
    sheet.column_dimensions["A"].width = 22
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 18


def table3_sheet(sheet, table3):
    _title(sheet, "三、收到和处理政府信息公开申请情况", 10)
    # Header: three label columns, then 申请人情况 over seven value columns.
    _put(sheet, 2, 1, TABLE3_NOTE, bold=True, span=(3, 3))
    _put(sheet, 2, 4, TABLE3_HEADING, bold=True, span=(1, 7))
    _put(sheet, 3, 4, TABLE3_COLUMNS[0], bold=True, span=(2, 1))
    _put(sheet, 3, 5, TABLE3_ORGANISATION_GROUP, bold=True, span=(1, 5))
    for i, column in enumerate(TABLE3_COLUMNS[1:6]):
        _put(sheet, 4, 5 + i, column, bold=True)
    _put(sheet, 3, 10, TABLE3_COLUMNS[6], bold=True, span=(2, 1))

    for row, layout in enumerate(table3_layout(), start=5):
        for header in layout.headers:
            _put(
                sheet,
                row,
                1 + header.column,
                header.text,
                bold=header.scope == "rowgroup",
                left=header.scope == "row",
                span=(header.rowspan, header.colspan),
            )
        for col, value in enumerate(table3[layout.code]):
            _put(sheet, row, 1 + LABEL_COLUMNS + col, value)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 34
    for letter in "DEFGHIJ":
        sheet.column_dimensions[letter].width = 11


def table4_sheet(sheet, table4):
    width = len(TABLE4_BLOCKS) * len(TABLE4_COLUMNS)
    _title(sheet, "四、政府信息公开行政复议、行政诉讼情况", width)
    review_code, review_label = TABLE4_BLOCKS[0]
    size = len(TABLE4_COLUMNS)
    _put(sheet, 2, 1, review_label, bold=True, span=(2, size))
    _put(sheet, 2, 1 + size, "行政诉讼", bold=True, span=(1, 2 * size))
    for i, (_code, label) in enumerate(TABLE4_BLOCKS[1:]):
        sub_label = label.removeprefix("行政诉讼（").removesuffix("）")
        _put(sheet, 3, 1 + size * (i + 1), sub_label, bold=True, span=(1, size))
    column = 1
    for code, _label in TABLE4_BLOCKS:
        for i, name in enumerate(TABLE4_COLUMNS):
            _put(sheet, 4, column, name, bold=True)
            _put(sheet, 5, column, table4[code][i])
            sheet.column_dimensions[sheet.cell(4, column).column_letter].width = 10
            column += 1


def sections_sheet(sheet, report):
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 100
    sheet.append(["部分", "内容"])
    for _field, title, html in report.rendered_sections():
        sheet.append([title, plain_text(html.replace("</p>", "</p>\n")).strip()])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    fees = report.figures().fees_collected
    sheet.append(["本年收取信息处理费（元）", format_figure(fees)])


def report_workbook(report) -> bytes:
    figures = report.figures()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "正文"
    sections_sheet(sheet, report)
    table2_sheet(workbook.create_sheet("表二"), figures.table2)
    table3_sheet(workbook.create_sheet("表三"), figures.table3)
    table4_sheet(workbook.create_sheet("表四"), figures.table4)
    workbook.properties.title = f"{report.year}年政府信息公开工作年度报告"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
