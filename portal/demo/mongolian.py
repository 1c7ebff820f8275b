"""The 蒙古文版 demo (portal/demo_data/mongolian.yaml, docs/MONGOLIAN.md): Mongolian
translations of a few Chinese demo pages (Wagtail's copy for translation), each marked
机器翻译 (a Mongolian column lists them in its catalogue); the Mongolian site name and
navigation titles. A page already translated, and a setting already given, are left as
they are."""

from wagtail.models import Locale

from disclosure.models import DisclosureGuidePage, PolicyDocumentPage
from portal.languages import DEFAULT, MONGOLIAN
from portal.models import NavigationSettings, SiteIdentity

from . import read, say
from .site import bureau_home


def _original(name):
    if name == "home":
        return bureau_home()
    chinese = {"locale__language_code": DEFAULT}
    if name == "guide":
        return DisclosureGuidePage.objects.filter(**chinese).order_by("path").first()
    return PolicyDocumentPage.objects.live().filter(slug=name, **chinese).first()


def load(stdout=None):
    locale = Locale.objects.filter(language_code=MONGOLIAN).first()
    if locale is None:
        return 0
    data = read("mongolian")
    made = 0
    for entry in data["translations"]:
        original = _original(entry["page"])
        if original is None or original.has_translation(locale):
            continue
        # Wagtail's own copy, without wagtail-localize's segments (docs/MONGOLIAN.md): the
        # demo's translations are machine drafts; editors translate with 翻译此页.
        translation = original.copy_for_translation(locale, copy_parents=True).specific
        translation.title = entry["title"]
        translation.translation_status = "machine"
        translation.save_revision().publish()
        for parent in translation.get_ancestors().filter(locale=locale, live=False):
            parent.specific.translation_status = "machine"  # copied along, untranslated
            parent.specific.save_revision().publish()
        made += 1
    fill_settings(data)
    say(stdout, f"蒙古文译文：新建 {made} 个页面（机器翻译，待审校）。")
    return made


def fill_settings(data):
    """The Mongolian site name and navigation titles (设置 → 网站标识, 设置 → 主导航)."""
    site = bureau_home().get_site()
    identity = SiteIdentity.for_site(site)
    if not identity.site_name_mongolian:
        identity.site_name_mongolian = data["site_name"]
        identity.save(update_fields=["site_name_mongolian"])
    navigation = NavigationSettings.for_site(site)
    changed = False
    for block in navigation.main_navigation:
        page = block.value["page"]
        title = data["navigation"].get(page.slug) if page else None
        if title and not block.value.get("mongolian_title"):
            block.value["mongolian_title"] = title
            changed = True
    if changed:
        navigation.save()
