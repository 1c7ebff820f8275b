"""发布机构 (publishing organisations), the organisation tree, and the 政府信息公开工作机构
contact block.

Organisations are snippets: a full official name (no abbreviations, 目录系统实施指引)
and a 统一社会信用代码, the 前段码 of their 索引号. They form a tree (`parent`): the banner
government (旗人民政府), its departments and its towns. An organisation with a `section_root`
is a *unit* (集约化): it has its own 政府信息公开 section on this installation, either a
Wagtail Site of its own (the root is that site's home page) or a subtree of the banner
portal (the root is its 政府信息公开 column). Every page below the root belongs to the unit
(disclosure/units.py); sections never nest, so a page belongs to at most one unit.

The office contact block (条例 Art.12: 名称、办公地址、办公时间、联系电话、传真号码、
互联网联系方式) is one snippet shown by the guide, the 依申请公开 column and anything else
that needs it, so it is typed once. A unit's 依申请公开 office is its organisation's office.
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
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"
        TOWN = "town", "镇"
        SUMU = "sumu", "苏木"
        SUBDISTRICT = "subdistrict", "街道"
        OTHER = "other", "其他机构"

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

    kind = models.CharField(
        "单位类型", max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="如旗政府各部门、各镇的上级单位为旗人民政府。",
    )
    section_root = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="本单位栏目根页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit",
        help_text="本单位有独立网站的，选该网站的首页；在旗政府门户网站上开设栏目的，选本单位的"
        "“政府信息公开”栏目。该页面及其下级页面都属于本单位。",
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("uscc"),
        FieldPanel("org_code"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("section_root"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "发布机构"
        verbose_name_plural = "发布机构"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def label(self):
        """The short name where there is one (group and workflow names, tables)."""
        return self.short_name or self.name

    @property
    def is_government(self):
        return self.kind == self.Kind.GOVERNMENT

    def ancestors(self):
        """The chain of parents, nearest first (stops at a loop rather than running on)."""
        chain, seen, parent = [], {self.pk}, self.parent
        while parent is not None and parent.pk not in seen:
            chain.append(parent)
            seen.add(parent.pk)
            parent = parent.parent
        return chain

    def clean(self):
        errors = {}
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = "上级单位不能是本单位。"
        elif self.parent_id and self.pk and any(a.pk == self.pk for a in self.parent.ancestors()):
            errors["parent"] = "上级单位不能是本单位的下级单位（会形成循环）。"
        if self.section_root_id:
            problem = section_overlap(self, self.section_root)
            if problem:
                errors["section_root"] = problem
        if errors:
            raise ValidationError(errors)


def section_overlap(unit, root):
    """The message when `root` lies inside another unit's section or contains one, else ""."""
    if root.depth < 2:
        return "请选择具体页面（站点首页或政府信息公开栏目），不能选择根节点。"
    others = Organisation.objects.exclude(pk=unit.pk).exclude(section_root=None)
    for other in others.select_related("section_root"):
        other_path = other.section_root.path
        if root.path.startswith(other_path) or other_path.startswith(root.path):
            return (
                f"该页面与“{other.name}”的栏目重叠：每个页面只能属于一个单位，"
                "请选择不含其他单位栏目的页面。"
            )
    return ""


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
