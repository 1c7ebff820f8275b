"""主题分类 (the gov.cn policy library's 22 classes with sub-classes, as data) and 体裁/文种.

Topics are rows seeded by a data migration (the 22 classes of the gov.cn 国务院政策文件库) and
editable in the admin; a document points at a sub-class (or a class without sub-classes). The
文种 list is fixed by 《党政机关公文处理工作条例》(2012) plus the usual catalogue genres.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from search.text import segment

# 15 公文文种 and the other 体裁 catalogues use (《党政机关公文处理工作条例》2012, Art.8).
GENRE_CHOICES = [
    (name, name)
    for name in (
        "决议 决定 命令（令） 公报 公告 通告 意见 通知 通报 报告 请示 批复 议案 函 纪要 "
        "解读 图解 公示 工作动态 规划 统计数据 年报 其他"
    ).split()
]


class Topic(index.Indexed, models.Model):
    code = models.CharField("编号", max_length=10, unique=True, help_text="如：2 或 2.1。")
    name = models.CharField("名称", max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("parent"),
        FieldPanel("sort_order"),
    ]
    # The admin's search (the 主题分类 chooser, the snippet listing): Wagtail's database backend
    # matches whole tokens, and a run of Chinese characters is one token, so the full name is
    # also indexed as jieba's words ("公开" finds 综合政务\政务公开). Saving a topic re-indexes
    # it; migration 0006 indexed the rows migration 0004 seeded.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
        index.SearchField("search_words"),
        index.AutocompleteField("search_words"),
    ]

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["sort_order"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """As item pages show it: 综合政务\\政务公开."""
        if self.parent_id:
            return f"{self.parent.name}\\{self.name}"
        return self.name

    @property
    def search_words(self):
        return segment(self.full_name)

    @property
    def top_level(self):
        return self.parent if self.parent_id else self
