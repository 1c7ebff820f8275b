"""core.extract: one reader per attachment format, with the optional length limit."""

import io

import docx
import openpyxl
import pytest

from core.extract import can_extract, extract_text


def docx_bytes():
    document = docx.Document()
    document.add_paragraph("拟表彰人员名单")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "张三"
    table.rows[0].cells[1].text = "身份证号 110101199003074514"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes():
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "手机", None, "备注"])
    workbook.active.append(["李四", 13800138000])
    workbook.create_sheet("第二页").append(["王五", "13900139000"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_pdf_pages_are_read_in_order(make_pdf):
    text = extract_text("通知.PDF", io.BytesIO(make_pdf("First page ZX7731", "Second page")))
    assert text.index("ZX7731") < text.index("Second page")


def test_pdf_text_is_cut_at_the_limit_and_complete_without_one(make_pdf):
    pages = [f"Page {n} " + "x" * 40 for n in range(1, 6)]
    text = extract_text("a.pdf", io.BytesIO(make_pdf(*pages)), max_characters=60)
    assert len(text) == 60 and text.startswith("Page 1")
    everything = extract_text("a.pdf", io.BytesIO(make_pdf(*pages)))
    assert "Page 5" in everything  # no limit: every page


def test_docx_paragraphs_and_table_rows():
    text = extract_text("名单.docx", io.BytesIO(docx_bytes()))
    assert text.splitlines() == ["拟表彰人员名单", "张三 身份证号 110101199003074514"]


def test_xlsx_every_sheet_one_line_per_row():
    text = extract_text("表.xlsx", io.BytesIO(xlsx_bytes()))
    assert text.splitlines() == ["姓名 手机 备注", "李四 13800138000", "王五 13900139000"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_txt_and_csv_in_any_encoding_offices_use(encoding):
    data = "姓名,手机\n王五,13900139000".encode(encoding)
    assert extract_text("名单.csv", io.BytesIO(data)) == "姓名,手机\n王五,13900139000"
    assert extract_text("名单.txt", io.BytesIO(data)) == "姓名,手机\n王五,13900139000"


def test_undecodable_text_keeps_what_can_be_read():
    text = extract_text("a.txt", io.BytesIO(b"13800138000 \x81\x30\xff tail"))
    assert text.startswith("13800138000 ") and text.endswith(" tail") and "\ufffd" in text


def test_every_format_honours_the_limit():
    assert extract_text("a.docx", io.BytesIO(docx_bytes()), max_characters=3) == "拟表彰"
    assert extract_text("a.xlsx", io.BytesIO(xlsx_bytes()), max_characters=2) == "姓名"
    assert extract_text("a.txt", io.BytesIO("公开目录".encode()), max_characters=2) == "公开"


def test_unknown_formats_give_no_text_and_damaged_files_raise():
    assert extract_text("图.png", io.BytesIO(b"\x89PNG")) == ""
    assert not can_extract("图.png") and not can_extract("无扩展名")
    assert all(can_extract(f"a.{ext}") for ext in ("pdf", "DOCX", "xlsx", "txt", "csv"))
    for name in ("坏.docx", "坏.xlsx", "坏.pdf"):
        with pytest.raises(Exception):  # noqa: B017 - each library raises its own kind
            extract_text(name, io.BytesIO(b"not a real file"))
