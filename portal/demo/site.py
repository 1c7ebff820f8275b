"""The site shell of the demo (portal/demo_data/site.yaml): site identity, the home page, the
pages directly below it and the navigation settings. The 政府信息公开 column tree is added by
disclosure.py, which also puts it into the main navigation after 机构概况."""

from django.db import transaction
from wagtail.models import Page, Site

from portal.models import HomePage, NavigationSettings, SiteIdentity

from . import read, say
from .pages import child, new_page, publish


def bureau_home():
    """The bureau's home page: the default site's root (the first home page before that)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and site.root_page.specific_class is HomePage:
        return site.root_page.specific
    return HomePage.objects.order_by("path").first()


@transaction.atomic
def load(stdout=None):
    data = read("site")
    created = 0
    home = bureau_home()
    if home is None:
        home = new_page(data["home"])
        Page.get_first_root_node().add_child(instance=home)
        publish(home)
        created += 1
    site = serve_home_page(home, data["identity"]["site_name"])

    pages = {}
    for spec in data["pages"]:
        page = child(home, spec["slug"])
        if page is None:
            page = new_page(spec)
            home.add_child(instance=page)
            publish(page)
            created += 1
        pages[spec["slug"]] = page

    identity = SiteIdentity.for_site(site)
    if not identity.site_name:
        for field, value in data["identity"].items():
            setattr(identity, field, value)
        identity.save()
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_navigation:
        spec = data["navigation"]
        navigation.main_navigation = [
            ("link", {"page": pages[slug], "title": ""}) for slug in spec["main_navigation"]
        ]
        navigation.sitemap_page = pages[spec["sitemap_page"]]
        navigation.contact_page = pages[spec["contact_page"]]
        navigation.privacy_page = pages[spec["privacy_page"]]
        navigation.save()

    say(stdout, f"演示内容已就绪（新建页面 {created} 个）。")
    return created


def serve_home_page(home, site_name):
    """The default site, serving `home`; Wagtail's placeholder root page is removed."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = site_name
        site.save()
        if old_root.depth == 2 and old_root.specific_class is Page and not old_root.get_children():
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    return site
