"""Internal links, resolved against the page tree and the URL configuration.

A link is internal when it is relative to the site ("/xxgk/"), symbolic rich-text link
("page:3", "document:7"), or absolute on one of the site's own host names. Such links are
answered from the database without an HTTP round trip: fast, and right even when the checker
runs on a machine that cannot reach the public address.
"""

import time
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from . import conf
from .rules.links import ERROR, OK, LinkResult

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "#", "data:")


def internal_hosts():
    """Network locations ("host" or "host:port") that serve this site."""
    hosts = set()
    for site in Site.objects.all():
        hostname = site.hostname.lower()
        hosts.add(hostname if site.port in (80, 443) else f"{hostname}:{site.port}")
    hosts.update(host.lower() for host in conf.internal_hosts())
    base = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    if base.netloc:
        hosts.add(base.netloc.lower())
    return hosts


def classify(href, hosts):
    """ "internal", "external" or None (not a link to check)."""
    if not href or href.startswith(SKIPPED_SCHEMES):
        return None
    if href.startswith(("page:", "document:")):
        return "internal"
    if href.startswith("/") and not href.startswith("//"):
        return "internal"
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    netloc = parts.netloc.lower().rsplit("@", 1)[-1]
    if parts.port in (80, 443) and parts.scheme == {80: "http", 443: "https"}[parts.port]:
        netloc = parts.hostname.lower()
    return "internal" if netloc in hosts else "external"


def result(href, ok, message=""):
    return LinkResult(
        url=href,
        status=OK if ok else ERROR,
        http_status=None if ok else 404,
        error=message,
        checked_at=time.time(),
    )


def resolve_internal(href):
    """LinkResult for an internal link, from the database."""
    if href.startswith("page:"):
        exists = Page.objects.live().filter(pk=href.split(":", 1)[1]).exists()
        return result(href, exists, "" if exists else "链接的页面已删除或未发布")
    if href.startswith("document:"):
        return document_result(href, href.split(":", 1)[1])
    path = unquote(urlsplit(href).path) or "/"
    if path.startswith(settings.MEDIA_URL):
        name = path[len(settings.MEDIA_URL) :]
        exists = default_storage.exists(name)
        return result(href, exists, "" if exists else "文件不存在")
    if path.startswith(settings.STATIC_URL):
        exists = finders.find(path[len(settings.STATIC_URL) :]) is not None
        return result(href, exists, "" if exists else "文件不存在")
    try:
        match = resolve(path)
    except Resolver404:
        return result(href, False, "页面不存在")
    if match.url_name == "wagtail_serve":  # every Wagtail page (portal.views.serve)
        return page_path_result(href, path)
    if match.url_name == "wagtaildocs_serve":
        return document_result(href, match.kwargs.get("document_id"))
    return result(href, True)


def page_path_result(href, path):
    if not path.endswith("/"):
        path += "/"
    for site in Site.objects.select_related("root_page"):
        url_path = site.root_page.url_path + path.lstrip("/")
        if Page.objects.live().public().filter(url_path=url_path).exists():
            return result(href, True)
    return result(href, False, "页面不存在或未发布")


def document_result(href, document_id):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return result(href, False, "附件已删除")
    if not document.file or not document.file.storage.exists(document.file.name):
        return result(href, False, "附件文件缺失")
    return result(href, True)
