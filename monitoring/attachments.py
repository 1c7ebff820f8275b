"""Plain text of attachments (txt, csv, docx, xlsx, pdf), so the text checks can read them.

The formats are read by core.extract, the same readers as the search index, but without its
length limit: a check must see personal data even past the index's text limit.
"""

import io
import logging

from core import extract

logger = logging.getLogger(__name__)

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def text_of(name, data):
    """The text in a file's bytes, chosen by its extension; "" when it cannot be read."""
    if not extract.can_extract(name) or len(data) > MAX_ATTACHMENT_BYTES:
        return ""
    try:
        return extract.extract_text(name, io.BytesIO(data))
    except Exception:  # a damaged upload must not stop a monitoring run
        logger.warning("Could not read attachment %s", name, exc_info=True)
        return ""


def text_of_field_file(field_file):
    """Text of a stored file (a FileField value); "" when missing or unreadable."""
    if not field_file:
        return ""
    name = field_file.name
    if not extract.can_extract(name):
        return ""
    try:
        if field_file.size > MAX_ATTACHMENT_BYTES:
            return ""
        with field_file.open("rb") as handle:
            return text_of(name, handle.read())
    except (OSError, ValueError):
        logger.warning("Attachment %s is missing from storage", name)
        return ""
