"""The ID or licence copy uploaded with an application: checked by content, never by name.

JPEG and PNG images are decoded by Pillow and written out again from their pixels alone (no
EXIF, no comments, nothing appended survives). Decoding is bounded by memory: an image whose
decoded pixels would need more than APPLICATIONS_UPLOAD_MAX_DECODED_BYTES is refused from its
header, before any pixel is decoded (像素过大), so one request never costs more than about
twice that budget.

PDFs are accepted by parsing, not by their bytes: pypdf reads every object the file
declares, including those packed in compressed object streams, with names as the parser
normalises them (``/J#61vaScript`` is ``/JavaScript``). A file with JavaScript, launch
actions, embedded files, RichMedia, XFA forms or automatic actions (OpenAction, AA) is
refused; an accepted file is written out again by pypdf from its pages alone, so nothing the
parser did not see (an appended update, an object outside the cross-reference table) is kept.

Every refusal says which rule refused the file: 文件过大, 像素过大, 类型不符, 文件已损坏,
含有活动内容.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from . import conf

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
PDF_MAGIC = b"%PDF-"
# Pillow keeps RGB, RGBA, CMYK and 32-bit modes at 4 bytes per pixel; the budget counts 4.
BYTES_PER_PIXEL = 4
# Names that make a PDF do something by itself or carry other files (ISO 32000-1 §12.6
# actions, §7.11.4 embedded files, §12.7.8 XFA, Adobe RichMedia).
ACTIVE_PDF_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/EF",
        "/FileAttachment",
        "/GoToE",
        "/RichMedia",
        "/XFA",
        "/OpenAction",
        "/AA",
    }
)
MAX_PDF_OBJECTS = 20_000  # an ID copy has a few dozen; more is refused, not walked


class UploadRejected(ValueError):
    """str(error) is the message for the applicant; ``rule`` names the limit that refused."""

    def __init__(self, message: str, rule: str = ""):
        super().__init__(message)
        self.rule = rule


def _mb(size: int) -> str:
    return f"{size / 1048576:.0f} MB" if size >= 1048576 else f"{size / 1024:.0f} KB"


def check_upload(uploaded) -> tuple[str, bytes]:
    """Return (content type, bytes to store) for an uploaded file, or raise UploadRejected."""
    limit = conf.upload_max_bytes()
    if uploaded.size > limit:
        raise UploadRejected(
            f"文件过大：最大 {limit // (1024 * 1024)} MB，当前约 {uploaded.size / 1048576:.1f} MB",
            "文件过大",
        )
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected(f"文件过大：最大 {limit // (1024 * 1024)} MB", "文件过大")
    if not data:
        raise UploadRejected("上传的文件是空的", "类型不符")
    if data.startswith(PDF_MAGIC):
        return "application/pdf", _check_pdf(data)
    return _reencode_image(data)


# --- PDF -----------------------------------------------------------------------------------


def _declared_objects(reader: PdfReader):
    """Every object the file declares: the cross-reference table and the object streams."""
    for generation, entries in list(reader.xref.items()):
        for idnum in list(entries):
            yield IndirectObject(idnum, generation, reader)
    for idnum in list(reader.xref_objStm):
        yield IndirectObject(idnum, 0, reader)


def active_content(reader: PdfReader) -> str | None:
    """The first active-content name found in any object of the file, or None."""
    todo = [reader.trailer]
    for count, reference in enumerate(_declared_objects(reader)):
        if count > MAX_PDF_OBJECTS:
            raise UploadRejected("PDF 文件结构过于复杂，请另存为普通 PDF 或上传图片", "类型不符")
        todo.append(reference.get_object())
    seen = 0
    while todo:
        item = todo.pop()
        seen += 1
        if seen > MAX_PDF_OBJECTS * 50:
            raise UploadRejected("PDF 文件结构过于复杂，请另存为普通 PDF 或上传图片", "类型不符")
        if isinstance(item, DictionaryObject):  # streams are dictionaries too
            for key, value in item.items():
                if key in ACTIVE_PDF_NAMES:
                    return str(key)
                if not isinstance(value, IndirectObject):  # declared objects are walked anyway
                    todo.append(value)
        elif isinstance(item, ArrayObject):
            todo.extend(value for value in item if not isinstance(value, IndirectObject))
        elif isinstance(item, NameObject) and item in ACTIVE_PDF_NAMES:
            return str(item)
    return None


def _check_pdf(data: bytes) -> bytes:
    damaged = UploadRejected("PDF 文件已损坏或格式不正确", "文件已损坏")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadRejected("PDF 文件设置了密码，请上传未加密的文件", "类型不符")
        if len(reader.pages) < 1:
            raise UploadRejected("PDF 文件没有页面", "类型不符")
        found = active_content(reader)
        if found:
            raise UploadRejected(
                "PDF 文件含有脚本、自动动作或嵌入文件（" + found.lstrip("/") + "），"
                "请另存为普通 PDF 或上传图片",
                "含有活动内容",
            )
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
    except UploadRejected:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise damaged from None
    return out.getvalue()


# --- images --------------------------------------------------------------------------------


def _too_many_pixels(width: int, height: int) -> UploadRejected:
    budget = conf.upload_max_decoded_bytes()
    return UploadRejected(
        f"图片像素过大（{width}×{height}，解码约需 {_mb(width * height * BYTES_PER_PIXEL)}，"
        f"上限 {_mb(budget)}），请缩小后再上传",
        "像素过大",
    )


def _reencode_image(data: bytes) -> tuple[str, bytes]:
    not_accepted = UploadRejected(
        "文件类型不符：只接受 JPEG、PNG 图片或 PDF 文件（按文件内容判断，与文件名无关）",
        "类型不符",
    )
    budget = conf.upload_max_decoded_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            source_format = image.format
            if source_format not in IMAGE_FORMATS:
                raise not_accepted
            # The header gives the size: refuse before decoding a single pixel.
            if image.width * image.height * BYTES_PER_PIXEL > budget:
                raise _too_many_pixels(image.width, image.height)
            image.load()
            ImageOps.exif_transpose(image, in_place=True)
        except UploadRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UploadRejected("图片像素过大，请缩小后再上传", "像素过大") from None
        except UnidentifiedImageError:
            raise not_accepted from None
        except (OSError, ValueError, SyntaxError):
            raise UploadRejected("图片文件已损坏，无法读取", "文件已损坏") from None
    mode = "RGBA" if image.mode in ("RGBA", "LA", "P", "PA") and source_format == "PNG" else "RGB"
    if image.mode == "L":
        mode = "L"
    clean = image if image.mode == mode else image.convert(mode)
    del image
    # Only the pixels are written: metadata (EXIF, ICC, text chunks) is dropped here.
    clean.info = {}
    out = io.BytesIO()
    if source_format == "JPEG":
        clean.save(out, format="JPEG", quality=90)
    else:
        clean.save(out, format="PNG", optimize=True)
    return IMAGE_FORMATS[source_format], out.getvalue()
