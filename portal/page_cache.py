"""The anonymous-page cache (production): whole public pages, kept in Django's `pages` cache.

Correct by construction, in two rules:

1. What is stored: only a GET (or HEAD) answered 200 to a visitor who is not signed in and
   sends no session or messages cookie, whose response sets no cookie, wrote nothing to the
   session and used no CSRF token while it was rendered (every form with a CSRF token is left out
   that way) and does not say `Cache-Control: private/no-cache/no-store` (the search view
   says so for a query with personal data). A kept search page still counts each search
   (`count_hits`). The 依申请公开 and 互动交流 addresses, the admin
   and the other addresses in NEVER_CACHED are never stored, whatever they answer. The key
   holds the host, the full path with its query string and the 长者模式 cookie.

2. When it is forgotten: every key also holds a *generation* number, and any database write
   increments it, so the next request renders afresh. "Any write" is Django's post_save,
   post_delete and m2m_changed of every model, and Wagtail's publish, unpublish and move
   signals; only the models in IGNORED_MODELS, whose rows never appear on a public page (or
   that public requests write themselves, like the search log), do not. A publish, a change
   of the navigation, the site identity, an organisation or a topic: nothing has to list what
   appears where, and a forgotten model makes the cache forget too often, never too little.
   PAGE_CACHE_SECONDS bounds what a raw SQL `UPDATE` (which sends no signal) could leave.

The generation lives in the same cache, so every worker and every app server that shares the
cache sees a bump at once: the cache must be shared (the file cache on one machine, Redis for
several: README "Page cache"); a per-process memory cache is refused by a system check.
"""

import hashlib

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.context_processors import ELDER_MODE_COOKIE

CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"

# Addresses whose answers are never stored: forms and personal data (依申请公开, 互动交流,
# 我为政府网站找错), the admin, files and health checks.
NEVER_CACHED = (
    "/admin/",
    "/applications/",
    "/interaction/",
    "/report-error/",
    "/accessibility/",
    "/captcha/",
    "/documents/",
    "/monitoring/",
    "/healthz",
    "/readyz",
)

# Models whose writes do not change a public page (app label, or app_label.ModelName).
IGNORED_MODELS = {
    "sessions",
    "admin",
    "axes",
    "captcha",
    "django_tasks_database",
    "django_otp",
    "otp_totp",
    "portal.WorkerHeartbeat",
    "portal.ErrorReport",
    # Not search.IndexOutbox: the worker deletes its rows once Elasticsearch has the change,
    # and that delete is what makes a cached search answer (/search/api/) forget the index as
    # it was before the publish.
    "disclosure.Subscription",
    "disclosure.SubscribeAttempt",
    "disclosure.AlertMail",
    "search.SearchQueryDaily",
    "search.SearchQueryClient",
    "search.SearchSyncState",
    "search.ExtractedText",
}

# Response headers kept with the page (the rest is added again by the outer middleware).
# X-Search-Results: the number of results of a kept search page, for its hit counter (below).
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Link",
    "X-Search-Results",
)

# Addresses whose requests are counted even when their page comes from the cache: the search
# results page counts every search for 热门搜索 and 搜索分析. An app registers its counter
# (a function of the request and the kept response) from its AppConfig.ready().
_HIT_COUNTERS = {}


def count_hits(path: str, counter) -> None:
    """Run `counter(request, response)` for every request of `path` answered from the cache."""
    _HIT_COUNTERS[path] = counter


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def cache():
    return caches[CACHE_ALIAS]


def generation() -> int:
    return cache().get(GENERATION_KEY) or 0


def forget_every_page(**kwargs) -> None:
    """Make every stored page stale: the next request of each renders it afresh."""
    if not enabled():
        return
    try:
        cache().incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value differs from the old one
        cache().set(GENERATION_KEY, generation() + 1, timeout=None)


def _is_ignored(model) -> bool:
    meta = model._meta
    return meta.app_label in IGNORED_MODELS or meta.label in IGNORED_MODELS


def on_model_change(sender, **kwargs):
    if not _is_ignored(sender):
        forget_every_page()


def connect_signals():
    post_save.connect(on_model_change, dispatch_uid="page_cache_post_save")
    post_delete.connect(on_model_change, dispatch_uid="page_cache_post_delete")
    m2m_changed.connect(on_model_change, dispatch_uid="page_cache_m2m_changed")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_every_page, dispatch_uid=f"page_cache_{id(signal)}")


def _may_serve_from_cache(request) -> bool:
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    if request.path.startswith(NEVER_CACHED):
        return False
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
    ):
        return False
    return not request.user.is_authenticated


def _may_store(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a CSRF token is on the page
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:  # it would set a session cookie
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def _key(request) -> str:
    elder = request.COOKIES.get(ELDER_MODE_COOKIE) == "1"
    raw = f"{generation()}|{request.scheme}|{request.get_host()}|{request.get_full_path()}|{elder}"
    return "page-cache:" + hashlib.sha256(raw.encode()).hexdigest()


class PageCacheMiddleware:
    """Serve and store anonymous pages (module docstring). After AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_serve_from_cache(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache().get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content if request.method == "GET" else b"")
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            counter = _HIT_COUNTERS.get(request.path)
            if counter is not None:
                counter(request, response)
            return response
        response = self.get_response(request)
        if _may_store(request, response):
            headers = [(name, response[name]) for name in STORED_HEADERS if name in response]
            if request.method == "GET":
                cache().set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


def check_shared_cache(app_configs=None, **kwargs):
    """A per-process memory cache would keep a bump in the worker that made it."""
    if enabled() and not settings.DEBUG and isinstance(cache(), LocMemCache):
        return [
            checks.Error(
                "页面缓存（PAGE_CACHE_SECONDS）需要各进程共享的缓存后端（文件或 Redis），"
                "不能使用进程内存缓存。",
                id="portal.E002",
            )
        ]
    return []
