"""Sitemaps besides each Site's own /sitemap.xml (Wagtail's): one per unit (its section, 集约化)
and one of every website's public pages (the banner-wide sitemap)."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from disclosure.units import unit_pages


class UnitSitemap(Sitemap):
    def __init__(self, request, unit):
        super().__init__(request)
        self.unit = unit

    def items(self):
        return unit_pages(self.unit).live().public().defer_streamfields().specific()


class EverySiteSitemap(Sitemap):
    def items(self):
        inside = Q()
        for path in Site.objects.values_list("root_page__path", flat=True):
            inside |= Q(path__startswith=path)
        if not inside:
            return Page.objects.none()
        pages = Page.objects.live().public().filter(inside).order_by("path")
        return pages.defer_streamfields().specific()
