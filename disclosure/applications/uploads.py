"""The ID or licence copy uploaded with an application: checked by content, never by name.

JPEG and PNG images are decoded by Pillow and written out again from their pixels alone (no
EXIF, no comments, nothing appended survives). PDFs must parse, must not be encrypted and must
not carry active content (JavaScript, launch actions, embedded files). Anything else is
refused with a Chinese message.
"""

from __future__ import annotations

import io
import re
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from . import conf

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
PDF_MAGIC = b"%PDF-"
ACTIVE_PDF_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|AA)\b")


class UploadRejected(ValueError):
    """str(error) is the message for the applicant."""


def check_upload(uploaded) -> tuple[str, bytes]:
    """Return (content type, bytes to store) for an uploaded file, or raise UploadRejected."""
    limit = conf.upload_max_bytes()
    if uploaded.size > limit:
        raise UploadRejected(
            f"文件过大：最大 {limit // (1024 * 1024)} MB，当前约 {uploaded.size / 1048576:.1f} MB"
        )
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected(f"文件过大：最大 {limit // (1024 * 1024)} MB")
    if not data:
        raise UploadRejected("上传的文件是空的")
    if data.startswith(PDF_MAGIC):
        return "application/pdf", _check_pdf(data)
    return _reencode_image(data)


def _check_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadRejected("PDF 文件设置了密码，请上传未加密的文件")
        if len(reader.pages) < 1:
            raise UploadRejected("PDF 文件没有页面")
    except UploadRejected:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise UploadRejected("PDF 文件已损坏或格式不正确") from None
    if ACTIVE_PDF_CONTENT.search(data):
        raise UploadRejected("PDF 文件含有脚本、动作或嵌入文件，请另存为普通 PDF 或上传图片")
    return data


def _reencode_image(data: bytes) -> tuple[str, bytes]:
    not_accepted = UploadRejected(
        "只接受 JPEG、PNG 图片或 PDF 文件（按文件内容判断，与文件名无关）"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            source_format = image.format
            if source_format not in IMAGE_FORMATS:
                raise not_accepted
            if image.width * image.height > conf.upload_max_pixels():
                raise UploadRejected("图片像素过大，请缩小后再上传")
            image.load()
            image = ImageOps.exif_transpose(image)
        except UploadRejected:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ):
            raise not_accepted from None
        except (OSError, ValueError, SyntaxError):
            raise UploadRejected("图片文件已损坏，无法读取") from None
    mode = "RGBA" if image.mode in ("RGBA", "LA", "P") and source_format == "PNG" else "RGB"
    if image.mode == "L":
        mode = "L"
    pixels = image.convert(mode)
    clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    if source_format == "JPEG":
        clean.save(out, format="JPEG", quality=90)
    else:
        clean.save(out, format="PNG", optimize=True)
    return IMAGE_FORMATS[source_format], out.getvalue()
