"""What gets indexed for a page: its SearchRecord (fields: search/schema.py).

`page_record(page)` starts from what every Wagtail page has, then applies what the page type
itself declares:

1. The generic values, for any page:
   - `title`;
   - `summary`: the page's `summary` field, if it has one, and its search description;
   - `body`: the text of its other Wagtail `search_fields` (rich text without tags, StreamField
     blocks' searchable content, the value of a method or property);
   - `attachments_text`: title and text of each Wagtail document the page refers to (StreamField
     blocks, foreign keys, inline rows), PDF and DOCX read by search/extract.py;
   - `published_at`: the first publication;
   - `unit`: the name of the unit whose section the page is in (集约化, disclosure/units.py).
2. The page type's own values: a page model may define `search_record_values()`, returning a
   dict of SearchRecord field names and values (文号, 主题分类, its own 发布日期, ...). They
   replace the generic ones; None leaves the generic value. Strings are taken as they are,
   dates become midnight in the site's time zone; 文号 and 索引号 are normalised here.
3. Defence in depth for personal data published by mistake (the 内容安全审查 gate should have
   stopped it): 居民身份证号码 and bank card numbers in the text fields are masked before the
   record reaches either backend, so the index never holds them and no snippet shows them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from core.rules.personal_data import mask_identity_numbers
from disclosure.units import unit_of_page
from search import conf, schema
from search.extract import document_text
from search.schema import SearchRecord, content_type_label
from search.text import cited_numbers, normalize_document_number, normalize_index_number

SUMMARY_FIELDS = ("summary", "search_description")
# 文种 of a document that interprets another (an imported 解读 is a policy document page).
INTERPRETATION_GENRES = ("解读", "图解")
# Set by page_record() itself: a page's declaration cannot change them.
IDENTITY_FIELDS = ("doc_id", "page_id", "content_type", "content_type_label", "url")


def content_type_key(page) -> str:
    meta = page.specific_class._meta if page.specific_class else page._meta
    return f"{meta.app_label}.{meta.model_name}"


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


def generic_values(page) -> dict:
    """The values every page has (see the module docstring), for a specific page object."""
    summary_parts, body_parts = [], []
    for name in SUMMARY_FIELDS:
        text = _field_text(page, name) if hasattr(page, name) else ""
        if text and text not in summary_parts:
            summary_parts.append(text)
    for search_field in page.search_fields:
        name = search_field.field_name
        if not isinstance(search_field, index.SearchField) or name == "title":
            continue
        if name in SUMMARY_FIELDS:
            continue
        text = _field_text(page, name)
        if text and text not in body_parts:
            body_parts.append(text)
    attachments = []
    for document in attachment_documents(page):
        attachments.append(document.title)
        attachments.append(document_text(document))
    unit = unit_of_page(page)
    return {
        "title": page.title,
        "unit": unit.name if unit else "",
        "summary": "\n".join(summary_parts),
        "body": "\n".join(body_parts),
        "attachments_text": "\n".join(part for part in attachments if part),
        "published_at": page.first_published_at,
    }


def declared_values(page) -> dict:
    """What the page type declares with `search_record_values()` ({} when it declares nothing)."""
    declare = getattr(page, "search_record_values", None)
    if declare is None:
        return {}
    values = declare()
    # Fields filled from others (the year) are not given either.
    names = {f.name for f in fields(SearchRecord) if f.init} - set(IDENTITY_FIELDS)
    unknown = set(values) - names
    if unknown:
        raise ValueError(
            f"{type(page).__name__}.search_record_values() returned {sorted(unknown)}: "
            f"not SearchRecord fields it may set ({', '.join(sorted(names))})"
        )
    return {name: value for name, value in values.items() if value is not None}


def _as_field_value(name: str, value):
    kind = schema.get_field(name).kind
    if kind == schema.DATE:
        return _as_datetime(value)
    if kind == schema.INTEGER:
        return value
    if kind == schema.RELATION and not isinstance(value, str):
        return " ".join(str(item) for item in value)
    return str(value)


def page_record(page: Page) -> SearchRecord:
    """The SearchRecord of a page (its live content: Wagtail keeps it in the page row)."""
    page = page.specific
    key = content_type_key(page)
    values = generic_values(page)
    values.update(declared_values(page))
    values = {name: _as_field_value(name, value) for name, value in values.items()}
    if values.get("published_at") is None:
        values["published_at"] = page.first_published_at
    for text_field in schema.text_fields():  # searched and shown in snippets
        if isinstance(values.get(text_field.name), str):
            values[text_field.name] = mask_identity_numbers(values[text_field.name])
    values["document_number"] = normalize_document_number(values.get("document_number", ""))
    values["index_number"] = normalize_index_number(values.get("index_number", ""))
    values.update(relation_values(values))
    return SearchRecord(
        doc_id=str(page.pk),
        page_id=page.pk,
        content_type=key,
        content_type_label=content_type_label(key),
        url=page.get_url() or "",
        language=page.locale.language_code if page.locale_id else "zh-hans",
        **values,
    )


def _numbers(value) -> set[str]:
    """A RELATION value as a page declares it (a list, or text separated by spaces)."""
    items = value.split() if isinstance(value, str) else (value or [])
    return {normalize_document_number(str(item)) for item in items if str(item).strip()}


def relation_value(numbers) -> str:
    """The stored form of a RELATION field: numbers separated by spaces, one on each side."""
    return f" {' '.join(sorted(numbers))} " if numbers else ""


def relation_values(values: dict) -> dict:
    """The RELATION fields: what the page type declares (an interpretation's document, the
    documents a policy document amends, replaces or repeals) plus the 文号 its text cites.

    A cited 文号 whose sentence repeals or amends it (…同时废止) is `amends`; in an
    interpretation (a declared `interprets`, or 文种 解读/图解) one cited in the title or the
    opening text is `interprets`; any other is `cites`. The document's own numbers are left out.
    """
    own = {values.get("document_number", ""), values.get("index_number", "")} - {""}
    interprets = _numbers(values.get("interprets"))
    amends = _numbers(values.get("amends"))
    cites = _numbers(values.get("cites"))
    is_interpretation = bool(interprets) or values.get("genre", "") in INTERPRETATION_GENRES
    opening = "\n".join(
        [values.get("title", ""), values.get("summary", "")[:300], values.get("body", "")[:300]]
    )
    opening_numbers = {number for number, _amending in cited_numbers(opening)}
    text = "\n".join(values.get(name, "") for name in ("title", "summary", "body"))
    for number, amending in cited_numbers(text):
        if amending:
            amends.add(number)
        elif is_interpretation and number in opening_numbers:
            interprets.add(number)
        else:
            cites.add(number)
    amends -= interprets
    cites -= interprets | amends
    return {
        "interprets": relation_value(interprets - own),
        "amends": relation_value(amends - own),
        "cites": relation_value(cites - own),
    }


def searchable_pages():
    """Every page that should be in the index (a queryset of generic Page objects)."""
    return Page.objects.live().filter(depth__gte=2).order_by("path")
