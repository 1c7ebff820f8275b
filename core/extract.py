"""Plain text of attachment files: PDF (pypdf), DOCX (python-docx), XLSX, TXT and CSV.

One reader per format, for every caller: the search index (which caches the text per
document, see search/extract.py) and the monitoring checks (which must see all of it).
`max_characters` bounds the text returned; a PDF then stops reading pages once past it.
Readers raise on a damaged file; callers decide what a failure means for them.
"""

from __future__ import annotations

from pathlib import PurePath

from core import tabular


def pdf_text(file, max_characters: int | None = None) -> str:
    """Text of a PDF, page by page; stops reading pages once past `max_characters`."""
    from pypdf import PdfReader

    reader = PdfReader(file)
    parts = []
    length = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if max_characters is not None and length > max_characters:
            break
    return "\n".join(parts)


def docx_text(file, max_characters: int | None = None) -> str:
    """Paragraphs, then table rows (cells separated by spaces), one per line."""
    import docx

    document = docx.Document(file)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def xlsx_text(file, max_characters: int | None = None) -> str:
    """Every sheet, one line per row, the non-empty cells separated by spaces."""
    rows = tabular.xlsx_rows(file, every_sheet=True)
    return "\n".join(
        " ".join(tabular.cell_text(value) for value in row if value != "") for row in rows
    )


def plain_text(file, max_characters: int | None = None) -> str:
    """TXT or CSV as text, in any encoding core.tabular reads; bytes that fit none of them
    become U+FFFD rather than losing the rest of the file."""
    data = file.read()
    try:
        return tabular.decode_text(data)
    except tabular.TableError:
        return data.decode("utf-8", errors="replace")


# Every reader takes the open binary file and max_characters (only the PDF reader needs it,
# to stop early; extract_text cuts every text to it).
READERS = {
    ".pdf": pdf_text,
    ".docx": docx_text,
    ".xlsx": xlsx_text,
    ".txt": plain_text,
    ".csv": plain_text,
}
EXTENSIONS = frozenset(READERS)


def can_extract(name: str) -> bool:
    return PurePath(name).suffix.lower() in READERS


def extract_text(name: str, file, max_characters: int | None = None) -> str:
    """Text of the open binary `file` named `name`, at most `max_characters` long (None: all
    of it); "" for a format we do not read."""
    reader = READERS.get(PurePath(name).suffix.lower())
    if reader is None:
        return ""
    text = reader(file, max_characters=max_characters)
    return text if max_characters is None else text[:max_characters]
