"""The article meta set of the national page specification (政府网站网页设计规范: ArticleTitle,
PubDate as yyyy-MM-dd HH:mm, ContentSource, Keywords, Author, Description, Image, Url), the
canonical link, Open Graph and JSON-LD (schema.org) for article-like pages.

A page type is article-like when it defines ``article_metadata()``, returning an
``ArticleMetadata`` with what only it knows; everything else (title, URL, dates of
publication, the site's name as source and author) comes from Wagtail's page and the site
identity here. Rendered by ``{% article_meta %}`` (portal/templatetags/portal_tags.py) in
base.html, so every template gets the same set.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from portal import languages


@dataclass
class ArticleMetadata:
    published: date | datetime | None = None  # a date counts as 00:00 unless the page has a time
    source: str = ""  # ContentSource: the publishing organisation
    author: str = ""
    keywords: str = ""
    description: str = ""
    image_url: str = ""
    schema_type: str = "WebPage"
    schema: dict = field(default_factory=dict)  # extra schema.org properties


def published_moment(page, published):
    """The publication moment: the page's own first publication when it falls on the given
    day (it has the time of day), else that day at 00:00."""
    first = page.first_published_at and timezone.localtime(page.first_published_at)
    if published is None:
        return first
    if isinstance(published, datetime):
        return timezone.localtime(published) if timezone.is_aware(published) else published
    if first and first.date() == published:
        return first
    return datetime.combine(published, time(0, 0))


def article_context(page, request, site_name):
    """The values {% article_meta %} renders, or None for a page that is not article-like."""
    build = getattr(page, "article_metadata", None)
    if build is None:
        return None
    meta = build()
    url = page.get_full_url(request)
    moment = published_moment(page, meta.published)
    source = meta.source or site_name
    description = meta.description or page.search_description or ""
    schema = {
        "@context": "https://schema.org",
        "@type": meta.schema_type,
        "name": page.title,
        "url": url,
        "inLanguage": languages.language().tag,  # the page's: zh-Hans, or mn-Mong under /mn-mong/
        "publisher": {"@type": "GovernmentOrganization", "name": source},
        **({"description": description} if description else {}),
        **({"datePublished": moment.isoformat()} if moment else {}),
        **({"keywords": meta.keywords} if meta.keywords else {}),
        **meta.schema,
    }
    return {
        "title": page.seo_title or page.title,
        "pub_date": moment.strftime("%Y-%m-%d %H:%M") if moment else "",
        "source": source,
        "author": meta.author or source,
        "keywords": meta.keywords,
        "description": description,
        "image": meta.image_url,
        "url": url,
        "json_ld": json.dumps(schema, ensure_ascii=False).replace("</", "<\\/"),
    }
