"""Admin panels shared by the page types and snippets."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.widgets import AdminSnippetChooser


class ReadOnlyFieldPanel(FieldPanel):
    """A read-only field that says what an empty value means, where Wagtail shows "None".

    索引号 and 发布日期 are filled in at publication: before it they read 发布时自动生成.
    """

    def __init__(self, field_name, *args, empty_text="发布时自动生成", **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)
        self.empty_text = empty_text

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "empty_text": self.empty_text}

    def format_value_for_display(self, value):
        if value is None or value == "":
            return self.empty_text
        return super().format_value_for_display(value)


def choose_only(field_name, model):
    """A chooser of rows only 管理员 maintain (主题分类, 发布机构, 受理机构): editors choose one
    and are not offered 编辑这个…, which their role may not do (Wagtail links to the editor
    whatever the user's permissions)."""
    return FieldPanel(field_name, widget=AdminSnippetChooser(model, show_edit_link=False))
