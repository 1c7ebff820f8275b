"""Attachment text for the checks: the same extractors as search, plus txt/csv/xlsx."""

import io

import docx
import openpyxl

from monitoring.attachments import text_of


def docx_bytes(*paragraphs, cells=()):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if cells:
        table = document.add_table(rows=1, cols=len(cells))
        for cell, value in zip(table.rows[0].cells, cells, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_are_read():
    data = docx_bytes("拟表彰人员名单", cells=("张三", "身份证号 110101199003074514"))
    text = text_of("名单.docx", data)
    assert "拟表彰人员名单" in text
    assert "110101199003074514" in text


def test_xlsx_and_gb18030_csv_are_read():
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "手机"])
    workbook.active.append(["李四", "13800138000"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "13800138000" in text_of("表.xlsx", buffer.getvalue())
    assert text_of("表.csv", "姓名,王五".encode("gb18030")) == "姓名,王五"


def test_unreadable_or_unknown_files_give_no_text():
    assert text_of("坏.docx", b"not a zip file") == ""
    assert text_of("图.png", b"\x89PNG") == ""
