"""Letters as downloadable Word (.docx) files (python-docx) for applicants and officers."""

import io

from django.http import HttpResponse
from docx import Document
from docx.shared import Pt

from portal.downloads import attachment_response


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


def docx_response(letter) -> HttpResponse:
    name = f"{letter.application.number}-{letter.title}.docx"
    return attachment_response(letter_docx(letter), name)
