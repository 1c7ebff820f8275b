"""Where a "next" (return-to) parameter may send the browser.

A target given by the request is followed only when it is a path on this site ("/xxgk/") or
an absolute URL whose host is the request's own host, with https required when the request
came over https (Django's url_has_allowed_host_and_scheme). Anything else — another host,
"//evil.example", "javascript:…", a bare word such as "foo" — gives the fallback. Targets are
URLs, never view names: nothing here calls reverse().
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, target: str | None, fallback: str = "/") -> str:
    """`target` when it is safe to send this request's browser to, else `fallback`."""
    target = (target or "").strip()
    if not target:
        return fallback
    # Only a path from the site root or an absolute URL: "foo" would resolve against the
    # current URL and lead nowhere useful.
    try:  # urlsplit raises ValueError on a malformed address ("http://[::1", a bad port)
        if not target.startswith("/") and not urlsplit(target).netloc:
            return fallback
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return fallback
    except ValueError:
        return fallback
    return target


def redirect_to_next(request, target: str | None, fallback: str = "/") -> HttpResponseRedirect:
    """A redirect to `target` if it is safe (see safe_next_url), else to `fallback`."""
    return HttpResponseRedirect(safe_next_url(request, target, fallback))
