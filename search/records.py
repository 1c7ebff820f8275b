"""What gets indexed: a SearchRecord per public page, built from any Wagtail page.

Generic pages give title, summary, body (from their Wagtail `search_fields`), attachments
(documents they reference) and dates. Disclosure page types add their metadata (文号, 索引号,
主题分类, 发布机构, 文种, 有效性, 发布日期) either through a `search_metadata()` method returning
a dict with SearchRecord field names, or through attributes with the names listed in
METADATA_ATTRIBUTES.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from search import conf

CONTENT_TYPE_LABELS = {
    # Labels for page types indexed before (or without) their models, e.g. benchmark corpora.
    "disclosure.policydocumentpage": "政策文件",
    "disclosure.interpretationpage": "政策解读",
    "disclosure.guidepage": "政府信息公开指南",
    "disclosure.annualreportpage": "政府信息公开年报",
    "portal.contentpage": "内容页",
}

SUMMARY_FIELDS = ("summary", "search_description", "intro", "abstract")

# SearchRecord field -> attribute names tried on the specific page, first present wins.
METADATA_ATTRIBUTES = {
    "document_number": ("document_number",),
    "index_number": ("index_number",),
    "topic": ("topic", "subject", "theme"),
    "publisher": ("publisher", "issuing_organ", "organization"),
    "genre": ("genre", "document_genre"),
    "validity": ("validity",),
    "keywords": ("keywords",),
    "published_at": ("publish_date", "published_on", "issued_on", "written_on"),
}


@dataclass
class SearchRecord:
    doc_id: str
    content_type: str
    title: str
    url: str = ""
    page_id: int | None = None
    content_type_label: str = ""
    summary: str = ""
    body: str = ""
    attachments_text: str = ""
    keywords: str = ""
    document_number: str = ""
    index_number: str = ""
    topic: str = ""
    publisher: str = ""
    genre: str = ""
    validity: str = ""
    published_at: dt.datetime | None = None

    @property
    def year(self) -> int | None:
        return self.published_at.year if self.published_at else None

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def content_type_key(page) -> str:
    meta = page.specific_class._meta if page.specific_class else page._meta
    return f"{meta.app_label}.{meta.model_name}"


def content_type_label(key: str) -> str:
    if key in CONTENT_TYPE_LABELS:
        return CONTENT_TYPE_LABELS[key]
    from django.apps import apps

    try:
        return str(apps.get_model(key)._meta.verbose_name)
    except (LookupError, ValueError):
        return key


def is_searchable(page) -> bool:
    """Live, public (no view restriction on it or above it), in a site, not an excluded type."""
    if not page.live or page.depth < 2:
        return False
    if content_type_key(page) in conf.get("SEARCH_EXCLUDED_PAGE_TYPES"):
        return False
    if page.get_view_restrictions().exists():
        return False
    return page.get_url() is not None


def _field_text(page, name: str) -> str:
    value = getattr(page, name, None)
    if value is None:
        return ""
    try:
        field = page._meta.get_field(name)
    except Exception:
        field = None
    if isinstance(field, StreamField):
        return "\n".join(str(part) for part in field.get_searchable_content(value) if part)
    if isinstance(field, RichTextField):
        return strip_tags(str(value))
    if callable(value):
        value = value()
    return str(value)


def _value_text(page, attribute: str) -> str:
    display = getattr(page, f"get_{attribute}_display", None)
    value = display() if callable(display) else getattr(page, attribute, None)
    if value is None:
        return ""
    if isinstance(value, models.Manager):
        return "，".join(str(item) for item in value.all())
    return str(value)


def _as_datetime(value) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, dt.date):
        return timezone.make_aware(dt.datetime(value.year, value.month, value.day))
    return None


def attachment_documents(page) -> list:
    """Wagtail documents the page refers to (StreamField blocks, foreign keys, inline rows)."""
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    document_type = ReferenceIndex._get_base_content_type(document_model).id
    ids = {
        object_id
        for type_id, object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(page)
        )
        if type_id == document_type
    }
    return list(document_model.objects.filter(pk__in=ids).order_by("pk")) if ids else []


def page_record(page: Page) -> SearchRecord:
    """The SearchRecord of a page (its live content: Wagtail keeps it in the page row)."""
    from search.extract import document_text

    page = page.specific
    key = content_type_key(page)
    summary_parts, body_parts = [], []
    for search_field in page.search_fields:
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        text = _field_text(page, search_field.field_name)
        target = summary_parts if search_field.field_name in SUMMARY_FIELDS else body_parts
        if text and text not in target:
            target.append(text)
    for name in SUMMARY_FIELDS:
        text = _field_text(page, name) if hasattr(page, name) else ""
        if text and text not in summary_parts:
            summary_parts.append(text)

    metadata = {}
    for record_field, attributes in METADATA_ATTRIBUTES.items():
        for attribute in attributes:
            if hasattr(page, attribute):
                value = getattr(page, attribute)
                metadata[record_field] = (
                    _as_datetime(value) if record_field == "published_at" else None
                ) or _value_text(page, attribute)
                break
    if callable(getattr(page, "search_metadata", None)):
        metadata.update(page.search_metadata())

    attachments = []
    for document in attachment_documents(page):
        attachments.append(document.title)
        attachments.append(document_text(document))

    from search.text import normalize_document_number, normalize_index_number

    published_at = _as_datetime(metadata.pop("published_at", None)) or page.first_published_at
    return SearchRecord(
        doc_id=str(page.pk),
        page_id=page.pk,
        content_type=key,
        content_type_label=content_type_label(key),
        url=page.get_url() or "",
        title=page.title,
        summary="\n".join(summary_parts),
        body="\n".join(body_parts),
        attachments_text="\n".join(part for part in attachments if part),
        keywords=str(metadata.get("keywords", "") or ""),
        document_number=normalize_document_number(str(metadata.get("document_number", "") or "")),
        index_number=normalize_index_number(str(metadata.get("index_number", "") or "")),
        topic=str(metadata.get("topic", "") or ""),
        publisher=str(metadata.get("publisher", "") or ""),
        genre=str(metadata.get("genre", "") or ""),
        validity=str(metadata.get("validity", "") or ""),
        published_at=published_at,
    )


def searchable_pages():
    """Every page that should be in the index (a queryset of generic Page objects)."""
    return Page.objects.live().filter(depth__gte=2).order_by("path")
