"""Plain text of attachments (txt, csv, docx, xlsx, pdf), so the text checks can read them."""

import io
import logging
from pathlib import PurePath

logger = logging.getLogger(__name__)

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
READABLE = {".txt", ".csv", ".docx", ".xlsx", ".pdf"}


def decode(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def docx_text(data):
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def xlsx_text(data):
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            lines.append(" ".join(str(value) for value in row if value is not None))
    workbook.close()
    return "\n".join(lines)


def pdf_text(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


READERS = {".txt": decode, ".csv": decode, ".docx": docx_text, ".xlsx": xlsx_text, ".pdf": pdf_text}


def text_of(name, data):
    """The text in a file's bytes, chosen by its extension; "" when it cannot be read."""
    reader = READERS.get(PurePath(name).suffix.lower())
    if reader is None or len(data) > MAX_ATTACHMENT_BYTES:
        return ""
    try:
        return reader(data)
    except Exception:  # a damaged upload must not stop a monitoring run
        logger.warning("Could not read attachment %s", name, exc_info=True)
        return ""


def text_of_field_file(field_file):
    """Text of a stored file (a FileField value); "" when missing or unreadable."""
    if not field_file:
        return ""
    name = field_file.name
    if PurePath(name).suffix.lower() not in READABLE:
        return ""
    try:
        if field_file.size > MAX_ATTACHMENT_BYTES:
            return ""
        with field_file.open("rb") as handle:
            return text_of(name, handle.read())
    except (OSError, ValueError):
        logger.warning("Attachment %s is missing from storage", name)
        return ""
