"""留言主题: the short, editable list of topics citizens choose from when they write.

Not the 22-class 主题分类 of policy documents (disclosure.models.Topic): those classes name
policy areas of the State Council's library; citizens writing to a county bureau choose among
a few plain topics of its work. Seeded by a data migration, edited as a snippet.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel


class MessageTopic(models.Model):
    name = models.CharField("名称", max_length=30, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("可选", default=True, help_text="取消后留言表单不再显示此主题。")

    panels = [FieldPanel("name"), FieldPanel("sort_order"), FieldPanel("active")]

    class Meta:
        verbose_name = "留言主题"
        verbose_name_plural = "留言主题"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name
