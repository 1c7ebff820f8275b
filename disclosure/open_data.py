"""开放数据: the daily bulk export of the whole public catalogue.

Every live, public policy document and interpretation of every unit, one record each, in
three files: JSON Lines, CSV (UTF-8 with a BOM, so Excel reads the Chinese text) and XLSX;
plus manifest.json with the generation time, the record count of each file and its SHA-256.
`FIELDS` is the one list of what a record holds: the exporter writes it and the 开放数据 page
shows it as the field dictionary.

Only public things go in: documents from `public_documents()` (live, 主动公开, no view
restriction), interpretations live and unrestricted, relations to public documents only, and
attachments only when their file is public (portal/attachments.py decides that for the whole
site). The files are written to the private storage (FILES_ROOT/open-data/) by
`manage.py export_open_data` (daily, deploy/systemd/portal-export-open-data.timer) and served
by disclosure/views.py at /open-data/<name>.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from wagtail.documents import get_document_model

from disclosure import exports
from disclosure.catalogue import public_documents, restricted_q
from disclosure.models import DocumentRelation, PolicyInterpretationPage
from disclosure.units import SectionMap
from portal.attachments import public_document_ids
from portal.page_cache import forget_every_page

DIRECTORY = "open-data"
MANIFEST = "manifest.json"
DATA_FILES = {
    "catalogue.jsonl": "application/x-ndjson; charset=utf-8",
    "catalogue.csv": "text/csv; charset=utf-8",
    "catalogue.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CONTENT_TYPES = {**DATA_FILES, MANIFEST: "application/json; charset=utf-8"}

KIND_DOCUMENT = "政策文件"
KIND_INTERPRETATION = "政策解读"


@dataclass(frozen=True)
class Field:
    name: str  # the JSON key and CSV column
    label: str  # the Chinese heading
    type: str  # as the field dictionary names it
    example: str
    description: str = ""


FIELDS = [
    Field("record_type", "类型", "文本", KIND_DOCUMENT, "政策文件或政策解读"),
    Field("index_number", "索引号", "文本", "11150627MB1234567X/2025-00001"),
    Field("title", "名称", "文本", "伊金霍洛旗政务服务局关于……的通知"),
    Field("document_number", "文号", "文本", "伊政服发〔2025〕3号", "政策解读为空"),
    Field("publisher", "发布机构", "文本", "伊金霍洛旗政务服务局"),
    Field("unit", "所属单位", "文本", "伊金霍洛旗政务服务局", "集约化平台上文件所在的单位"),
    Field("topic", "主题分类", "文本", "综合政务/政务公开"),
    Field("genre", "体裁/文种", "文本", "通知"),
    Field("written_date", "成文日期", "日期（YYYY-MM-DD）", "2025-03-01"),
    Field("publish_date", "发布日期", "日期（YYYY-MM-DD）", "2025-03-05"),
    Field("effective_date", "生效日期", "日期（YYYY-MM-DD）", "2025-04-01"),
    Field("repeal_date", "废止日期", "日期（YYYY-MM-DD）", "2030-03-31"),
    Field("validity", "有效性", "文本", "有效", "有效、失效、废止、尚未生效等"),
    Field("summary", "内容概述", "文本", "明确了……"),
    Field("url", "网址", "网址", "https://example.gov.cn/xxgk/…/"),
    Field("permanent_url", "稳定地址", "网址", "https://example.gov.cn/id/…", "按索引号永久跳转"),
    Field(
        "interprets",
        "解读的政策文件",
        "网址",
        "https://example.gov.cn/id/…",
        "政策解读所解读文件的稳定地址",
    ),
    Field("interpretations", "政策解读", "网址列表", "https://example.gov.cn/xxgk/…/"),
    Field("amends", "修改的文件", "网址列表", "https://example.gov.cn/id/…"),
    Field("replaces", "替代的文件", "网址列表", "https://example.gov.cn/id/…"),
    Field("repeals", "废止的文件", "网址列表", "https://example.gov.cn/id/…"),
    Field(
        "replaced_by",
        "被替代或废止于",
        "网址列表",
        "https://example.gov.cn/id/…",
        "替代或废止本文件的文件",
    ),
    Field("amended_by", "被修改于", "网址列表", "https://example.gov.cn/id/…"),
    Field(
        "attachments",
        "附件",
        "列表（名称、网址）",
        "实施细则.pdf https://example.gov.cn/documents/…",
        "只含公开的附件",
    ),
]
FIELD_NAMES = [f.name for f in FIELDS]


def file_path(name):
    return f"{DIRECTORY}/{name}"


class _Urls:
    """Full URLs of pages (the site of each page: 集约化 has several)."""

    def page(self, page):
        parts = page.get_url_parts()
        return (parts[1] + parts[2]) if parts else ""

    def root(self, page):
        parts = page.get_url_parts()
        return parts[1] if parts else ""

    def permanent(self, document):
        return self.root(document) + document.permalink if document.permalink else ""


def _relation_urls(urls, relations, kind, public_ids, side):
    return [
        urls.permanent(getattr(r, side)) or urls.page(getattr(r, side))
        for r in relations
        if r.kind in kind and getattr(r, side).pk in public_ids
    ]


def public_file_ids():
    """Attachments (Wagtail documents) the public may download now: used by a public page
    (portal/attachments.py) and in a collection without view restriction, as the serve view
    checks (a file not yet moved to 公开附件 stays out until it is)."""
    unrestricted = {}
    public = set()
    documents = get_document_model().objects.filter(pk__in=public_document_ids())
    for document in documents.select_related("collection"):
        collection = document.collection
        if collection.pk not in unrestricted:
            unrestricted[collection.pk] = not collection.get_view_restrictions().exists()
        if unrestricted[collection.pk]:
            public.add(document.pk)
    return public


def catalogue_records() -> list[dict[str, Any]]:
    """The records of the export, documents first, each as a dict over FIELD_NAMES."""
    urls = _Urls()
    sections = SectionMap()
    public_files = public_file_ids()
    restricted = restricted_q()
    documents = list(
        public_documents(restricted)
        .select_related("publisher", "topic", "topic__parent")
        .prefetch_related("attachments__document")
        .order_by("publish_date", "pk")
    )
    public_ids = {doc.pk for doc in documents}
    relations = list(
        DocumentRelation.objects.filter(page__in=public_ids, target__in=public_ids)
        .select_related("page", "target")
        .order_by("sort_order", "pk")
    )
    interpretations = list(
        PolicyInterpretationPage.objects.live()
        .exclude(restricted)
        .select_related("publisher", "policy_document")
        .order_by("publish_date", "pk")
    )
    by_document = {}
    for interpretation in interpretations:
        by_document.setdefault(interpretation.policy_document_id, []).append(interpretation)

    records = []
    for doc in documents:
        unit = sections.unit_for(doc)
        out = [r for r in relations if r.page_id == doc.pk]
        into = [r for r in relations if r.target_id == doc.pk]
        records.append(
            {
                "record_type": KIND_DOCUMENT,
                "index_number": doc.index_number or "",
                "title": doc.title,
                "document_number": doc.document_number,
                "publisher": doc.publisher.name,
                "unit": unit.name if unit else "",
                "topic": doc.topic.full_name,
                "genre": doc.genre,
                "written_date": _date(doc.written_date),
                "publish_date": _date(doc.publish_date),
                "effective_date": _date(doc.effective_date),
                "repeal_date": _date(doc.repeal_date),
                "validity": doc.get_validity_display(),
                "summary": doc.summary,
                "url": urls.page(doc),
                "permanent_url": urls.permanent(doc),
                "interprets": "",
                "interpretations": [urls.page(i) for i in by_document.get(doc.pk, [])],
                "amends": _relation_urls(urls, out, {"amends"}, public_ids, "target"),
                "replaces": _relation_urls(urls, out, {"replaces"}, public_ids, "target"),
                "repeals": _relation_urls(urls, out, {"repeals"}, public_ids, "target"),
                "replaced_by": _relation_urls(
                    urls, into, {"replaces", "repeals"}, public_ids, "page"
                ),
                "amended_by": _relation_urls(urls, into, {"amends"}, public_ids, "page"),
                "attachments": [
                    {"title": a.display_title, "url": urls.root(doc) + a.url}
                    for a in doc.attachments.all()
                    if a.document_id in public_files
                ],
            }
        )
    documents_by_pk = {doc.pk: doc for doc in documents}
    for interpretation in interpretations:
        unit = sections.unit_for(interpretation)
        target = documents_by_pk.get(interpretation.policy_document_id)
        records.append(
            {
                **{name: "" for name in FIELD_NAMES},
                "record_type": KIND_INTERPRETATION,
                "title": interpretation.title,
                "publisher": interpretation.publisher.name,
                "unit": unit.name if unit else "",
                "publish_date": _date(interpretation.publish_date),
                "url": urls.page(interpretation),
                "interprets": (urls.permanent(target) or urls.page(target)) if target else "",
                **{name: [] for name in _LIST_FIELDS},
            }
        )
    return records


_LIST_FIELDS = (
    "interpretations",
    "amends",
    "replaces",
    "repeals",
    "replaced_by",
    "amended_by",
    "attachments",
)


def _date(value):
    return value.isoformat() if value else ""


def flat_value(value):
    """A record value as one spreadsheet cell: lists one item a line."""
    if isinstance(value, list):
        return "\n".join(
            f"{item['title']} {item['url']}" if isinstance(item, dict) else item for item in value
        )
    return value


def jsonl_bytes(records):
    lines = (json.dumps(record, ensure_ascii=False) for record in records)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _flat_rows(records):
    return ([flat_value(record[name]) for name in FIELD_NAMES] for record in records)


def csv_bytes(records):
    return exports.csv_bytes(FIELD_NAMES, _flat_rows(records))


def xlsx_bytes(records):
    """Two heading rows: the Chinese labels, then the field names of the CSV and JSON."""
    headings = [[f.label for f in FIELDS], FIELD_NAMES]
    return exports.xlsx_bytes(headings, _flat_rows(records), widths=[20] * len(FIELDS))


WRITERS: dict[str, Callable[[list], bytes]] = {
    "catalogue.jsonl": jsonl_bytes,
    "catalogue.csv": csv_bytes,
    "catalogue.xlsx": xlsx_bytes,
}


def _write(name, content):
    path = file_path(name)
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(content))


def export_open_data(now=None):
    """Write the three files, then the manifest (last, so it never names a file not yet
    written); return the manifest."""
    now = now or timezone.now()
    records = catalogue_records()
    files = []
    for name, writer in WRITERS.items():
        content = writer(records)
        _write(name, content)
        files.append(
            {
                "name": name,
                "content_type": DATA_FILES[name],
                "records": len(records),
                "bytes": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
            }
        )
    manifest = {
        "title": "政府信息公开目录（开放数据）",
        "generated_at": timezone.localtime(now).isoformat(timespec="seconds"),
        "records": len(records),
        "documents": sum(r["record_type"] == KIND_DOCUMENT for r in records),
        "interpretations": sum(r["record_type"] == KIND_INTERPRETATION for r in records),
        "fields": [{"name": f.name, "label": f.label, "type": f.type} for f in FIELDS],
        "files": files,
    }
    _write(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    forget_every_page()  # the 开放数据 page lists the new manifest at once
    return manifest


def current_manifest():
    """The manifest of the last export, or None when there is none yet (or it is unreadable)."""
    path = file_path(MANIFEST)
    if not default_storage.exists(path):
        return None
    try:
        with default_storage.open(path) as handle:
            return json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError):
        return None


def open_file(name):
    """The stored file `name` (one of CONTENT_TYPES), opened for reading, or None."""
    if name not in CONTENT_TYPES or not default_storage.exists(file_path(name)):
        return None
    return default_storage.open(file_path(name))
