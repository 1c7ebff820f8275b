"""StreamField blocks shared by every page type (one module, as in wagtail/bakerydemo)."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


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
    caption = blocks.CharBlock(label="图注", required=False)

    class Meta:
        icon = "image"
        label = "图片"
        template = "blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="显示名称", required=False)

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
