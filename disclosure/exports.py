"""CSV and XLSX exports of the public catalogue, with the same filters as the column page."""

import csv

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

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


def csv_response(rows, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # BOM, so spreadsheet programs read the Chinese text as UTF-8
    writer = csv.writer(response)
    writer.writerow(HEADINGS)
    writer.writerows(rows)
    return set_attachment(response, filename)


def xlsx_response(rows, filename, sheet_title="政府信息公开目录"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for letter, width in zip(
        "ABCDEFGHIJKL", (28, 50, 22, 28, 28, 24, 10, 12, 12, 8, 60, 50), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook.save(response)
    return set_attachment(response, filename)
