"""StreamField blocks shared by every page type (one module, as in wagtail/bakerydemo)."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from portal import languages


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="标题文字")
    level = blocks.ChoiceBlock(
        label="级别",
        choices=[("h2", "二级标题"), ("h3", "三级标题")],
        default="h2",
        search_index=False,  # "二级标题" is layout, not content to search
    )

    class Meta:
        icon = "title"
        label = "小标题"
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    alt = blocks.CharBlock(
        label="替代文字", help_text="供读屏软件朗读，描述图片内容。必填。", max_length=200
    )
    caption = blocks.CharBlock(label="图注", required=False, default="")

    class Meta:
        icon = "image"
        label = "图片"
        template = "blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="显示名称", required=False, default="")

    class Meta:
        icon = "doc-full"
        label = "附件"
        template = "blocks/document_block.html"


class TextBodyBlock(blocks.StreamBlock):
    """正文 of pages whose files have their own 附件 panel (政策文件: type and size are listed
    there), so a file has one place to go."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label="正文", icon="pilcrow")
    image = ImageBlock()
    table = TableBlock(label="表格", table_options={"renderer": "text"})

    class Meta:
        label = "正文"


class BodyBlock(TextBodyBlock):
    """正文 of the other pages, which may carry a file inside the text."""

    document = DocumentBlock()

    class Meta:
        label = "正文"


# The home page (portal.HomePage.body): every part of it is one of these blocks, arranged by
# editors; nothing on the home page is written into a template.


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site, or else to an address (政务服务网, another portal)."""

    title = blocks.CharBlock(label="名称", max_length=40)
    page = blocks.PageChooserBlock(label="站内页面", required=False)
    url = blocks.CharBlock(
        label="链接地址",
        required=False,
        default="",
        max_length=300,
        help_text="未选择站内页面时使用。",
    )
    description = blocks.CharBlock(label="说明", required=False, default="", max_length=80)

    class Meta:
        icon = "link"
        label = "链接"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("请选择站内页面或填写链接地址。")}
            )
        return value


class NoticeBannerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="公告文字", max_length=200)
    link = LinkBlock(label="详情链接", required=False)

    class Meta:
        icon = "warning"
        label = "公告横幅"
        template = "blocks/home/notice_banner.html"


class HomeSearchBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", default="站内搜索", max_length=40)
    hot_searches = blocks.ListBlock(
        blocks.CharBlock(max_length=40), label="热门搜索", help_text="每项一个搜索词。"
    )

    class Meta:
        icon = "search"
        label = "搜索框"
        template = "blocks/home/search.html"


class LatestItemsBlock(blocks.StructBlock):
    """The newest pages below a column, with their 发布日期 and, for documents, 文号."""

    title = blocks.CharBlock(
        label="标题", required=False, default="", help_text="留空则用栏目名称。"
    )
    column = blocks.PageChooserBlock(label="栏目")
    count = blocks.IntegerBlock(label="条数", default=6, min_value=1, max_value=20)

    class Meta:
        icon = "list-ul"
        label = "栏目最新信息"
        template = "blocks/home/latest_items.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        column = value["column"]
        items = []
        if column is not None and column.live:
            # Demo and imported pages carry their 发布日期 as first_published_at.
            items = (
                Page.objects.live()
                .public()
                .descendant_of(column)
                .exclude(first_published_at=None)
                .order_by("-first_published_at")
                .specific()[: value["count"]]
            )
        context["items"] = items
        return context


class LinkGroupBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", max_length=40)
    style = blocks.ChoiceBlock(
        label="样式",
        choices=[("tiles", "入口方块（如政府信息公开入口）"), ("list", "链接列表（如快捷链接）")],
        default="tiles",
    )
    links = blocks.ListBlock(LinkBlock(), label="链接")

    class Meta:
        icon = "grip"
        label = "入口链接组"
        template = "blocks/home/link_group.html"

    def get_context(self, value, parent_context=None):
        """Each link with the page it opens: on a Mongolian page, the Mongolian translation of
        the chosen page when one is live (one query; none on Chinese pages), as the
        navigation does (portal/languages.py)."""
        context = super().get_context(value, parent_context)
        chosen = [link["page"] for link in value["links"] if link["page"]]
        translated = languages.translated_targets(chosen, languages.language().code)
        context["links"] = [
            (
                link,
                translated.get(link["page"].translation_key, link["page"])
                if link["page"]
                else None,
            )
            for link in value["links"]
        ]
        return context


class HomeBlock(blocks.StreamBlock):
    notice = NoticeBannerBlock()
    search = HomeSearchBlock()
    latest = LatestItemsBlock()
    links = LinkGroupBlock()

    class Meta:
        label = "首页内容"
