"""Wagtail's document serve view hands the file to nginx (X-Accel-Redirect).

Wagtail checks who may see a document (collection privacy) in its serve view, then calls the
`sendfile` of the module named by SENDFILE_BACKEND (wagtail.utils.sendfile). With
DOCUMENTS_X_ACCEL_REDIRECT on, this module is that backend: instead of streaming the file
through the app server, the response names it under SENDFILE_URL, an `internal` nginx
location that maps to FILES_ROOT (deploy/nginx/portal.conf). nginx serves no other URL from
the documents' folder, so a file is only ever reached through the serve view's checks.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse


def sendfile(request, filename, mimetype="application/octet-stream", **kwargs):
    root = Path(settings.SENDFILE_ROOT).resolve()
    path = Path(filename).resolve()
    if not path.is_relative_to(root):
        raise SuspiciousFileOperation("document file outside SENDFILE_ROOT")
    response = HttpResponse(content_type=mimetype)
    url = settings.SENDFILE_URL.rstrip("/") + "/" + quote(path.relative_to(root).as_posix())
    response["X-Accel-Redirect"] = url
    return response
