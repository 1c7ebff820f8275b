"""Letters as downloadable Word documents (python-docx) for applicants and officers."""

import io
from urllib.parse import quote

from django.http import HttpResponse
from docx import Document
from docx.shared import Pt

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_docx(letter) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(14)
    document.add_heading(letter.title, level=1)
    for paragraph in letter.body.split("\n"):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def attachment_header(letter) -> str:
    name = f"{letter.application.number}-{letter.title}.docx"
    return f"attachment; filename=\"letter.docx\"; filename*=UTF-8''{quote(name)}"


def docx_response(letter) -> HttpResponse:
    response = HttpResponse(letter_docx(letter), content_type=DOCX)
    response["Content-Disposition"] = attachment_header(letter)
    return response
