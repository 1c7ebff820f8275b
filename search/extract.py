"""Text of PDF and DOCX attachments, for indexing; the formats are read by core.extract.

Extraction is cached per document in ExtractedText by the file's hash, so a rebuild does not
read every file again. A file that cannot be read is indexed without its text; the reason is
kept in ExtractedText.error for staff.
"""

from __future__ import annotations

import logging
from pathlib import PurePath

from core import extract
from search.models import ExtractedText

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 200_000
# The attachment types whose text is indexed.
INDEXED_EXTENSIONS = {".pdf", ".docx"}


def extract_text(name: str, file) -> str:
    """Text of an open file named `name`, at most MAX_CHARACTERS; '' for a type we do not
    index."""
    if PurePath(name).suffix.lower() not in INDEXED_EXTENSIONS:
        return ""
    return extract.extract_text(name, file, max_characters=MAX_CHARACTERS)


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
