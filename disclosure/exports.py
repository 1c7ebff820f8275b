"""CSV and XLSX exports of the public catalogue, with the same filters as the column page.

`csv_bytes` and `xlsx_bytes` write any table; the column exports here and the 开放数据 bulk
export (disclosure/open_data.py) both use them.
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from disclosure.units import SectionMap
from portal.downloads import set_attachment

HEADINGS = [
    "索引号",
    "名称",
    "文号",
    "发布机构",
    "所属单位",
    "主题分类",
    "体裁/文种",
    "成文日期",
    "发布日期",
    "有效性",
    "内容概述",
    "网址",
]


def catalogue_rows(documents, request):
    sections = SectionMap()
    for doc in documents:
        unit = sections.unit_for(doc)
        yield [
            doc.index_number or "",
            doc.title,
            doc.document_number,
            doc.publisher.name,
            unit.name if unit else "",
            doc.topic.full_name,
            doc.genre,
            doc.written_date.isoformat() if doc.written_date else "",
            doc.publish_date.isoformat() if doc.publish_date else "",
            doc.get_validity_display(),
            doc.summary,
            doc.get_full_url(request),
        ]


def csv_bytes(headings, rows):
    """UTF-8 CSV with a BOM, so spreadsheet programs read the Chinese text as UTF-8."""
    text = io.StringIO()
    text.write("\ufeff")
    writer = csv.writer(text)
    writer.writerow(headings)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def xlsx_bytes(heading_rows, rows, sheet_title="政府信息公开目录", widths=()):
    """One sheet: bold, frozen heading rows, then the rows; `widths` per column from A."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    for heading in heading_rows:
        sheet.append(heading)
    for row in sheet.iter_rows(min_row=1, max_row=len(heading_rows)):
        for cell in row:
            cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = f"A{len(heading_rows) + 1}"
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_response(rows, filename):
    response = HttpResponse(csv_bytes(HEADINGS, rows), content_type="text/csv; charset=utf-8")
    return set_attachment(response, filename)


def xlsx_response(rows, filename, sheet_title="政府信息公开目录"):
    widths = (28, 50, 22, 28, 28, 24, 10, 12, 12, 8, 60, 50)
    response = HttpResponse(
        xlsx_bytes([HEADINGS], rows, sheet_title, widths),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return set_attachment(response, filename)
