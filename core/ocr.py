"""Optical character recognition of scanned attachments: image-only PDF pages and images.

Plain functions, no Django: the caller (search/ocr.py) passes the settings. Pages are
rasterised by Debian's `pdftoppm` (poppler-utils) and read by Debian's `tesseract`, each run
as a subprocess with list arguments (no shell) and a timeout, killed when it runs over.

Nothing here raises on a bad file or a missing program: `recognise()` returns an OcrResult
whose `error` says in Chinese why there is no text (empty file, unknown format, damaged PDF,
image too large, tesseract not installed, timeout...).
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
OCR_EXTENSIONS = IMAGE_EXTENSIONS | {".pdf"}
# Above this many pixels a page or image is not decoded (a decompression bomb, or a scan far
# beyond A3 at 300 DPI: 4961 x 7016 = 35 million pixels).
MAX_PIXELS = 60_000_000
MIN_DPI = 72

_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)
# Tesseract's Chinese models put a space between characters: drop spaces between two CJK
# characters (and CJK punctuation), keep them between Latin words.
_CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
_CJK_GAP = re.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")


class MissingEngine(Exception):
    """tesseract (or pdftoppm) is not installed where the settings say."""


@dataclass
class OcrOptions:
    tesseract: str = "tesseract"
    pdftoppm: str = "pdftoppm"
    languages: str = "chi_sim+eng"
    dpi: int = 300
    max_pages: int = 30
    timeout_seconds: float = 120.0
    # A PDF page with fewer characters of its own text than this is read by OCR.
    min_page_characters: int = 20


@dataclass
class OcrResult:
    text: str = ""
    confidence: float | None = None  # tesseract's mean word confidence, 0–100
    pages: int = 0  # pages (or image frames) recognised
    engine: str = ""  # e.g. "tesseract 5.3.0"
    error: str = ""  # why there is no (or only part of the) text; "" when all went well
    engine_missing: bool = False
    page_errors: list[str] = field(default_factory=list)


def kind_of(data: bytes) -> str:
    """ "pdf", "image" or "" from the file's first bytes (its extension may lie)."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    return ""


def clean_text(text: str) -> str:
    lines = (_CJK_GAP.sub("", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run a program (list arguments, no shell); subprocess.run kills it on timeout."""
    try:
        return subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError as error:
        raise MissingEngine(args[0]) from error


def engine_version(options: OcrOptions) -> str:
    """ "tesseract 5.3.0"; raises MissingEngine when it is not installed."""
    done = _run([options.tesseract, "--version"], timeout=30)
    output = (done.stdout or done.stderr).decode("utf-8", "replace")
    first = output.strip().splitlines()[0] if output.strip() else "tesseract"
    return first.strip()[:50]


def page_text_lengths(data: bytes) -> list[int]:
    """Characters of each PDF page's own text layer (pypdf); raises on a damaged PDF."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [len((page.extract_text() or "").strip()) for page in reader.pages]


def pages_without_text(data: bytes, options: OcrOptions) -> list[int]:
    """Numbers (from 1) of the PDF pages whose text layer is below the threshold."""
    lengths = page_text_lengths(data)
    return [n for n, length in enumerate(lengths, 1) if length < options.min_page_characters]


def _page_dpi(data: bytes, number: int, options: OcrOptions) -> int:
    """The DPI that keeps page `number` under MAX_PIXELS (at most options.dpi); 0 if none."""
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(data)).pages[number - 1].mediabox
    width, height = abs(float(box.width)) / 72, abs(float(box.height)) / 72
    dpi = options.dpi
    while dpi >= MIN_DPI and width * dpi * height * dpi > MAX_PIXELS:
        dpi = int(dpi * 0.8)
    return dpi if dpi >= MIN_DPI else 0


def rasterise_page(pdf_path: Path, number: int, dpi: int, out_dir: Path, options) -> Path:
    """One PDF page as a grey PNG (pdftoppm); raises RuntimeError when it fails."""
    prefix = out_dir / f"page-{number}"
    args = [options.pdftoppm, "-r", str(dpi), "-gray", "-png", "-singlefile"]
    args += ["-f", str(number), "-l", str(number), str(pdf_path), str(prefix)]
    done = _run(args, timeout=options.timeout_seconds)
    image = prefix.with_suffix(".png")
    if done.returncode != 0 or not image.exists():
        message = done.stderr.decode("utf-8", "replace").strip()[:200]
        raise RuntimeError(f"第 {number} 页无法转为图像：{message or done.returncode}")
    return image


def _tesseract(image: Path, out_dir: Path, options: OcrOptions) -> tuple[str, list[float]]:
    """Text of one image file and its words' confidences (tesseract's txt and tsv outputs)."""
    base = out_dir / f"{image.stem}-ocr"
    args = [options.tesseract, str(image), str(base), "-l", options.languages, "txt", "tsv"]
    done = _run(args, timeout=options.timeout_seconds)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()[:200]
        raise RuntimeError(f"tesseract 识别失败：{message or done.returncode}")
    text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
    confidences = []
    tsv = base.with_suffix(".tsv")
    if tsv.exists():
        for line in tsv.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
            columns = line.split("\t")
            if len(columns) >= 12 and columns[11].strip():
                try:
                    value = float(columns[10])
                except ValueError:
                    continue
                if value >= 0:
                    confidences.append(value)
    return clean_text(text), confidences


def _image_frames(data: bytes, out_dir: Path, options: OcrOptions) -> list[Path]:
    """The frames of an image file (a TIFF may have several) as PNG files, size-checked
    before decoding."""
    from PIL import Image

    paths = []
    with Image.open(io.BytesIO(data)) as image:
        frames = getattr(image, "n_frames", 1)
        for index in range(min(frames, options.max_pages)):
            image.seek(index)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValueError(f"图像过大（{width}×{height} 像素），不做识别")
            path = out_dir / f"frame-{index + 1}.png"
            image.convert("L").save(path)
            paths.append(path)
    return paths


def recognise(data: bytes, options: OcrOptions | None = None) -> OcrResult:
    """OCR text of a file's bytes: every image frame, or the PDF pages without a text layer
    (at most options.max_pages). Never raises; see OcrResult.error."""
    options = options or OcrOptions()
    result = OcrResult()
    try:
        return _recognise(data, options, result)
    except MissingEngine as error:
        logger.warning("OCR skipped: %s is not installed (apt-get install tesseract-ocr)", error)
        result.engine_missing = True
        result.error = f"未安装识别程序 {error}，附件未做文字识别"
    except Exception as error:  # a hostile or damaged file must not stop indexing
        logger.warning("OCR failed: %s: %s", type(error).__name__, error)
        result.error = f"无法识别：{type(error).__name__}: {error}"[:300]
    return result


def _recognise(data: bytes, options: OcrOptions, result: OcrResult) -> OcrResult:
    if not data:
        result.error = "文件为空"
        return result
    kind = kind_of(data)
    if not kind:
        result.error = "不是可识别的 PDF 或图像文件"
        return result
    result.engine = engine_version(options)
    texts, confidences = [], []
    with tempfile.TemporaryDirectory(prefix="portal-ocr-") as tmp:
        out_dir = Path(tmp)
        if kind == "image":
            images = _image_frames(data, out_dir, options)
        else:
            pdf_path = out_dir / "input.pdf"
            pdf_path.write_bytes(data)
            numbers = pages_without_text(data, options)
            if len(numbers) > options.max_pages:
                result.page_errors.append(
                    f"共 {len(numbers)} 页需要识别，只识别了前 {options.max_pages} 页"
                )
                numbers = numbers[: options.max_pages]
            images = []
            for number in numbers:
                dpi = _page_dpi(data, number, options)
                if not dpi:
                    result.page_errors.append(f"第 {number} 页尺寸过大，未识别")
                    continue
                try:
                    images.append(rasterise_page(pdf_path, number, dpi, out_dir, options))
                except (RuntimeError, subprocess.TimeoutExpired) as error:
                    result.page_errors.append(str(error)[:200])
        for image in images:
            try:
                text, page_confidences = _tesseract(image, out_dir, options)
            except subprocess.TimeoutExpired:
                result.page_errors.append(f"{image.stem} 识别超时（{options.timeout_seconds} 秒）")
                continue
            except RuntimeError as error:
                result.page_errors.append(str(error)[:200])
                continue
            result.pages += 1
            if text:
                texts.append(text)
            confidences += page_confidences
    result.text = "\n".join(texts)
    if confidences:
        result.confidence = round(sum(confidences) / len(confidences), 1)
    if result.page_errors:
        result.error = "；".join(result.page_errors)[:300]
    return result
