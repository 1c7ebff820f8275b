"""A local HTTP server on 127.0.0.1 for link-checker and feed tests (never the internet)."""

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>伊金霍洛政务服务</title>
<item><guid>rss-1</guid><title>一网通办新增事项</title><link>http://127.0.0.1/p/1</link>
<description>&lt;p&gt;伊金霍洛期政务服务&lt;/p&gt;</description>
<pubDate>Mon, 03 Jun 2024 09:30:00 +0800</pubDate></item>
<item><guid>rss-2</guid><title>端午节工作安排</title><link>http://127.0.0.1/p/2</link>
<description>正常受理</description><pubDate>Tue, 04 Jun 2024 10:00:00 +0800</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>政务</title><id>urn:feed</id>
<updated>2024-06-03T09:30:00Z</updated>
<entry><id>urn:atom-1</id><title>Atom 条目</title><link href="http://127.0.0.1/a/1"/>
<updated>2024-06-03T09:30:00Z</updated><summary>摘要</summary></entry>
</feed>"""

JSON_FEED = """{"version": "https://jsonfeed.org/version/1.1", "title": "政务",
"items": [{"id": "json-1", "url": "http://127.0.0.1/j/1", "title": "JSON 条目",
"content_text": "正文", "date_published": "2024-06-03T09:30:00+08:00"}]}"""


class Handler(BaseHTTPRequestHandler):
    hits = Counter()

    def log_message(self, *args):
        pass

    def respond(self, status, body=b"", headers=None, send_body=True):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def route(self, send_body):
        path = self.path.split("?")[0]
        Handler.hits[(self.command, path)] += 1
        if path.startswith("/ok"):
            return self.respond(200, b"<html>ok</html>", send_body=send_body)
        if path == "/redirect":
            return self.respond(302, headers={"Location": "/ok"}, send_body=send_body)
        if path.startswith("/chain/"):
            step = int(path.rsplit("/", 1)[1])
            target = "/ok" if step == 0 else f"/chain/{step - 1}"
            return self.respond(302, headers={"Location": target}, send_body=send_body)
        if path == "/loop":
            return self.respond(302, headers={"Location": "/loop"}, send_body=send_body)
        if path == "/slow":
            time.sleep(2)
            return self.respond(200, b"late", send_body=send_body)
        if path == "/nohead":
            if self.command == "HEAD":
                return self.respond(405, send_body=False)
            return self.respond(200, b"fine", send_body=send_body)
        if path == "/error":
            return self.respond(500, b"boom", send_body=send_body)
        feeds = {
            "/feed.xml": (RSS, "application/rss+xml"),
            "/atom.xml": (ATOM, "application/atom+xml"),
            "/feed.json": (JSON_FEED, "application/feed+json"),
        }
        if path in feeds:
            body, kind = feeds[path]
            return self.respond(200, body.encode(), {"Content-Type": kind}, send_body)
        return self.respond(404, b"not found", send_body=send_body)

    def do_GET(self):  # noqa: N802
        self.route(True)

    def do_HEAD(self):  # noqa: N802
        self.route(False)


@pytest.fixture(scope="session")
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Handler.hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def monitoring_site(db, settings):
    """The portal's site shell plus this app's demo accounts, posts and dictionary.

    External links are not fetched: tests reach only servers they start on 127.0.0.1.
    """
    from wagtail.models import Site

    from portal.demo import monitoring, site

    settings.MONITORING_CHECK_EXTERNAL_LINKS = False
    site.load()
    monitoring.load()
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def user_in(django_user_model):
    """Make a staff user who belongs to one of the role groups."""
    from django.contrib.auth.models import Group

    def make(group_name, username=None):
        user = django_user_model.objects.create_user(
            username=username or f"user-{group_name}", password="pw-for-tests-only"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def feed_samples():
    return {"rss": RSS, "atom": ATOM, "json": JSON_FEED}
