"""The public site as citizens meet it (issue 14), on the demo site: the home page's blocks,
the one 依申请公开 landing page and the article meta set of every article-like page type."""

import json
import os
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from wagtail.models import Site

from disclosure.annual_reports.models import AnnualReportPage
from disclosure.models import DisclosureGuidePage, PolicyDocumentPage, PolicyInterpretationPage
from interaction.models import QuestionPage
from portal.models import ContentPage, HomePage


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_ld = {}, {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs["property"]] = attrs.get("content", "")
        elif tag == "link" and "rel" in attrs:
            self.links[attrs["rel"]] = attrs.get("href")
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))
            self._in_ld = False


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


ARTICLE_META = ("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author")
ARTICLE_META += ("Description", "Image", "Url")


@pytest.mark.parametrize(
    "model, schema_type",
    [
        (PolicyDocumentPage, "Legislation"),
        (PolicyInterpretationPage, "WebPage"),
        (AnnualReportPage, "WebPage"),
        (DisclosureGuidePage, "WebPage"),
        (ContentPage, "WebPage"),
        (QuestionPage, "QAPage"),
    ],
)
def test_every_article_page_type_carries_the_full_meta_set(
    seeded_demo, db, client, model, schema_type
):
    page = model.objects.live().public().order_by("path").first()
    head = head_of(client, page.get_url())
    for name in ARTICLE_META:
        assert name in head.meta, name
    assert head.meta["ArticleTitle"] == (page.seo_title or page.title)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", head.meta["PubDate"])
    assert head.meta["ContentSource"] and head.meta["Author"]
    # The site's own address (设置 → 站点), whatever host the request came by.
    assert head.meta["Url"] == head.links["canonical"] == page.get_full_url()
    assert head.meta["og:title"] == head.meta["ArticleTitle"]
    assert "og:description" in head.meta
    (schema,) = head.json_ld
    assert schema["@type"] == schema_type and schema["url"] == head.meta["Url"]
    if model is PolicyDocumentPage:
        assert schema["legislationIdentifier"] == page.document_number
        assert schema["legislationDate"] == page.written_date.isoformat()
        assert schema["legislationLegalForce"] == "InForce"
        assert head.meta["PubDate"].startswith(page.publish_date.isoformat())
        assert head.meta["ContentSource"] == page.publisher.name
        # A QR code of the page's address, drawn inline (no outside service).
        html = client.get(page.get_url()).content.decode()
        qr = html.split('class="page-qr"')[1].split("</aside>")[0]
        assert "<svg" in qr and f"手机扫码打开：{page.get_full_url()}" in qr


def test_a_repealed_document_is_not_in_force(seeded_demo, db, client):
    page = PolicyDocumentPage.objects.live().filter(validity="repealed").first()
    (schema,) = head_of(client, page.get_url()).json_ld
    assert schema["legislationLegalForce"] == "NotInForce"
    # A visible banner on the page, linking the document that repealed it.
    banner = client.get(page.get_url()).content.decode().split('class="validity-banner"')[1]
    banner = banner.split("</div>")[0]
    assert "本文件已废止" in banner
    for relation in page.relations_in():
        assert f">{relation.page.title}</a>" in banner


def test_column_pages_carry_no_article_meta(seeded_demo, db, client):
    head = head_of(client, "/xxgk/statutory/policies/")
    assert "ArticleTitle" not in head.meta and head.json_ld == []
    assert head.meta["ColumnName"]  # the column meta set stays


def test_home_page_is_made_of_the_editors_blocks(seeded_demo, db, client):
    home = HomePage.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)
    kinds = [block.block_type for block in home.body]
    assert kinds[:3] == ["notice", "search", "links"] and kinds.count("latest") == 4
    html = client.get("/").content.decode()
    for entrance in ("政府信息公开指南", "政府信息公开目录", "政府信息公开年报", "依申请公开"):
        assert f'<span class="link-title">{entrance}</span>' in html
    assert "热门搜索" in html and "/search/?q=%E6%94%BF%E5%8A%A1" in html
    # The newest 政策文件 with 文号 and 发布日期, in date order.
    latest = html.split('id="home-latest-')[1]
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', latest.split("</section>")[0])
    assert len(days) == 6 and days == sorted(days, reverse=True) and len(set(days)) > 3
    assert "伊政服发〔" in latest.split("</section>")[0]
    # Editors' changes are theirs: a second seed leaves the blocks alone.
    home.body = [(block.block_type, block.value) for block in list(home.body)[:1]]
    home.save_revision().publish()
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    assert len(HomePage.objects.get(pk=home.pk).body) == 1


def test_one_landing_page_for_applications(seeded_demo, db, client):
    response = client.get("/applications/")
    assert response.status_code == 302 and response["Location"] == "/xxgk/apply/"
    html = client.get("/xxgk/apply/").content.decode()
    assert '<a class="button" href="/applications/apply/">在线提交申请</a>' in html
    assert 'href="/applications/status/">查询办理进度</a>' in html
    assert "办理程序和期限" in html and "20个工作日内予以答复" in html
