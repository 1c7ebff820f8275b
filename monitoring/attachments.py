"""Plain text of attachments (txt, csv, docx, xlsx, pdf), so the text checks can read them.

PDF and DOCX are read by the same extractors as the search index (search.extract).
"""

import io
import logging
from pathlib import PurePath

from search.extract import text_from_docx, text_from_pdf

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
    return text_from_docx(io.BytesIO(data))


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
    # Every page: a check must see personal data even past the search index's text limit.
    return text_from_pdf(io.BytesIO(data), max_characters=None)


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
