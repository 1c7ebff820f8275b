"""Site-wide settings editable by admins: the site's identity (footer, meta tags) and navigation."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from core.rules import identifiers
from portal.validators import validate_division_code, validate_site_id_code, validate_uscc

# Codes people paste from documents: the browser must not cut them at max_length before the
# form has stripped the spaces around them (" 1115…01G" would lose its check character).
PASTED_CODE_FIELDS = ("site_id_code", "uscc", "division_code", "contact_postcode")


class SiteIdentityForm(WagtailAdminModelForm):
    """Spaces around pasted codes are stripped (Django's CharField) before the length and the
    check character are validated: the inputs carry no maxlength that would cut them first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PASTED_CODE_FIELDS:
            if name in self.fields:
                self.fields[name].widget.attrs.pop("maxlength", None)


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Who runs the site, as 《政府网站发展指引》 requires it to be shown in every footer."""

    site_name = models.CharField("网站名称", max_length=100)
    # Shown instead of the Chinese name's draft label on Mongolian pages (docs/MONGOLIAN.md);
    # the 47号 footer values (主办单位, 网站标识码, ICP备案号) stay Chinese, as registered.
    site_name_mongolian = models.CharField(
        "网站名称（蒙古文）",
        max_length=200,
        blank=True,
        help_text="蒙古文页面页头显示的网站名称（传统蒙古文）；留空则显示系统默认蒙古文名称。",
    )
    sponsor = models.CharField("主办单位", max_length=100)
    organizer = models.CharField("承办单位", max_length=100, blank=True)
    site_id_code = models.CharField(
        "网站标识码",
        max_length=10,
        validators=[validate_site_id_code],
        help_text="10 位数字：6 位行政区划代码 + 4 位顺序号。",
    )
    icp_number = models.CharField("ICP备案号", max_length=50, blank=True)
    icp_link = models.URLField("ICP备案链接", blank=True, default="https://beian.miit.gov.cn/")
    police_number = models.CharField(
        "公安备案号", max_length=50, blank=True, help_text="例如：蒙公网安备 15062702000001号"
    )
    police_link = models.URLField("公安备案链接", blank=True, default="https://www.beian.gov.cn/")
    party_gov_mark = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="党政机关网站标识",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    party_gov_mark_link = models.URLField("党政机关网站标识链接", blank=True)
    contact_address = models.CharField("联系地址", max_length=200, blank=True)
    contact_postcode = models.CharField("邮政编码", max_length=6, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    uscc = models.CharField(
        "统一社会信用代码",
        max_length=18,
        blank=True,
        validators=[validate_uscc],
        help_text="18 位，按 GB 32100 校验末位校验码。",
    )
    division_code = models.CharField(
        "行政区划代码", max_length=6, blank=True, validators=[validate_division_code]
    )
    supports_ipv6 = models.BooleanField("本站支持IPv6", default=False)

    base_form_class = SiteIdentityForm
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site_name"),
                FieldPanel("site_name_mongolian"),
                FieldPanel("sponsor"),
                FieldPanel("organizer"),
                FieldPanel("uscc"),
                FieldPanel("division_code"),
            ],
            heading="网站与主办单位",
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_id_code"),
                FieldPanel("icp_number"),
                FieldPanel("icp_link"),
                FieldPanel("police_number"),
                FieldPanel("police_link"),
                FieldPanel("party_gov_mark"),
                FieldPanel("party_gov_mark_link"),
                FieldPanel("supports_ipv6"),
            ],
            heading="标识与备案",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_address"),
                FieldPanel("contact_postcode"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
            ],
            heading="联系方式",
        ),
    ]

    class Meta:
        verbose_name = "网站标识"
        verbose_name_plural = "网站标识"

    def clean(self):
        super().clean()
        mismatch = identifiers.check_site_id_matches_division(
            self.site_id_code or "", self.division_code or ""
        )
        if mismatch:
            raise ValidationError({"site_id_code": mismatch})


class NavigationLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="页面")
    title = blocks.CharBlock(
        label="显示名称", required=False, default="", help_text="留空则使用页面标题。"
    )
    # Shown on Mongolian pages (docs/MONGOLIAN.md) before the Mongolian page's own title.
    mongolian_title = blocks.CharBlock(
        label="蒙古文标题",
        required=False,
        default="",
        help_text="蒙古文页面导航显示的名称（传统蒙古文）；留空则使用蒙古文页面标题。",
    )

    class Meta:
        icon = "link"
        label = "导航链接"


@dataclass(frozen=True)
class NavigationLink:
    """One link of the main navigation, as the editor set it (NavigationLinkBlock)."""

    page: Page
    title: str  # 显示名称; "" shows the page's own title
    mongolian_title: str  # 蒙古文标题; "" shows the Mongolian page's title


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main navigation bar, in the order editors arrange it, and the footer's links."""

    FOOTER_PAGES = ("sitemap_page", "contact_page", "privacy_page")
    # What a navigation or footer link reads of its page: its title and address, whether it
    # is live, its tree path (the link of the current section) and translation key (its
    # Mongolian counterpart).
    LINK_PAGE_FIELDS = ("title", "live", "path", "url_path", "translation_key")

    main_navigation = StreamField(
        [("link", NavigationLinkBlock())], blank=True, verbose_name="主导航"
    )
    sitemap_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="网站地图页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="联系我们页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="隐私声明页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("main_navigation"),
        MultiFieldPanel(
            [FieldPanel("sitemap_page"), FieldPanel("contact_page"), FieldPanel("privacy_page")],
            heading="页脚链接",
        ),
    ]

    @classmethod
    def base_queryset(cls):
        """The settings row alone: the pages it links to are read together, by
        `linked_pages`, instead of three whole pages in joins (issue 15)."""
        return super().base_queryset().only("site", "main_navigation", *cls.FOOTER_PAGES)

    @cached_property
    def linked_pages(self) -> dict[int, Page]:
        """{id: page} of every page the navigation and the footer link to, in one query of
        the fields a link reads; once per settings object (`for_request` keeps one for the
        whole request)."""
        ids = {getattr(self, f"{name}_id") for name in self.FOOTER_PAGES}
        ids.update(item["value"].get("page") for item in self.main_navigation.raw_data)
        ids.discard(None)
        return Page.objects.only(*self.LINK_PAGE_FIELDS).in_bulk(ids)

    def links(self) -> list[NavigationLink]:
        """The main navigation's links to live pages, in the editor's order.

        Read from the stream as stored (a page id and two titles each): converting its blocks
        would read each whole page (PageChooserBlock) for the few fields a link needs."""
        links = []
        for item in self.main_navigation.raw_data:
            value = item["value"]
            page = self.linked_pages.get(value.get("page"))
            if page is not None and page.live:
                title = value.get("title") or ""
                links.append(NavigationLink(page, title, value.get("mongolian_title") or ""))
        return links

    def footer_pages(self) -> dict[str, Page | None]:
        """{"sitemap_page" | "contact_page" | "privacy_page": the page, or None when it is
        unset or not live (a link to an unpublished page would be a dead link)."""
        found = {}
        for name in self.FOOTER_PAGES:
            page = self.linked_pages.get(getattr(self, f"{name}_id"))
            found[name] = page if page is not None and page.live else None
        return found

    class Meta:
        verbose_name = "主导航"
        verbose_name_plural = "主导航"
