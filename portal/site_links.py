"""Links between the websites of one installation (集约化: the banner portal and the units with a
domain of their own).

Wagtail gives a page of another Site as an absolute URL with that Site's host and port, and a
page of the visitor's own Site as a path. Stored URLs (the search index keeps `page.get_url()`,
which is absolute as soon as there are two Sites) are turned back into paths for the visitor's
own Site here. Under the development server (DEBUG) the Sites keep their production port
(80) while everything is served on one port, so a link to another Site takes the port of the
current request.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from wagtail.models import Site


def _on_request_port(parts, request):
    port = request.get_port()
    if settings.DEBUG and parts.port is None and port not in ("80", "443"):
        return urlunsplit(
            (request.scheme, f"{parts.hostname}:{port}", parts.path, parts.query, parts.fragment)
        )
    return urlunsplit(parts)


def local_url(url: str, request) -> str:
    """`url` as a link on the page the visitor is on (see the module docstring)."""
    if not url or request is None or not url.startswith(("http://", "https://")):
        return url
    parts = urlsplit(url)
    site = Site.find_for_request(request)
    if site is not None and parts.hostname == site.hostname:
        return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return _on_request_port(parts, request)


def page_link(page, request) -> str:
    """The URL of `page` as a link from the visitor's page."""
    return local_url(page.get_url(request) or "", request)
