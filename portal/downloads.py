"""File downloads: one way to name an attachment, whatever app serves it."""

import mimetypes

from django.http import HttpResponse
from django.utils.encoding import escape_uri_path


def set_attachment(response, filename):
    """Mark `response` as a download named `filename` (RFC 6266; Chinese names kept)."""
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


def attachment_response(content, filename):
    """A download of `content` (bytes), its type taken from the file name's extension."""
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return set_attachment(HttpResponse(content, content_type=content_type), filename)
