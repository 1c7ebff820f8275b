"""Text of PDF and DOCX attachments, for indexing; the formats are read by core.extract.

Extraction is cached per document in ExtractedText by the file's hash, so a rebuild does not
read every file again. A file that cannot be read is indexed without its text; the reason is
kept in ExtractedText.error for staff. Scans (PDF pages without a text layer, PNG/JPEG/TIFF
images) get their text from OCR in a background task (search/ocr.py), stored in the same row.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import PurePath

from core import extract
from core.ocr import IMAGE_EXTENSIONS
from search.models import ExtractedText

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 200_000
# The attachment types whose text is indexed.
INDEXED_EXTENSIONS = {".pdf", ".docx"} | IMAGE_EXTENSIONS


def extract_text(name: str, file) -> str:
    """Text of an open file named `name`, at most MAX_CHARACTERS; '' for a type we do not
    index."""
    if PurePath(name).suffix.lower() not in INDEXED_EXTENSIONS:
        return ""
    return extract.extract_text(name, file, max_characters=MAX_CHARACTERS)


def file_hash_of(document) -> str:
    """The document's file hash (Wagtail's SHA-1), computed when Wagtail has not set it."""
    file_hash = getattr(document, "file_hash", "") or ""
    if file_hash:
        return file_hash
    try:
        with document.open_file() as file:
            return hashlib.sha1(file.read()).hexdigest()
    except Exception:  # a missing file: no hash, the text is read again next time
        return ""


def document_text(document) -> str:
    """Text of a Wagtail Document, from the cache when its file is unchanged."""
    file_hash = file_hash_of(document)
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
        document_id=document.pk,
        defaults={"file_hash": file_hash, "text": text, "error": error, "ocr": False},
    )
    return text
