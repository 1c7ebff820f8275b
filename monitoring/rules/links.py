"""Broken-link detection over HTTP: concurrent, with timeouts, a redirect limit and a cache.

`check_links(urls)` fetches every distinct URL once, at most `concurrency` at a time (a pool
of threads sharing one keep-alive connection pool) and at most `per_host` at a time on one
host. It asks with HEAD first and falls back to GET when a
server refuses HEAD. Results are kept in a cache (any dict-like object) for `cache_seconds`, so
a link seen in a hundred pages, or again in the next run, costs one request.

A result is classified the way alphagov's link-checker-api does: ``ok``, ``warning``
(it works, but only after a redirect chain longer than `warn_redirects`) or ``error``, each
with a suggested fix for the editor.
"""

import concurrent.futures
import threading
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

import httpx

OK, WARNING, ERROR = "ok", "warning", "error"

# Servers that answer HEAD with one of these often serve the page fine on GET.
RETRY_WITH_GET = {400, 403, 405, 429, 500, 501, 503}


@dataclass
class LinkResult:
    url: str
    status: str  # OK, WARNING or ERROR
    http_status: int | None = None
    error: str = ""
    final_url: str = ""
    redirects: int = 0
    elapsed: float = 0.0
    checked_at: float = 0.0

    @property
    def ok(self):
        return self.status != ERROR

    def describe(self):
        """A Chinese explanation with the fix an editor can make."""
        if self.status == OK:
            return "链接可以正常访问。"
        if self.status == WARNING:
            return f"链接经过{self.redirects}次跳转才能打开，建议直接链接到“{self.final_url}”。"
        reason = self.error or f"HTTP {self.http_status}"
        return f"链接无法打开（{reason}），请更正地址或删除该链接。"

    def as_dict(self):
        return asdict(self)


def is_checkable(url):
    return urlsplit(url).scheme in ("http", "https")


class LinkChecker:
    def __init__(
        self,
        *,
        timeout=10.0,
        max_redirects=5,
        concurrency=32,
        per_host=16,
        cache=None,
        cache_seconds=6 * 60 * 60,
        warn_redirects=3,
        user_agent="gov-disclosure-portal-linkcheck/1.0",
        verify=True,
    ):
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.concurrency = concurrency
        self.per_host = per_host
        self.cache = {} if cache is None else cache
        self.cache_seconds = cache_seconds
        self.warn_redirects = warn_redirects
        self.user_agent = user_agent
        self.verify = verify
        self.fetched = 0  # requests actually sent by the last check_links call (not cached)

    def check_links(self, urls, progress=None):
        """{url: LinkResult} for every http(s) URL in `urls`; others are ignored.

        Requests run on a pool of threads sharing one connection pool (httpx.Client);
        `progress`, when given, is called from the calling thread with the number of URLs
        finished so far, so it may safely write to the database.
        """
        wanted = list(dict.fromkeys(url for url in urls if is_checkable(url)))
        now = time.time()
        results, to_fetch = {}, []
        for url in wanted:
            cached = self.cache.get(url)
            if cached is not None and now - cached.checked_at < self.cache_seconds:
                results[url] = cached
            else:
                to_fetch.append(url)
        self.fetched = len(to_fetch)
        if progress:
            progress(len(results))
        if not to_fetch:
            return results

        host_limits = {
            host: threading.BoundedSemaphore(self.per_host)
            for host in {urlsplit(url).netloc for url in to_fetch}
        }
        limits = httpx.Limits(
            max_connections=self.concurrency, max_keepalive_connections=self.concurrency
        )
        with (
            httpx.Client(
                timeout=self.timeout,
                follow_redirects=True,
                max_redirects=self.max_redirects,
                limits=limits,
                headers={"User-Agent": self.user_agent},
                verify=self.verify,
            ) as client,
            concurrent.futures.ThreadPoolExecutor(max_workers=self.concurrency) as pool,
        ):

            def one(url):
                with host_limits[urlsplit(url).netloc]:
                    return self._fetch(client, url)

            futures = [pool.submit(one, url) for url in to_fetch]
            for future in concurrent.futures.as_completed(futures):
                result = future.result()
                self.cache[result.url] = result
                results[result.url] = result
                if progress:
                    progress(len(results))
        return results

    def _fetch(self, client, url):
        started = time.monotonic()
        try:
            response = client.head(url)
            if response.status_code in RETRY_WITH_GET:
                with client.stream("GET", url) as streamed:
                    response = streamed
            return self._classify(url, response, time.monotonic() - started)
        except httpx.TooManyRedirects:
            return self._error(url, f"跳转超过{self.max_redirects}次", started)
        except httpx.TimeoutException:
            return self._error(url, f"{self.timeout:g}秒内无响应", started)
        except httpx.InvalidURL:
            return self._error(url, "地址格式不正确", started)
        except httpx.HTTPError as error:
            return self._error(url, f"无法连接（{type(error).__name__}）", started)

    def _classify(self, url, response, elapsed):
        redirects = len(response.history)
        if response.status_code >= 400:
            status = ERROR
        elif redirects > self.warn_redirects:
            status = WARNING
        else:
            status = OK
        return LinkResult(
            url=url,
            status=status,
            http_status=response.status_code,
            final_url=str(response.url),
            redirects=redirects,
            elapsed=round(elapsed, 4),
            checked_at=time.time(),
        )

    @staticmethod
    def _error(url, message, started):
        return LinkResult(
            url=url,
            status=ERROR,
            error=message,
            elapsed=round(time.monotonic() - started, 4),
            checked_at=time.time(),
        )
