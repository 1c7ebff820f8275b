"""core.tabular: CSV in the encodings Chinese offices export, XLSX, and clear errors."""

import codecs
import io
from datetime import date, datetime

import openpyxl
import pytest

from core.tabular import TableError, cell_text, decode_text, read_table

HEADER = ["名称", "发布机构", "成文日期"]
ROWS = [
    ["关于印发“一网通办”工作方案的通知", "伊金霍洛旗政务服务局", "2024-05-01"],
    ["政务服务中心管理办法，（试行）", "伊金霍洛旗人民政府办公室", "2024-06-02"],
]
CSV_TEXT = "名称,发布机构,成文日期\r\n" + "".join(
    f'"{a}",{b},{c}\r\n' for a, b, c in ROWS
)  # the second title holds a comma, so it is quoted


def xlsx_bytes(*sheets):
    workbook = openpyxl.Workbook()
    for index, rows in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet(f"表{index + 1}")
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        CSV_TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + CSV_TEXT.encode("utf-8"),
        CSV_TEXT.encode("gb18030"),
        CSV_TEXT.encode("gbk"),
    ],
    ids=["utf-8", "utf-8 with BOM", "gb18030", "gbk"],
)
def test_csv_in_every_encoding_offices_use(data):
    table = read_table("目录.csv", data)
    assert table.header == HEADER
    assert table.rows == [(2, ROWS[0]), (3, ROWS[1])]


def test_excel_unicode_text_is_tab_separated_utf16_with_bom():
    text = "\r\n".join("\t".join(row) for row in [HEADER, *ROWS]) + "\r\n"
    data = text.encode("utf-16")  # Python writes the BOM, as Excel does
    assert data.startswith(codecs.BOM_UTF16_LE)
    table = read_table("目录.csv", data)
    assert table.header == HEADER and [values for _, values in table.rows] == ROWS


def test_gb18030_characters_outside_gbk_are_kept():
    # 㐀 (U+3400) exists in GB18030 only; a GBK-only decoder would lose it.
    table = read_table("a.csv", "名称\r\n㐀字文件\r\n".encode("gb18030"))
    assert table.rows == [(2, ["㐀字文件"])]


def test_blank_rows_are_skipped_and_rows_keep_their_file_numbers():
    data = "\r\n ,\r\n名称,文号\r\n甲,1\r\n,\r\n\r\n乙\r\n,,\r\n".encode()
    table = read_table("a.csv", data)
    assert table.header == ["名称", "文号"]
    # Short rows are padded to the header's length.
    assert table.rows == [(4, ["甲", "1"]), (7, ["乙", ""])]


def test_header_names_are_stripped_and_cells_kept_as_written():
    table = read_table("a.csv", " 名称 ,发布机构\r\n 文件 ,局\r\n".encode())
    assert table.header == ["名称", "发布机构"]
    assert table.rows == [(2, [" 文件 ", "局"])]


def test_xlsx_values_and_row_numbers():
    data = xlsx_bytes(
        [
            ["名称", "成文日期", "份数", "备注"],
            ["年度报告", datetime(2024, 1, 31), 3, None],
            [None, None, None, None],
            ["工作要点", date(2024, 3, 1), 2.5, "见附件"],
        ]
    )
    table = read_table("目录.XLSX", data)
    assert table.header == ["名称", "成文日期", "份数", "备注"]
    assert table.rows == [
        (2, ["年度报告", datetime(2024, 1, 31), 3, ""]),
        (4, ["工作要点", datetime(2024, 3, 1), 2.5, "见附件"]),
    ]


def test_cell_text():
    assert cell_text(None) == ""
    assert cell_text(datetime(2024, 1, 31)) == "2024-01-31"
    assert cell_text(datetime(2024, 1, 31, 9, 30)) == "2024-01-31 09:30:00"
    assert cell_text(date(2024, 1, 31)) == "2024-01-31"
    assert cell_text(3) == "3" and cell_text("文") == "文"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.csv", b"", "文件是空的。"),
        ("a.csv", b"\r\n , \r\n\r\n", "文件是空的。"),
        ("a.xlsx", xlsx_bytes([]), "文件是空的。"),
        ("a.csv", b"\x81\x30\xff\xfa", "无法识别文件的编码"),  # neither UTF-8 nor GB18030
        ("a.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文本格式的 CSV"),
        ("a.csv", xlsx_bytes([["名称"]]), "扩展名改为 .xlsx"),
        ("a.xlsx", b"PK\x03\x04 not really a zip", "无法读取 XLSX 文件，请确认文件未损坏。"),
        ("a.xlsx", "名称,发布机构\r\n".encode(), "无法读取 XLSX 文件，请确认文件未损坏。"),
        ("a.xls", b"\xd0\xcf\x11\xe0", "不支持旧版 Excel（.xls）"),
        ("a.txt", b"x", "只支持 CSV 或 XLSX 文件，当前为“.txt”。"),
        ("目录", b"x", "只支持 CSV 或 XLSX 文件，当前为“无扩展名”。"),
    ],
)
def test_unreadable_files_raise_one_error_with_a_chinese_message(name, data, message):
    with pytest.raises(TableError, match=message):
        read_table(name, data)


def test_a_table_error_is_a_value_error():
    # Callers that already catch ValueError (the import_documents command) keep working.
    assert issubclass(TableError, ValueError)


def test_decode_text():
    assert decode_text("公开".encode("gb18030")) == "公开"
    assert decode_text(codecs.BOM_UTF8 + "公开".encode()) == "公开"
    assert decode_text(codecs.BOM_UTF16_BE + "公开".encode("utf-16-be")) == "公开"
    with pytest.raises(TableError):
        decode_text(b"\xff\xff\xff")
