"""Demo content for 伊金霍洛旗政务服务局: the site shell.

The 政府信息公开 column tree (/xxgk/) is seeded by disclosure/demo.py, which also adds it to the
main navigation after 机构概况.

Idempotent: pages are looked up by slug under their parent and only created when missing, so
editors' changes survive re-runs. Identifiers marked 演示 are illustrative, not real filings.
"""

import re
from pathlib import Path

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site

from portal.models import ContentPage, HomePage, NavigationSettings, SiteIdentity, SiteMapPage

DEMO_DATA_DIR = Path(__file__).resolve().parent / "demo_data"
PERFORMANCE_REPORT_FILE = DEMO_DATA_DIR / "yijinhuoluo-zwfwj-2021-performance-evaluation.txt"

IDENTITY = {
    "site_name": "伊金霍洛旗政务服务局",
    "sponsor": "伊金霍洛旗政务服务局",
    "organizer": "伊金霍洛旗政务服务局办公室",
    "site_id_code": "1506270001",
    "icp_number": "蒙ICP备00000000号-1（演示）",
    "police_number": "蒙公网安备 15062702000001号（演示）",
    "contact_address": "内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇政务服务中心",
    "contact_postcode": "017200",
    "contact_phone": "0477-8600000（演示）",
    "contact_email": "zwfwj@example.gov.cn",
    "uscc": "11150627011580001G",
    "division_code": "150627",
}

HEADING_H2 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_H3 = re.compile(r"^（[一二三四五六七八九十]+）")


def text_to_body(text):
    """Plain text to StreamField data: numbered section titles become headings."""
    body = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if HEADING_H2.match(line) and len(line) < 40:
            body.append(("heading", {"text": line, "level": "h2"}))
        elif HEADING_H3.match(line) and len(line) < 40:
            body.append(("heading", {"text": line, "level": "h3"}))
        else:
            body.append(("paragraph", f"<p>{escape(line)}</p>"))
    return body


def paragraphs(*lines):
    return [("paragraph", "".join(f"<p>{escape(line)}</p>" for line in lines))]


def child_page(parent, slug, page_class, **fields):
    """The child of `parent` with this slug, created (and published) when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


@transaction.atomic
def seed_demo(stdout=None):
    def say(message):
        if stdout is not None:
            stdout.write(message)

    created = 0
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="首页",
            slug="home-zwfwj",
            intro="<p>欢迎访问伊金霍洛旗政务服务局网站。</p>",
            column_type="首页",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        created += 1
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = IDENTITY["site_name"]
        site.save()
        if old_root.depth == 2 and old_root.specific_class is Page and not old_root.get_children():
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder

    about, new = child_page(
        home,
        "about",
        ContentPage,
        title="机构概况",
        column_type="信息发布",
        show_in_menus=True,
        summary="伊金霍洛旗政务服务局的主要职能、内设机构和联系方式。",
        body=text_to_body(PERFORMANCE_REPORT_FILE.read_text("utf-8").split("二、")[0]),
    )
    created += new
    contact, new = child_page(
        home,
        "contact",
        ContentPage,
        title="联系我们",
        column_type="互动交流",
        summary="伊金霍洛旗政务服务局的办公地址、办公时间和联系电话。",
        body=paragraphs(
            f"办公地址：{IDENTITY['contact_address']}",
            f"邮政编码：{IDENTITY['contact_postcode']}",
            "办公时间：工作日上午8:30—12:00，下午14:30—18:00（法定节假日除外）",
            f"联系电话：{IDENTITY['contact_phone']}",
            f"电子邮箱：{IDENTITY['contact_email']}",
        ),
    )
    created += new
    privacy, new = child_page(
        home,
        "privacy",
        ContentPage,
        title="隐私声明",
        column_type="其他",
        summary="本网站如何收集、使用和保护您的个人信息。",
        body=paragraphs(
            "本网站不使用跟踪或广告类 Cookie，仅在您开启长者模式时保存该偏好。",
            "您通过“我为政府网站找错”或依申请公开表单提交的个人信息，仅用于办理您的事项，"
            "依法保密，不向第三方提供。",
            "我们只保存提交来源的不可逆摘要用于防止滥用，不保存您的 IP 地址。",
        ),
    )
    created += new
    sitemap, new = child_page(home, "sitemap", SiteMapPage, title="网站地图")
    created += new

    identity = SiteIdentity.for_site(site)
    if not identity.site_name:
        for field, value in IDENTITY.items():
            setattr(identity, field, value)
        identity.save()
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_navigation:
        navigation.main_navigation = [
            ("link", {"page": page, "title": ""}) for page in (about, contact)
        ]
        navigation.sitemap_page = sitemap
        navigation.contact_page = contact
        navigation.privacy_page = privacy
        navigation.save()

    say(f"演示内容已就绪（新建页面 {created} 个）。")
    return created
