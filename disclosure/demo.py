"""Demo content of the 政府信息公开 column for 伊金霍洛旗政务服务局.

Idempotent: organisations, pages and attachments are looked up by their natural keys (name,
slug under the parent) and only created when missing, so editors' changes survive re-runs.
The data itself is in demo_content.py.
"""

import io
from datetime import datetime, time

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model

from disclosure import demo_content as content
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
from portal.demo import PERFORMANCE_REPORT_FILE, text_to_body
from portal.models import HomePage, NavigationSettings

GUIDE_SECTIONS = {
    "classification": [
        "本机关主动公开的政府信息分为政府信息公开指南、政府信息公开制度、法定主动公开内容和政府信息公开年报四类；"
        "法定主动公开内容下设机构职能、政策文件、政策解读、规划计划、财政资金、政务服务、公共资源交易、人事信息等子栏目。",
        "每条政府信息按索引号、名称、内容概述、发布机构、成文日期、发布日期、文号、主题分类等要素编排，"
        "可在各栏目按主题分类、发布机构、年份、文种和有效性筛选，并可导出目录。",
    ],
    "how_to_obtain": [
        "主动公开的政府信息，可通过本网站“政府信息公开”栏目查阅、检索和下载，也可到政务服务中心一楼政府信息公开查阅点查阅。",
        "未主动公开的政府信息，公民、法人或者其他组织可以向本机关申请获取。",
    ],
    "proactive_disclosure": [
        "公开范围：依照《中华人民共和国政府信息公开条例》第二十条、第二十一条确定的政府信息，以及本机关基层政务公开标准目录所列事项。",
        "公开渠道：本网站、政府公报、政务新媒体、政务服务中心政府信息公开查阅点等。",
        "公开时限：属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。",
    ],
    "application_channels": [
        "当面申请：到本机关受理机构填写《政府信息公开申请表》。",
        "邮寄申请：填写申请表后邮寄至受理机构，请在信封左下角注明“政府信息公开申请”字样。",
        "传真申请：填写申请表后传真至受理机构，并电话确认。",
        "网上申请：通过本网站“依申请公开”栏目在线提交。",
        "电子邮件申请：将填写完整的申请表发送至受理机构电子邮箱。",
    ],
    "application_contents": [
        "（一）申请人的姓名或者名称、身份证明、联系方式；",
        "（二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；",
        "（三）申请公开的政府信息的形式要求，包括获取信息的方式、途径。",
        "申请内容不明确的，本机关将自收到申请之日起7个工作日内一次性告知申请人作出补正。",
    ],
    "procedure": [
        "本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。",
        "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。",
        "需要征求第三方或者其他机关意见的，所需时间不计算在答复期限内；第三方应当在收到征求意见书之日起15个工作日内提出意见。",
        "补正申请的，答复期限自本机关收到补正的申请之日起计算。",
    ],
    "fees": [
        "本机关提供政府信息不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
        "依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。",
        "按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的不收费；11—30件每件100元；31件以上按规定标准递增。",
        "按量计收：同一申请单件页数30页以下（含30页）的不收费；31—100页每页10元；101—200页每页20元；201页以上每页40元。",
    ],
    "exemptions": [
        "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开（条例第十四条）。",
        "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，不予公开；第三方同意公开或者不公开会对公共利益造成重大影响的除外（条例第十五条）。",
        "人事管理、后勤管理、内部工作流程等内部事务信息，以及讨论记录、过程稿、磋商信函、请示报告等过程性信息和行政执法案卷信息，可以不予公开（条例第十六条）。",
    ],
    "remedies": [
        "公民、法人或者其他组织认为本机关未依法履行政府信息公开义务的，可以向伊金霍洛旗人民政府办公室（政务公开办公室）投诉、举报。",
        "认为本机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。",
    ],
}

GUIDE_INTRO = (
    "为便于公民、法人和其他组织获取政府信息，依照《中华人民共和国政府信息公开条例》，编制本指南。"
)


def html_paragraphs(lines):
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def stream_paragraphs(lines):
    return [("paragraph", html_paragraphs(lines))] if lines else []


def at_nine(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def docx_bytes(title, paragraphs):
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_heading(title, level=1)
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


def budget_rows(year, kind, total):
    basic = round(total * 0.66, 1)
    return [
        ("项目", f"{year}年{kind}数（万元）"),
        ("收入合计", total),
        ("一般公共预算财政拨款收入", total),
        ("支出合计", total),
        ("基本支出", basic),
        ("项目支出", round(total - basic, 1)),
        ("“三公”经费", 4.0),
    ]


def attachment_file(spec, filename, kind):
    """The bytes of a demo attachment, generated so every download is a real file."""
    title = filename.rsplit(".", 1)[0]
    if kind == "report-docx":
        text = PERFORMANCE_REPORT_FILE.read_text("utf-8")
        return docx_bytes(
            spec["title"], [line.strip() for line in text.splitlines() if line.strip()]
        )
    if kind == "xlsx":
        if "budget" in spec:
            return xlsx_bytes(title, budget_rows(*spec["budget"]))
        return xlsx_bytes(
            title,
            [("序号", "事项名称", "责任单位")]
            + [(n, f"{title}第{n}项（演示）", "伊金霍洛旗政务服务局") for n in range(1, 11)],
        )
    return docx_bytes(title, spec.get("body", []))


def add_attachment(page, spec, filename, kind):
    Document = get_document_model()
    document = Document(title=filename.rsplit(".", 1)[0])
    document.file.save(filename, ContentFile(attachment_file(spec, filename, kind)), save=False)
    document.save()
    DocumentAttachment.objects.create(
        page=page, document=document, sort_order=page.attachments.count()
    )


def document_body(spec, publisher):
    if spec.get("performance_report"):
        return text_to_body(PERFORMANCE_REPORT_FILE.read_text("utf-8"))
    lines = list(spec.get("body", []))
    body = []
    if enclosed := spec.get("enclosed"):
        body += stream_paragraphs(
            [content.NOTICE_OPENING, f"现将《{enclosed}》印发给你们，请结合实际，认真贯彻落实。"]
        )
        body.append(("heading", {"text": enclosed, "level": "h2"}))
    body += stream_paragraphs(lines)
    if "budget" in spec:
        year, kind, total = spec["budget"]
        body += stream_paragraphs(
            [spec["summary"], f"详细情况见附件《{year}年部门{kind}公开表》。"]
        )
    signed = spec["written"]
    body.append(
        (
            "paragraph",
            f"<p>{escape(publisher.name)}<br/>{signed.year}年{signed.month}月{signed.day}日</p>",
        )
    )
    return body


def child(parent, slug):
    found = parent.get_children().filter(slug=slug).first()
    return found.specific if found else None


def publish(page, when=None):
    page.save_revision().publish()
    if when is not None:
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=at_nine(when), last_published_at=at_nine(when)
        )


class Seeder:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = 0

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def organisations(self):
        self.orgs = {}
        for key, fields in content.ORGANISATIONS.items():
            self.orgs[key], _ = Organisation.objects.get_or_create(
                uscc=fields["uscc"], defaults=fields
            )
        self.office, _ = DisclosureOffice.objects.get_or_create(
            name=content.OFFICE["name"],
            defaults={**content.OFFICE, "organisation": self.orgs[content.BUREAU]},
        )

    def column_root(self, home):
        root = child(home, "xxgk")
        if root is None:
            root = DisclosureIndexPage(
                title="政府信息公开",
                slug="xxgk",
                column_type="政府信息公开",
                show_in_menus=True,
                summary="本机关依法主动公开的政府信息、公开指南、制度和年度报告。",
            )
            home.add_child(instance=root)
            publish(root)
            self.created += 1
            self.add_to_navigation(home, root)
        elif not isinstance(root, DisclosureIndexPage):
            raise RuntimeError(
                "/xxgk/ 已存在且不是“政府信息公开栏目”页面；请删除后重新载入演示内容。"
            )
        for page in root.ensure_level1_columns():
            self.created += 1
            self.fill_level1(page.specific)
        return root

    def add_to_navigation(self, home, root):
        navigation = NavigationSettings.for_site(home.get_site())
        pages = [block.value["page"] for block in navigation.main_navigation]
        if any(page and page.pk == root.pk for page in pages):
            return
        items = [
            ("link", {"page": p, "title": b.value["title"]})
            for p, b in zip(pages, navigation.main_navigation, strict=True)
        ]
        position = 1 if items else 0  # after 机构概况
        items.insert(position, ("link", {"page": root, "title": ""}))
        navigation.main_navigation = items
        navigation.save()

    def fill_level1(self, page):
        if isinstance(page, DisclosureGuidePage):
            page.summary = GUIDE_INTRO
            page.version_date = timezone.localdate().replace(month=1, day=1)
            page.office = self.office
            for name, lines in GUIDE_SECTIONS.items():
                setattr(page, name, html_paragraphs(lines))
        else:
            summary, lines = content.COLUMN_TEXTS.get(page.slug, ("", []))
            page.summary = summary or (
                "依照《中华人民共和国政府信息公开条例》第二十条、第二十一条主动公开的政府信息。"
            )
            page.body = stream_paragraphs(lines)
            if page.slug == "apply":
                page.contact_office = self.office
        publish(page)

    def sub_columns(self, root):
        statutory = child(root, "statutory")
        self.columns = {"rules": child(root, "rules")}
        for slug, title, column_type, summary in content.STATUTORY_COLUMNS:
            column = child(statutory, slug)
            if column is None:
                column = DisclosureColumnPage(
                    title=title,
                    slug=slug,
                    column_type=column_type,
                    summary=summary,
                    show_in_menus=True,
                )
                statutory.add_child(instance=column)
                publish(column)
                self.created += 1
            self.columns[slug] = column
        if child(statutory, "standard-catalogue") is None:
            catalogue = StandardCataloguePage(
                title="公共资源交易领域基层政务公开标准目录",
                slug="standard-catalogue",
                area="公共资源交易",
                summary="依据《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）编制。",
                rows=[
                    (
                        "row",
                        {
                            "item_level1": level1,
                            "item_level2": level2,
                            "content": what,
                            "basis": basis,
                            "time_limit": "信息形成或者变更之日起20个工作日内",
                            "subject": "伊金霍洛旗公共资源交易中心",
                            "channels": ["政府网站", "公开查阅点"],
                            "audience": ["全社会"],
                            "manner": ["主动"],
                            "level": ["县级"],
                        },
                    )
                    for level1, level2, what, basis in content.STANDARD_CATALOGUE_ROWS
                ],
            )
            statutory.add_child(instance=catalogue)
            publish(catalogue)
            self.created += 1

    def documents(self):
        topics = {topic.code: topic for topic in Topic.objects.all()}
        self.documents_by_slug = {}
        for spec in sorted(content.DOCUMENTS, key=lambda s: (s["published"], s["slug"])):
            column = self.columns[spec["column"]]
            page = child(column, spec["slug"])
            if page is None:
                page = self.create_document(column, spec, topics)
            self.documents_by_slug[spec["slug"]] = page
        for spec in content.DOCUMENTS:
            page = self.documents_by_slug[spec["slug"]]
            for kind, target_slug in spec.get("relations", []):
                DocumentRelation.objects.get_or_create(
                    page=page, target=self.documents_by_slug[target_slug], kind=kind
                )
        withheld = content.WITHHELD_DOCUMENT
        column = self.columns[withheld["column"]]
        if child(column, withheld["slug"]) is None:
            page = self.document_page(withheld, topics)
            page.live = False
            page.disclosure_attribute = withheld["attribute"]
            page.non_disclosure_reason = withheld["reason"]
            page.requires_interpretation = False
            column.add_child(instance=page)
            page.save_revision()
            self.created += 1

    def document_page(self, spec, topics):
        publisher = self.orgs[spec.get("publisher", content.BUREAU)]
        return PolicyDocumentPage(
            title=spec["title"],
            slug=spec["slug"],
            publisher=publisher,
            document_number=spec["number"],
            written_date=spec["written"],
            publish_date=spec.get("published"),
            topic=topics[spec["topic"]],
            genre=spec["genre"],
            legal_form=spec.get("legal_form", "其他文件"),
            keywords=spec["keywords"],
            summary=spec["summary"],
            body=document_body(spec, publisher),
            validity=spec.get("validity", "valid"),
            repeal_date=spec.get("repeal_date"),
            requires_interpretation=spec.get(
                "interpretation", spec["column"] in ("policies", "plans")
            ),
        )

    def create_document(self, column, spec, topics):
        page = self.document_page(spec, topics)
        column.add_child(instance=page)
        for filename, kind in spec.get("attachments", []):
            add_attachment(page, spec, filename, kind)
        if "budget" in spec:
            year, kind, _total = spec["budget"]
            add_attachment(page, spec, f"{year}年部门{kind}公开表.xlsx", "xlsx")
        publish(page, spec["published"])
        self.created += 1
        return page

    def interpretations(self):
        column = self.columns["interpretations"]
        calendar = working_calendar()
        for slug, document_slug, title, form, days, parts in content.INTERPRETATIONS:
            if child(column, slug) is not None:
                continue
            document = self.documents_by_slug[document_slug]
            published = calendar.add_working_days(document.publish_date, days)
            page = PolicyInterpretationPage(
                title=title,
                slug=slug,
                policy_document=document,
                interpretation_form=form,
                publisher=document.publisher,
                publish_date=published,
                keywords=document.keywords,
                **{name: html_paragraphs([text]) for name, text in parts.items()},
            )
            column.add_child(instance=page)
            publish(page, published)
            self.created += 1


@transaction.atomic
def seed(stdout=None):
    home = HomePage.objects.first()
    if home is None:
        return 0
    seeder = Seeder(stdout)
    seeder.organisations()
    root = seeder.column_root(home)
    seeder.sub_columns(root)
    seeder.documents()
    seeder.interpretations()
    seeder.say(f"政府信息公开演示内容已就绪（新建页面 {seeder.created} 个）。")
    return seeder.created
