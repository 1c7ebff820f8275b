"""Text, links, images and attachments of a page or a post, read through the generic Wagtail
Page API: every text field, rich text field and StreamField of the page's own model, so page
types added later are scanned without changes here."""

import re
from html.parser import HTMLParser

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import RichText

from search.ocr import recognised_text

from .attachments import text_of_field_file
from .checks.base import Attachment, Image

URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'，。；、！？）】」]+")
PAGE_FIELDS_SCANNED = ["title", "seo_title", "search_description"]
ALT_FIELD_NAMES = ("alt", "alt_text", "alternative_text")


class ContentParts:
    """What the checks read from one page or post."""

    def __init__(self):
        self.texts = []
        self.links = []
        self.images = []
        self.attachments = []
        self.documents = []  # Wagtail documents, read lazily by the scanner

    @property
    def text(self):
        return "\n".join(text for text in self.texts if text)

    def add_plain_text(self, text):
        if text:
            self.texts.append(text)
            self.links.extend(URL_IN_TEXT.findall(text))

    def add_html(self, html):
        if not html:
            return
        parser = _HtmlParts()
        parser.feed(html)
        parser.close()
        text = "".join(parser.text)
        self.texts.append(text)
        self.links.extend(parser.links)
        self.links.extend(url for url in URL_IN_TEXT.findall(text) if url not in parser.links)
        self.images.extend(parser.images)
        for document_id in parser.document_ids:
            self.documents.append(document_id)


class _HtmlParts(HTMLParser):
    """Text, hrefs and images of rich text, in Wagtail's database format or plain HTML.

    Internal links stay symbolic: <a linktype="page" id="3"> becomes "page:3" and documents
    "document:7", resolved later against the database.
    """

    BLOCK_TAGS = {"p", "br", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.links, self.images, self.document_ids = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.BLOCK_TAGS:
            self.text.append("\n")
        if tag == "a":
            linktype = attributes.get("linktype")
            if linktype == "page" and attributes.get("id"):
                self.links.append(f"page:{attributes['id']}")
            elif linktype == "document" and attributes.get("id"):
                self.links.append(f"document:{attributes['id']}")
                self.document_ids.append(attributes["id"])
            elif attributes.get("href"):
                self.links.append(attributes["href"].strip())
        elif tag == "img":
            label = attributes.get("src") or "图片"
            self.images.append(Image(label=label, alt=(attributes.get("alt") or "")))
        elif tag == "embed" and attributes.get("embedtype") == "image":
            label = f"图片#{attributes.get('id', '')}"
            self.images.append(Image(label=label, alt=(attributes.get("alt") or "")))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def own_fields(model):
    """Concrete text-bearing fields a page model adds to Wagtail's Page."""
    page_fields = {field.name for field in Page._meta.concrete_fields}
    for field in model._meta.concrete_fields:
        if field.name in page_fields or field.is_relation or field.choices:
            continue
        if isinstance(field, (models.CharField, models.TextField, StreamField)):
            yield field


def page_parts(page):
    """ContentParts of a (specific) page or of a revision's page object."""
    parts = ContentParts()
    for name in PAGE_FIELDS_SCANNED:
        parts.add_plain_text(getattr(page, name, "") or "")
    for field in own_fields(type(page)):
        value = getattr(page, field.name, None)
        if value in (None, ""):
            continue
        if isinstance(field, StreamField):
            walk_stream(field.stream_block, value, parts)
        elif isinstance(field, RichTextField):
            parts.add_html(str(value))
        else:
            parts.add_plain_text(str(value))
    parts.documents.extend(child_documents(page))
    return parts


def child_documents(page):
    """Wagtail documents the page's inline rows point to (e.g. a policy document's 附件 rows),
    read from the page object itself, so a revision's unsaved rows count too."""
    Document = get_document_model()
    for relation in get_all_child_relations(type(page)):
        document_fields = [
            field.name
            for field in relation.related_model._meta.concrete_fields
            if field.is_relation and field.related_model is Document
        ]
        if not document_fields:
            continue
        for child in getattr(page, relation.get_accessor_name()).all():
            for name in document_fields:
                document = getattr(child, name, None)
                if document is not None:
                    yield document


def walk_stream(block, value, parts):
    """Collect text, links, images and documents from a StreamField value, any nesting."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            walk_stream(child.block, child.value, parts)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            walk_stream(block.child_block, item, parts)
    elif isinstance(block, TableBlock):
        for row in (value or {}).get("data") or []:
            parts.add_plain_text(" ".join(str(cell) for cell in row if cell))
    elif isinstance(block, blocks.StructBlock):
        walk_struct(block, value, parts)
    elif isinstance(block, blocks.RichTextBlock):
        parts.add_html(value.source if isinstance(value, RichText) else str(value))
    elif isinstance(block, ImageChooserBlock):
        parts.images.append(Image(label=value.title, alt=getattr(value, "description", "") or ""))
    elif isinstance(block, DocumentChooserBlock):
        parts.documents.append(value)
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        parts.add_plain_text(str(value))
    elif isinstance(block, blocks.URLBlock):
        parts.links.append(str(value))
    elif isinstance(block, blocks.PageChooserBlock):
        parts.links.append(f"page:{value.pk}")


def walk_struct(block, value, parts):
    """A struct with an image and an alt field is one image with that alternative text."""
    alt_name = next((name for name in ALT_FIELD_NAMES if name in block.child_blocks), None)
    for name, child_block in block.child_blocks.items():
        child_value = value.get(name)
        if isinstance(child_block, ImageChooserBlock) and alt_name:
            if child_value is not None:
                parts.images.append(Image(label=child_value.title, alt=value.get(alt_name) or ""))
        elif name != alt_name:
            walk_stream(child_block, child_value, parts)


def read_documents(parts, cache=None):
    """Turn the documents met while walking into Attachments (text read once per document;
    a document used twice on a page is one attachment)."""
    Document = get_document_model()
    cache = {} if cache is None else cache
    attachments = []
    seen = set()
    for item in parts.documents:
        document = item
        if not isinstance(item, Document):
            document = Document.objects.filter(pk=item).first()
        if document is None or document.pk in seen:
            continue
        seen.add(document.pk)
        if document.pk not in cache:
            # A scan's text comes from the search index's OCR (search/ocr.py): the checks read
            # it too, after the file's own text layer.
            text = "\n".join(
                part
                for part in (text_of_field_file(document.file), recognised_text(document.pk))
                if part
            )
            cache[document.pk] = Attachment(document.title, text)
        attachments.append(cache[document.pk])
    return attachments
