"""The 政府信息公开 demo: organisations, the column tree with the guide and the standard
catalogue (portal/demo_data/disclosure.yaml), policy documents with their attachments
(documents.yaml) and interpretations (interpretations.yaml).

Documents are published in the order of their 发布日期, so the real code allocates their
索引号 serials in that order. A document without a 发布日期 is saved as a draft.
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from disclosure.calendar import working_calendar
from disclosure.models import (
    DisclosureColumnPage,
    DisclosureGuidePage,
    DisclosureIndexPage,
    DisclosureOffice,
    DocumentAttachment,
    DocumentRelation,
    Organisation,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    StandardCataloguePage,
    Topic,
)
from portal.models import NavigationSettings

from . import read, read_text, say
from .pages import child, html_paragraphs, publish, published_at, stream_body
from .site import bureau_home


@transaction.atomic
def load(stdout=None):
    home = bureau_home()
    if home is None:
        return 0
    demo = DisclosureDemo(read("disclosure"))
    root = demo.column_root(home)
    demo.statutory_columns(root)
    documents = demo.documents(read("documents"))
    demo.interpretations(read("interpretations")["interpretations"], documents)
    say(stdout, f"政府信息公开演示内容已就绪（新建页面 {demo.created} 个）。")
    return demo.created


class DisclosureDemo:
    def __init__(self, data):
        self.data = data
        self.created = 0
        self.organisations = {}
        for key, fields in data["organisations"].items():
            self.organisations[key], _ = Organisation.objects.get_or_create(
                uscc=fields["uscc"], defaults=fields
            )
        office = dict(data["office"])
        office["organisation"] = self.organisations[office["organisation"]]
        self.office, _ = DisclosureOffice.objects.get_or_create(
            name=office["name"], defaults=office
        )

    def add(self, parent, page):
        parent.add_child(instance=page)
        self.created += 1
        return page

    # -- columns ----------------------------------------------------------------------------

    def column_root(self, home, in_navigation=True):
        """The 政府信息公开 column root below `home` (a home page, or a unit directory page)."""
        spec = self.data["column_root"]
        root = child(home, spec["slug"])
        if root is None:
            root = self.add(home, DisclosureIndexPage(**spec))
            publish(root)
            if in_navigation:
                add_to_navigation(home, root)
        elif not isinstance(root, DisclosureIndexPage):
            raise RuntimeError(
                f"/{spec['slug']}/ 已存在且不是“政府信息公开栏目”页面；请删除后重新载入演示内容。"
            )
        # The level-1 columns come from DISCLOSURE_LEVEL1_COLUMNS, as for a real site; the
        # demo fills in the ones just created.
        for page in root.ensure_level1_columns():
            self.created += 1
            self.fill_level1(page.specific, self.data["level1_columns"].get(page.slug, {}))
        return root

    def fill_level1(self, page, spec):
        page.summary = spec.get("summary", "")
        if isinstance(page, DisclosureGuidePage):
            page.version_date = timezone.localdate().replace(month=1, day=1)  # this year's
            page.office = self.office
            for name, lines in spec["sections"].items():
                setattr(page, name, html_paragraphs(lines))
        else:
            page.body = stream_body(spec.get("body", []))
            if spec.get("contact_office"):
                page.contact_office = self.office
        publish(page)

    def statutory_columns(self, root):
        statutory = child(root, "statutory")
        self.columns = {"rules": child(root, "rules")}
        for spec in self.data["statutory_columns"]:
            column = child(statutory, spec["slug"])
            if column is None:
                fields = dict(spec)
                fields["body"] = stream_body(fields.get("body", []))
                column = self.add(statutory, DisclosureColumnPage(**fields))
                publish(column)
            self.columns[spec["slug"]] = column
        if "standard_catalogue" not in self.data:
            return
        spec = dict(self.data["standard_catalogue"])
        if child(statutory, spec["slug"]) is None:
            every_row = spec.pop("every_row")
            spec["rows"] = [("row", {**row, **every_row}) for row in spec["rows"]]
            publish(self.add(statutory, StandardCataloguePage(**spec)))

    # -- documents --------------------------------------------------------------------------

    def documents(self, data):
        """Create the missing documents; return all of them by slug."""
        topics = {topic.code: topic for topic in Topic.objects.all()}
        entries = [(column, spec) for column, specs in data.items() for spec in specs]
        published = [entry for entry in entries if entry[1].get("publish_date")]
        published.sort(key=lambda entry: (entry[1]["publish_date"], entry[1]["slug"]))
        drafts = [entry for entry in entries if not entry[1].get("publish_date")]
        pages = {}
        for column_slug, spec in published + drafts:
            column = self.columns[column_slug]
            page = child(column, spec["slug"])
            if page is None:
                page = self.create_document(column, spec, topics)
            pages[spec["slug"]] = page
        for _column, spec in entries:
            for relation in spec.get("relations", []):
                DocumentRelation.objects.get_or_create(
                    page=pages[spec["slug"]],
                    target=pages[relation["document"]],
                    kind=relation["kind"],
                )
        return pages

    def create_document(self, column, spec, topics):
        fields = dict(spec)
        attachments = fields.pop("attachments", [])
        fields.pop("relations", None)  # added once all documents exist
        fields["publisher"] = self.organisations[fields["publisher"]]
        fields["topic"] = topics[fields["topic"]]
        fields["body"] = stream_body(fields["body"])
        live = bool(fields.get("publish_date"))
        if live:
            fields["first_published_at"] = published_at(fields["publish_date"])
        page = self.add(column, PolicyDocumentPage(live=live, **fields))
        for order, attachment in enumerate(attachments):
            add_attachment(page, attachment, order)
        if live:
            publish(page)
        else:
            page.save_revision()
        return page

    def interpretations(self, specs, documents):
        column = self.columns["interpretations"]
        calendar = working_calendar()
        for spec in specs:
            if child(column, spec["slug"]) is not None:
                continue
            document = documents[spec["document"]]
            day = calendar.add_working_days(document.publish_date, spec["working_days_after"])
            page = PolicyInterpretationPage(
                title=spec["title"],
                slug=spec["slug"],
                policy_document=document,
                interpretation_form=spec["interpretation_form"],
                publisher=document.publisher,
                publish_date=day,
                first_published_at=published_at(day),
                keywords=document.keywords,
                **{name: html_paragraphs([text]) for name, text in spec["parts"].items()},
            )
            publish(self.add(column, page))


def add_to_navigation(home, root):
    """Put the column root into the main navigation, after 机构概况."""
    navigation = NavigationSettings.for_site(home.get_site())
    pages = [block.value["page"] for block in navigation.main_navigation]
    if any(page and page.pk == root.pk for page in pages):
        return
    items = [
        ("link", {"page": page, "title": block.value["title"]})
        for page, block in zip(pages, navigation.main_navigation, strict=True)
    ]
    items.insert(1 if items else 0, ("link", {"page": root, "title": ""}))
    navigation.main_navigation = items
    navigation.save()


# -- attachments ----------------------------------------------------------------------------


def add_attachment(page, spec, order):
    """A generated DOCX or XLSX file (documents.yaml says what is in it), attached to `page`."""
    name = spec["file"]
    title = name.rsplit(".", 1)[0]
    if name.endswith(".xlsx"):
        content = xlsx_bytes(title, spec.get("rows") or demo_list_rows(title))
    else:
        lines = spec.get("text", [])
        if "text_file" in spec:
            lines = [line.strip() for line in read_text(spec["text_file"]).splitlines()]
        content = docx_bytes(spec.get("heading", title), [line for line in lines if line])
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    DocumentAttachment.objects.create(page=page, document=document, sort_order=order)


def demo_list_rows(title):
    """A ten-item list for an .xlsx attachment that gives no rows of its own."""
    return [("序号", "事项名称", "责任单位")] + [
        (n, f"{title}第{n}项（演示）", "伊金霍洛旗政务服务局") for n in range(1, 11)
    ]


def docx_bytes(heading, paragraphs):
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_heading(heading, level=1)
    for line in paragraphs:
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(title, rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "附表"
    sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
