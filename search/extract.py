"""Text of PDF (pypdf) and DOCX (python-docx) attachments, for indexing.

Extraction is cached per document in ExtractedText by the file's hash, so a rebuild does not
read every file again. A file that cannot be read is indexed without its text; the reason is
kept in ExtractedText.error for staff.
"""

from __future__ import annotations

import logging
from pathlib import PurePath

from search.models import ExtractedText

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 200_000


def text_from_pdf(file, max_characters: int | None = MAX_CHARACTERS) -> str:
    """Text of a PDF, page by page; stops reading pages once past `max_characters` (None:
    read every page)."""
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


def text_from_docx(file) -> str:
    import docx

    document = docx.Document(file)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


EXTRACTORS = {".pdf": text_from_pdf, ".docx": text_from_docx}


def extract_text(name: str, file) -> str:
    """Text of an open file named `name`; '' for a type we do not read."""
    extractor = EXTRACTORS.get(PurePath(name).suffix.lower())
    if extractor is None:
        return ""
    return extractor(file)[:MAX_CHARACTERS]


def document_text(document) -> str:
    """Text of a Wagtail Document, from the cache when its file is unchanged."""
    file_hash = getattr(document, "file_hash", "") or ""
    cached = ExtractedText.objects.filter(document_id=document.pk).first()
    if cached and file_hash and cached.file_hash == file_hash:
        return cached.text
    text, error = "", ""
    try:
        with document.open_file() as file:
            text = extract_text(document.file.name, file)
    except Exception as exc:  # a broken or unreadable file must not stop indexing
        logger.warning("cannot extract text of document %s: %s", document.pk, exc)
        error = f"{type(exc).__name__}: {exc}"[:300]
    ExtractedText.objects.update_or_create(
        document_id=document.pk, defaults={"file_hash": file_hash, "text": text, "error": error}
    )
    return text
