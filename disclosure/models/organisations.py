"""发布机构 (publishing organisations) and the 政府信息公开工作机构 contact block.

Organisations are snippets: a full official name (no abbreviations, 目录系统实施指引)
and a 统一社会信用代码, the 前段码 of their 索引号. The office contact block (条例 Art.12:
名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式) is one snippet shown by the
guide, the 依申请公开 column and anything else that needs it, so it is typed once.
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.rules.identifiers import validate_uscc


def uscc_validator(value):
    problem = validate_uscc(value)
    if problem:
        raise ValidationError(problem)


class Organisation(index.Indexed, models.Model):
    name = models.CharField(
        "机构全称", max_length=100, unique=True, help_text="使用规范全称，不用简称。"
    )
    short_name = models.CharField("简称", max_length=50, blank=True)
    uscc = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        validators=[uscc_validator],
        help_text="18位，作为索引号的前段码。",
    )
    org_code = models.CharField(
        "机构代码",
        max_length=30,
        blank=True,
        help_text="仅当本地区索引号使用其他机构代码（{org_code}）作前段码时填写。",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("uscc"),
        FieldPanel("org_code"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "发布机构"
        verbose_name_plural = "发布机构"
        ordering = ["name"]

    def __str__(self):
        return self.name


class DisclosureOffice(models.Model):
    """The office that receives 依申请公开 applications (政府信息公开工作机构)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="所属机关", on_delete=models.PROTECT, related_name="offices"
    )
    name = models.CharField("受理机构名称", max_length=100)
    address = models.CharField("办公地址", max_length=200)
    postcode = models.CharField("邮政编码", max_length=6)
    office_hours = models.CharField("办公时间", max_length=200)
    phone = models.CharField("联系电话", max_length=50)
    fax = models.CharField("传真号码", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    online_application_url = models.CharField(
        "网上申请地址", max_length=200, blank=True, help_text="如：/applications/"
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("office_hours"),
        FieldPanel("phone"),
        FieldPanel("fax"),
        FieldPanel("email"),
        FieldPanel("online_application_url"),
    ]

    class Meta:
        verbose_name = "政府信息公开受理机构"
        verbose_name_plural = "政府信息公开受理机构"

    def __str__(self):
        return self.name

    def clean(self):
        if self.postcode and not (len(self.postcode) == 6 and self.postcode.isdigit()):
            raise ValidationError({"postcode": "邮政编码应为6位数字。"})
