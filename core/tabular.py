"""Reading tables that offices upload or hand over: CSV and XLSX.

Chinese offices export CSV in UTF-8 (with or without a byte-order mark) and in GB18030/GBK
(Excel's default "CSV" on a Chinese Windows); Excel's "Unicode 文本" export is tab-separated
UTF-16 with a byte-order mark. All of these are read. XLSX is read with openpyxl (read-only,
cached formula values).

read_table() gives a Table: the header (the first non-blank row) and the data rows below it,
each with its row number in the file, so messages can name the row people see. Every problem
raises TableError, whose str() is a Chinese message for the user.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath

EXTENSIONS = (".csv", ".xlsx")
ZIP_SIGNATURE = b"PK\x03\x04"  # every XLSX file is a zip archive
DAMAGED_XLSX = "无法读取 XLSX 文件，请确认文件未损坏。"


class TableError(ValueError):
    """A file that cannot be read as a table; str(error) is the Chinese message."""


@dataclass
class Table:
    header: list[str]  # column names, stripped
    # (row number in the file, cell values) of every non-blank row below the header; each row
    # has at least len(header) cells. CSV cells are str; XLSX cells are what openpyxl gives
    # (str, int, float, bool, date, datetime), an empty cell "".
    rows: list[tuple[int, list]]


def read_table(name: str, data: bytes) -> Table:
    """The table in `data`, a file named `name` (the extension decides: .csv or .xlsx)."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xlsx":
        rows = xlsx_rows(io.BytesIO(data))
    elif suffix == ".csv":
        if data.startswith(ZIP_SIGNATURE):
            raise TableError("文件内容是 XLSX 表格，但扩展名是 .csv，请将扩展名改为 .xlsx 后重试。")
        rows = csv_rows(data)
    elif suffix == ".xls":
        raise TableError("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后重试。")
    else:
        raise TableError(f"只支持 CSV 或 XLSX 文件，当前为“{suffix or '无扩展名'}”。")
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if not _blank(row)]
    if not numbered:
        raise TableError("文件是空的。")
    (_, header), body = numbered[0], numbered[1:]
    header = [cell_text(value).strip() for value in header]
    return Table(
        header=header,
        rows=[(number, row + [""] * (len(header) - len(row))) for number, row in body],
    )


def decode_text(data: bytes) -> str:
    """Text of bytes in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which
    includes GBK and GB2312). Raises TableError when none of them fits."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]  # the BOM tells the byte order
    else:
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("无法识别文件的编码，请另存为 UTF-8 或 GB18030（GBK）编码的 CSV 文件后重试。")


def csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV file; comma-separated, or tab-separated when the first line has tabs
    and no commas (Excel's "Unicode 文本")."""
    text = decode_text(data)
    if "\x00" in text:
        raise TableError("文件不是文本格式的 CSV，请确认选择了正确的文件。")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise TableError("CSV 文件格式有误（如引号不成对、单元格过长），请检查后重试。") from None


def xlsx_rows(file, *, every_sheet: bool = False) -> list[list]:
    """Cell values of the active sheet row by row (or of every sheet, one after another);
    formulas give their cached values. `file` is a path or a binary file object."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # a damaged file raises many kinds (zip, XML, KeyError...)
        raise TableError(DAMAGED_XLSX) from error
    try:
        sheets = workbook.worksheets if every_sheet else [workbook.active or workbook.worksheets[0]]
        return [
            ["" if value is None else value for value in row]
            for sheet in sheets
            for row in sheet.iter_rows(values_only=True)
        ]
    except Exception as error:  # damage inside a sheet shows only while reading it
        raise TableError(DAMAGED_XLSX) from error
    finally:
        workbook.close()


def cell_text(value) -> str:
    """A cell value as text: dates as YYYY-MM-DD (with HH:MM:SS when a time is set), None
    as ""."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _blank(row) -> bool:
    return all(cell_text(value).strip() == "" for value in row)
