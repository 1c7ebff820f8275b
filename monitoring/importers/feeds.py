"""RSS 2.0, Atom (both through feedparser) and JSON Feed 1.x (json) as a PostSource."""

import json
from datetime import UTC, datetime

import feedparser
import httpx
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from monitoring.models import AccountPost

from .base import ImportedPost, PostSource, save_posts
from .tabular import ImportError_

FEED_TIMEOUT = 20
MAX_FEED_BYTES = 10 * 1024 * 1024


def parse_feed(data, content_type=""):
    """[ImportedPost] from the bytes of an RSS, Atom or JSON feed."""
    stripped = data.lstrip()
    if "json" in content_type or stripped.startswith(b"{"):
        return parse_json_feed(data)
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise ImportError_(f"信息源不是有效的 RSS/Atom：{parsed.get('bozo_exception', '')}")
    posts = []
    for entry in parsed.entries:
        struct = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime(*struct[:6], tzinfo=UTC) if struct else timezone.now()
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        elif entry.get("summary"):
            body = entry.summary
        posts.append(
            ImportedPost(
                title=entry.get("title", "").strip() or "（无标题）",
                published_at=published,
                body=body,
                url=entry.get("link", ""),
                external_id=entry.get("id", "") or entry.get("link", ""),
            )
        )
    return posts


def parse_json_feed(data):
    try:
        feed = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportError_(f"信息源不是有效的 JSON：{error}") from error
    if not isinstance(feed, dict) or "jsonfeed.org" not in str(feed.get("version", "")):
        raise ImportError_("信息源不是 JSON Feed（缺少 version 字段）。")
    posts = []
    for item in feed.get("items", []):
        published = parse_datetime(str(item.get("date_published") or "")) or timezone.now()
        if timezone.is_naive(published):
            published = timezone.make_aware(published)
        posts.append(
            ImportedPost(
                title=(item.get("title") or "").strip() or "（无标题）",
                published_at=published,
                body=item.get("content_html") or item.get("content_text") or "",
                url=item.get("url") or "",
                external_id=str(item.get("id") or item.get("url") or ""),
            )
        )
    return posts


class FeedSource(PostSource):
    name = "RSS/Atom/JSON Feed"

    def can_fetch(self, account):
        return bool(account.feed_url)

    def fetch(self, account):
        try:
            response = httpx.get(account.feed_url, timeout=FEED_TIMEOUT, follow_redirects=True)
        except httpx.HTTPError as error:
            raise ImportError_(f"无法获取信息源（{type(error).__name__}）。") from error
        if response.status_code >= 400:
            raise ImportError_(f"获取信息源失败（HTTP {response.status_code}）。")
        if len(response.content) > MAX_FEED_BYTES:
            raise ImportError_("信息源超过 10 MB。")
        return parse_feed(response.content, response.headers.get("content-type", ""))


SOURCES = [FeedSource()]


def pull_account_feed(account):
    """Fetch and save an account's posts from the first source that can; (created, updated)."""
    for source in SOURCES:
        if source.can_fetch(account):
            return save_posts(account, source.fetch(account), AccountPost.Source.FEED)
    return 0, 0
