"""Scanned-looking attachments made in the test itself: Chinese text drawn by Pillow with the
CJK font `make test` installs (Debian's fonts-noto-cjk), saved as a PNG or an image-only PDF.
Tesseract must be installed (Debian's tesseract-ocr, tesseract-ocr-chi-sim): the tests FAIL,
never skip, without it, as `make test` installs it."""

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def require_tesseract():
    if shutil.which("tesseract") is None or shutil.which("pdftoppm") is None:
        pytest.fail(
            "tesseract or pdftoppm missing: apt-get install tesseract-ocr "
            "tesseract-ocr-chi-sim poppler-utils (make system-deps)"
        )


def scan(lines: list[str], size: int = 48) -> Image.Image:
    """A white page with the lines in black, like a 300 DPI scan of printed text."""
    if not FONT.exists():
        pytest.fail(f"{FONT} missing: apt-get install fonts-noto-cjk (make system-deps)")
    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("L", (1800, 140 + len(lines) * size * 2), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((90, 80 + number * size * 2), line, font=font, fill=0)
    return image


def png_bytes(lines: list[str]) -> bytes:
    out = io.BytesIO()
    scan(lines).save(out, "PNG")
    return out.getvalue()


def scanned_pdf_bytes(lines: list[str]) -> bytes:
    """An image-only PDF (no text layer), as a scanner writes it."""
    out = io.BytesIO()
    scan(lines).save(out, "PDF", resolution=300)
    return out.getvalue()
