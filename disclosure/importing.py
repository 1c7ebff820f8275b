"""Import legacy documents from a CSV or XLSX table plus a folder of attachments.

One row = one policy document. Each row is checked and saved in its own transaction: a row
with any problem is rolled back completely (page, attachments, files) and reported with its
row number, field and reason; the other rows are unaffected. Re-running the same file is
safe: a row whose document already exists (same 索引号, or same 发布机构 + 文号, or same
发布机构 + 名称 + 成文日期) is skipped. In dry-run mode every row is checked the same way and
then rolled back.

The table is read by core.tabular: CSV in UTF-8 (with or without BOM), GB18030/GBK or
UTF-16 with BOM, or XLSX. Blank rows are skipped; rows are reported by their number in the
file (the header is row 1 when the file starts with it).

Columns (the header row uses these Chinese names; only 名称, 发布机构, 成文日期, 主题分类 and
文种 are required):

    索引号 名称 文号 发布机构 成文日期 发布日期 主题分类 文种 文件类别 关键词 有效性 生效日期
    废止日期 公开属性 不公开理由 内容概述 正文 附件 栏目

- 发布机构: full name or 统一社会信用代码 of an existing organisation.
- 主题分类: code (2.1) or name path (综合政务\\政务公开).
- 附件: file names in the attachments folder, separated by ; or ；.
- 栏目: slug path of the target column below the column root (e.g. statutory/policies);
  defaults to the --column given on the command line.
- 索引号: kept when given (it never changes); the yearly counter moves past it. Documents
  without one get theirs when published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.html import escape
from wagtail.documents import get_document_model

from core import tabular
from core.rules.index_number import IndexNumberError, parse_serial
from disclosure import conf
from disclosure.index_numbers import record_existing_index_number
from disclosure.models import (
    GENRE_CHOICES,
    DisclosureAttribute,
    DisclosureColumnPage,
    DocumentAttachment,
    LegalForm,
    Organisation,
    PolicyDocumentPage,
    Topic,
    Validity,
)
from disclosure.models.policy_documents import ATTACHMENT_EXTENSIONS

REQUIRED = ["名称", "发布机构", "成文日期", "主题分类", "文种"]
KNOWN = REQUIRED + [
    "索引号",
    "文号",
    "发布日期",
    "文件类别",
    "关键词",
    "有效性",
    "生效日期",
    "废止日期",
    "公开属性",
    "不公开理由",
    "内容概述",
    "正文",
    "附件",
    "栏目",
]
FIELD_LABELS = {
    "title": "名称",
    "document_number": "文号",
    "written_date": "成文日期",
    "publish_date": "发布日期",
    "summary": "内容概述",
    "non_disclosure_reason": "不公开理由",
    "validity": "有效性",
    "repeal_date": "废止日期",
    "effective_date": "生效日期",
    "disclosure_attribute": "公开属性",
    "index_number": "索引号",
    "slug": "名称",
    "topic": "主题分类",
    "genre": "文种",
    "publisher": "发布机构",
    "keywords": "关键词",
}
VALIDITY_BY_LABEL = {label: value for value, label in Validity.choices}
ATTRIBUTE_BY_LABEL = {label: value for value, label in DisclosureAttribute.choices}
GENRES = {value for value, _label in GENRE_CHOICES}


class RowError(Exception):
    def __init__(self, field_name, reason):
        self.field_name = field_name
        self.reason = reason
        super().__init__(f"{field_name}：{reason}")


@dataclass
class Rejection:
    row: int
    field: str
    reason: str


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (row number, {column: text}) of each non-blank row of a CSV (UTF-8 with or
    without BOM, GB18030/GBK, UTF-16 with BOM) or XLSX file. Raises ValueError (TableError)
    with a Chinese message."""
    table = tabular.read_table(path.name, path.read_bytes())
    header = table.header
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ValueError("表头缺少必需的列：" + "、".join(missing))
    unknown = [name for name in header if name and name not in KNOWN]
    if unknown:
        raise ValueError("表头有无法识别的列：" + "、".join(unknown))
    records = []
    for number, values in table.rows:
        records.append(
            (
                number,
                {
                    name: tabular.cell_text(value).strip()
                    for name, value in zip(header, values, strict=False)
                    if name
                },
            )
        )
    return header, records


def row_error_from(error: ValidationError) -> RowError:
    """The first problem of a model ValidationError, named by its column."""
    if hasattr(error, "error_dict"):
        name, messages = next(iter(error.message_dict.items()))
        column = "整行" if name == "__all__" else FIELD_LABELS.get(name, name)
        return RowError(column, "；".join(messages))
    return RowError("整行", "；".join(error.messages))


def parse_date(text, field_name, required=False):
    if not text:
        if required:
            raise RowError(field_name, "不能为空")
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(field_name, f"“{text}”不是有效日期，请使用 YYYY-MM-DD 格式")


class DocumentImporter:
    def __init__(self, column_root, attachments_dir=None, default_column=None):
        self.root = column_root
        self.attachments_dir = Path(attachments_dir) if attachments_dir else None
        self.default_column = default_column or ""
        self.topics = {t.code: t for t in Topic.objects.select_related("parent")}
        self.topics_by_name = {t.full_name: t for t in self.topics.values()}
        self.topics_by_name.update({t.name: t for t in self.topics.values() if not t.parent_id})

    # -- lookups --------------------------------------------------------------------------

    def publisher(self, text):
        if not text:
            raise RowError("发布机构", "不能为空")
        found = Organisation.objects.filter(Q(name=text) | Q(uscc=text)).first()
        if found is None:
            raise RowError(
                "发布机构", f"找不到“{text}”，请先在后台“发布机构”中添加（全称或统一社会信用代码）"
            )
        return found

    def topic(self, text):
        found = self.topics.get(text) or self.topics_by_name.get(text.replace("/", "\\"))
        if found is None:
            raise RowError(
                "主题分类", f"“{text}”不在主题分类中，请填写编号（如2.1）或“综合政务\\政务公开”"
            )
        return found

    def column(self, path_text):
        path_text = (path_text or self.default_column).strip("/")
        page = self.root
        for slug in [part for part in path_text.split("/") if part]:
            page = page.get_children().filter(slug=slug).first()
            if page is None:
                raise RowError("栏目", f"找不到栏目“{path_text}”")
        page = page.specific
        if not isinstance(page, DisclosureColumnPage):
            raise RowError("栏目", f"“{path_text or '/'}”不是可以存放文件的子栏目")
        return page

    def existing(self, index_number, publisher, number, title, written):
        documents = PolicyDocumentPage.objects.all()
        if index_number:
            found = documents.filter(index_number=index_number).first()
            if found:
                return found
        if number:
            return documents.filter(publisher=publisher, document_number=number).first()
        return documents.filter(publisher=publisher, title=title, written_date=written).first()

    def attachment_paths(self, text):
        names = [name.strip() for name in text.replace("；", ";").split(";") if name.strip()]
        if names and self.attachments_dir is None:
            raise RowError("附件", "该行列出了附件，但没有指定附件目录（--attachments）")
        paths = []
        for name in names:
            path = self.attachments_dir / name
            if path.suffix.lstrip(".").lower() not in ATTACHMENT_EXTENSIONS:
                raise RowError(
                    "附件", f"“{name}”的格式不受支持，只接受 " + "、".join(ATTACHMENT_EXTENSIONS)
                )
            if not path.is_file():
                raise RowError("附件", f"附件目录中找不到“{name}”")
            paths.append(path)
        return paths

    # -- one row --------------------------------------------------------------------------

    def build(self, record):
        title = record.get("名称", "")
        if not title:
            raise RowError("名称", "不能为空")
        publisher = self.publisher(record.get("发布机构", ""))
        written = parse_date(record.get("成文日期", ""), "成文日期", required=True)
        published = parse_date(record.get("发布日期", ""), "发布日期")
        genre = record.get("文种", "")
        if genre not in GENRES:
            raise RowError("文种", f"“{genre}”不是有效的文种，可选：" + "、".join(sorted(GENRES)))
        validity_label = record.get("有效性", "") or "有效"
        if validity_label not in VALIDITY_BY_LABEL:
            raise RowError("有效性", f"“{validity_label}”无效，应为有效、失效或废止")
        attribute_label = record.get("公开属性", "") or "主动公开"
        if attribute_label not in ATTRIBUTE_BY_LABEL:
            raise RowError(
                "公开属性", f"“{attribute_label}”无效，应为主动公开、依申请公开或不予公开"
            )
        legal_form = record.get("文件类别", "") or LegalForm.OTHER
        if legal_form not in LegalForm.values:
            raise RowError("文件类别", f"“{legal_form}”无效，应为" + "、".join(LegalForm.values))
        index_number = record.get("索引号", "")
        if index_number:
            try:
                parse_serial(conf.index_number_pattern(), index_number)
            except IndexNumberError as error:
                raise RowError("索引号", str(error)) from None
            if not published:
                raise RowError("发布日期", "带索引号的已发布文件必须填写发布日期")
        page = PolicyDocumentPage(
            title=title,
            publisher=publisher,
            document_number=record.get("文号", ""),
            written_date=written,
            publish_date=published,
            topic=self.topic(record.get("主题分类", "")),
            genre=genre,
            legal_form=legal_form,
            keywords=record.get("关键词", ""),
            validity=VALIDITY_BY_LABEL[validity_label],
            effective_date=parse_date(record.get("生效日期", ""), "生效日期"),
            repeal_date=parse_date(record.get("废止日期", ""), "废止日期"),
            disclosure_attribute=ATTRIBUTE_BY_LABEL[attribute_label],
            non_disclosure_reason=record.get("不公开理由", ""),
            summary=record.get("内容概述", ""),
            body=[
                (
                    "paragraph",
                    "".join(
                        f"<p>{escape(line)}</p>"
                        for line in record.get("正文", "").splitlines()
                        if line.strip()
                    ),
                )
            ]
            if record.get("正文", "").strip()
            else [],
            index_number=index_number or None,
            requires_interpretation=False,  # legacy documents: interpretations are not retrofitted
        )
        return page

    def import_row(self, record, publish=True):
        """Create the document of one row; returns (created page or None, existing page)."""
        page = self.build(record)
        existing = self.existing(
            page.index_number, page.publisher, page.document_number, page.title, page.written_date
        )
        if existing is not None:
            return None, existing
        column = self.column(record.get("栏目", ""))
        attachments = self.attachment_paths(record.get("附件", ""))
        live = publish and page.disclosure_attribute == DisclosureAttribute.PROACTIVE
        if page.index_number:
            record_existing_index_number(page.publisher, page.index_number)
        page.live = live
        page.has_unpublished_changes = not live
        try:
            column.add_child(instance=page)
        except ValidationError as error:
            raise row_error_from(error) from None
        except IntegrityError:
            raise RowError("索引号", f"索引号“{page.index_number}”已被其他文件使用") from None
        Document = get_document_model()
        for order, path in enumerate(attachments):
            with path.open("rb") as handle:
                document = Document(title=path.stem)
                document.file.save(path.name, File(handle), save=False)
                self.saved_files.append(document.file)
                document.save()
            DocumentAttachment.objects.create(page=page, document=document, sort_order=order)
        revision = page.save_revision()
        if live:
            revision.publish()
        return page, None

    def run(self, records, *, dry_run=False, publish=True, progress=None):
        """Import `records`, (row number in the file, {column: text}) as read_table gives."""
        report = ImportReport()
        for number, record in records:
            self.saved_files = []
            try:
                with transaction.atomic():
                    created, existing = self.import_row(record, publish=publish)
                    if dry_run:
                        transaction.set_rollback(True)
            except ValidationError as error:
                self.delete_saved_files()
                error = row_error_from(error)
                report.rejected.append(Rejection(number, error.field_name, error.reason))
            except RowError as error:
                self.delete_saved_files()
                report.rejected.append(Rejection(number, error.field_name, error.reason))
            else:
                if dry_run:
                    self.delete_saved_files()
                if created is not None:
                    report.created.append(created.title)
                else:
                    report.skipped.append(existing.title)
            if progress is not None:
                progress.update(1)
        return report

    def delete_saved_files(self):
        for stored in self.saved_files:
            stored.storage.delete(stored.name)
        self.saved_files = []
