"""OCR of scanned attachments for the search index (the recognising itself: core/ocr.py).

An attachment whose extracted text is empty or nearly so (fewer than
SEARCH_OCR_MIN_TEXT_CHARACTERS), and that is a PDF or a PNG/JPEG/TIFF image, is read by
tesseract in the background task search.tasks.ocr_attachment. The text goes into the same
ExtractedText row the index reads (search/extract.py), flagged `ocr=True` with the language,
tesseract's mean confidence and its version; the pages that use the document are then
reindexed. One attempt per file version (`ocr_file_hash`): a changed file is read again, an
unchanged one never twice, except after tesseract was missing.

Results say when the attachment text they matched is machine-recognised (机器识别):
`annotate_hits()` for the page, `add_to_json()` for /search/api/ (fields added, none changed).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from core import ocr
from search import conf
from search.extract import document_text, file_hash_of
from search.models import ExtractedText

logger = logging.getLogger(__name__)

MAX_BYTES = 100 * 1024 * 1024
OCR_LABEL = "机器识别"


@dataclass
class Outcome:
    status: (
        str  # "recognised", "not_needed", "already_done", "failed", "engine_missing", "disabled"
    )
    changed: bool = False  # the indexed text changed: reindex the pages using the document
    error: str = ""


def is_candidate_name(name: str) -> bool:
    return PurePath(name).suffix.lower() in ocr.OCR_EXTENSIONS


def _needs_ocr(row: ExtractedText | None) -> bool:
    """Text layer empty or nearly so, or already machine-recognised (a re-run)."""
    if row is None:
        return True
    return row.ocr or len(row.text.strip()) < conf.get("SEARCH_OCR_MIN_TEXT_CHARACTERS")


def ocr_document(document_id: int, force: bool = False) -> Outcome:
    """Recognise one document's scan when its text needs it; idempotent per file hash."""
    if not conf.ocr_enabled():
        return Outcome("disabled")
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not is_candidate_name(document.file.name):
        return Outcome("not_needed")
    document_text(document)  # the text layer, cached by file hash
    file_hash = file_hash_of(document)
    row = ExtractedText.objects.filter(document_id=document.pk).first()
    if row is None or not _needs_ocr(row):
        return Outcome("not_needed")
    if not force and file_hash and row.ocr_file_hash == file_hash:
        return Outcome("already_done", error=row.ocr_error)
    try:
        if document.file.size > MAX_BYTES:
            result = ocr.OcrResult(error=f"文件超过 {MAX_BYTES // 1024 // 1024} MB，未做文字识别")
        else:
            with document.open_file() as file:
                data = file.read()
            result = ocr.recognise(data, conf.ocr_options())
    except OSError as error:
        result = ocr.OcrResult(error=f"无法读取文件：{error}"[:300])
    if result.engine_missing:
        # Not recorded as tried: once tesseract is installed, the backlog command reads it.
        ExtractedText.objects.filter(pk=row.pk).update(ocr_error=result.error)
        return Outcome("engine_missing", error=result.error)
    # The text layer: the row's text unless it is our own earlier recognition.
    layer = "" if row.ocr else row.text
    text = "\n".join(part for part in (layer.strip(), result.text) if part)
    recognised = bool(result.text.strip())
    new_text = text if recognised else layer
    changed = new_text != row.text
    ExtractedText.objects.filter(pk=row.pk).update(
        text=new_text,
        ocr=recognised,
        ocr_file_hash=file_hash,
        ocr_language=conf.get("SEARCH_OCR_LANGUAGES") if recognised else "",
        ocr_confidence=result.confidence if recognised else None,
        ocr_engine=result.engine,
        ocr_error=result.error[:300],
        ocr_at=timezone.now(),
    )
    if not recognised:
        logger.info("OCR of document %s found no text: %s", document.pk, result.error)
        return Outcome("failed", changed=changed, error=result.error or "未识别出文字")
    return Outcome("recognised", changed=changed, error=result.error)


def backlog(force: bool = False) -> list[int]:
    """Ids of the documents an OCR run should look at: scans never read for their current
    file (all PDF and image documents with `force`)."""
    documents = get_document_model().objects.order_by("pk")
    rows = {row.document_id: row for row in ExtractedText.objects.all()}
    ids = []
    for document in documents:
        if not is_candidate_name(document.file.name):
            continue
        row = rows.get(document.pk)
        file_hash = file_hash_of(document) if row is not None and not force else ""
        if force or row is None or not file_hash:
            ids.append(document.pk)
        elif row.file_hash != file_hash:
            ids.append(document.pk)  # changed file: text layer and OCR are read again
        elif _needs_ocr(row) and row.ocr_file_hash != file_hash:
            ids.append(document.pk)
    return ids


def pages_using(document_id: int) -> list[int]:
    """Ids of the pages whose content refers to the document (Wagtail's reference index)."""
    document_type = ContentType.objects.get_for_model(get_document_model())
    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.objects.filter(
        to_content_type=document_type,
        to_object_id=str(document_id),
        base_content_type=page_type,
    ).values_list("object_id", flat=True)
    return sorted({int(pk) for pk in ids if str(pk).isdigit()})


def recognised_text(document_id) -> str:
    """The machine-recognised text of a document ("" when it has none), for the monitoring
    checks that read attachment text (monitoring/content.py)."""
    row = ExtractedText.objects.filter(document_id=document_id, ocr=True).first()
    return row.text if row else ""


# --------------------------------------------------------------------------- results


def _ocr_attachments(page_ids) -> dict[int, list[dict]]:
    """{page id: [{document_id, title, text, confidence, language}]} of OCR'd attachments."""
    if not page_ids:
        return {}
    document_type = ContentType.objects.get_for_model(get_document_model())
    page_type = ContentType.objects.get_for_model(Page)
    references = set(
        ReferenceIndex.objects.filter(
            to_content_type=document_type,
            base_content_type=page_type,
            object_id__in=[str(pk) for pk in page_ids],
        ).values_list("object_id", "to_object_id")
    )
    document_ids = {int(pk) for _page, pk in references if str(pk).isdigit()}
    rows = {
        row.document_id: row
        for row in ExtractedText.objects.filter(ocr=True, document_id__in=document_ids)
    }
    if not rows:
        return {}
    titles = dict(get_document_model().objects.filter(pk__in=list(rows)).values_list("pk", "title"))
    found: dict[int, list[dict]] = {}
    for page_id, document_id in sorted(set(references)):
        row = rows.get(int(document_id)) if str(document_id).isdigit() else None
        if row is None:
            continue
        entries = found.setdefault(int(page_id), [])
        if any(entry["document_id"] == row.document_id for entry in entries):
            continue
        entries.append(
            {
                "document_id": row.document_id,
                "title": titles.get(row.document_id, ""),
                "text": row.text,
                "confidence": row.ocr_confidence,
                "language": row.ocr_language,
            }
        )
    return found


def annotate_hits(results) -> None:
    """Set `hit.ocr` (the query matched machine-recognised attachment text) and
    `hit.ocr_attachments` (the page's OCR'd attachments, each with `ocr: True` and whether
    it matched) on every hit of a SearchResults."""
    hits = list(results.hits)
    found = _ocr_attachments([hit.page_id for hit in hits if hit.page_id])
    # The query matched the recognised text: each required unit (in one of its variants) is
    # in it; a word found elsewhere on the page does not mark the hit.
    units = [
        [variant.lower() for variant in unit.variants]
        for unit in results.query.required_units or results.query.units
    ]
    for hit in hits:
        attachments = []
        for entry in found.get(hit.page_id, []):
            text = entry["text"].lower()
            matched = bool(units) and all(any(v in text for v in unit) for unit in units)
            attachments.append(
                {
                    "title": entry["title"],
                    "ocr": True,
                    "matched": matched,
                    "confidence": entry["confidence"],
                    "language": entry["language"],
                }
            )
        hit.ocr_attachments = attachments
        hit.ocr = any(entry["matched"] for entry in attachments)


def add_to_json(body: dict, results) -> dict:
    """The /search/api/ body with `ocr` and `ocr_attachments` added to each hit."""
    annotate_hits(results)
    for hit, entry in zip(results.hits, body["hits"], strict=True):
        entry["ocr"] = hit.ocr
        entry["ocr_attachments"] = hit.ocr_attachments
    return body
