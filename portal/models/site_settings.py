"""Site-wide settings editable by admins: the site's identity (footer, meta tags) and navigation."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

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


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main navigation bar, in the order editors arrange it."""

    # The footer links are on every page: read them with the settings, not one query each.
    select_related = ["sitemap_page", "contact_page", "privacy_page"]

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
        """The settings with each footer page's address only (`pageurl` reads `url_path`):
        three whole pages in the joins cost about a millisecond on every page (issue 15)."""
        footer_pages = ("sitemap_page", "contact_page", "privacy_page")
        return (
            super()
            .base_queryset()
            .only(
                "site",
                "main_navigation",
                *footer_pages,
                *(f"{name}__url_path" for name in footer_pages),
            )
        )

    class Meta:
        verbose_name = "主导航"
        verbose_name_plural = "主导航"
