"""How many database queries each public page type runs (issue 15).

Every page is measured twice: with N documents (attachments, interpretations) on it and with
3N. A count that grows with the data is an N+1 query and fails; so does a count above the
ceiling set here (the count measured when the repeated queries were removed). A change that
needs another query raises the ceiling on purpose, in review.

Each page is requested once before it is measured, as a visitor's second request would be:
Wagtail caches the sites' root paths after the first.
"""

import itertools

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from disclosure.annual_reports.models import AnnualReportPage
from disclosure.models import (
    DisclosureColumnPage,
    DisclosureGuidePage,
    DocumentAttachment,
    DocumentRelation,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    StandardCataloguePage,
)
from interaction.models import FaqIndexPage, InteractionIndexPage
from portal.demo import annual_reports as annual_reports_demo
from portal.models import ContentPage, HomePage

N = 3

# The most queries each page type may run (SQLite and PostgreSQL run the same ones). Pages are
# found in three queries whatever their depth: the site, the pages on the path with the home
# page, the specific page (portal/routing.py), and their view restrictions in one
# (portal/visibility.py); the 蒙古文版 adds the page's translations for
# the language switcher and hreflang (two, portal/languages.py) and the locale of the
# translation notice.
CEILINGS = {
    "home": 14,
    "content page": 9,
    "column catalogue": 19,
    "column catalogue, filtered": 18,
    "standard catalogue": 10,
    "guide": 11,
    "policy document": 16,  # + its 更新记录 (change records, issue 16)
    "interpretation": 11,  # + its 更新记录
    "annual report": 12,
    "search page": 17,
    "search api": 4,  # + the 推荐结果 (pins) for the query
    "applications form": 8,  # the form itself: its captcha and the 受理机关 it offers
    "互动交流 column": 20,
    "常见问题": 12,
}

_serial = itertools.count(1)


def count_queries(client, url):
    client.get(url)  # warm: the sites' root paths are cached after the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def attachment():
    document = get_document_model()(title=f"附件{next(_serial)}")
    document.file.save(f"attachment-{next(_serial)}.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return document


def add_documents(column, template, count):
    """`count` more documents below `column`, each with an attachment and an interpretation,
    and each amending `template` and amended by it (its 关联文件 both ways)."""
    interpretations = PolicyInterpretationPage.objects.filter(policy_document=template).first()
    for _ in range(count):
        serial = next(_serial)
        page = PolicyDocumentPage(
            title=f"测试查询次数的文件{serial}",
            slug=f"query-count-{serial}",
            publisher=template.publisher,
            written_date=template.written_date,
            topic=template.topic,
            genre=template.genre,
            summary="政务服务测试文件的内容概述。",
            live=False,
        )
        column.add_child(instance=page)
        page.save_revision().publish()
        DocumentAttachment.objects.create(page=page, document=attachment())
        amends = DocumentRelation.Kind.AMENDS
        DocumentRelation.objects.create(page=page, target=template, kind=amends)
        DocumentRelation.objects.create(page=template, target=page, kind=amends)
        if interpretations is not None:
            reading = PolicyInterpretationPage(
                title=f"解读测试查询次数的文件{serial}",
                slug=f"query-count-reading-{serial}",
                policy_document=page,
                publisher=page.publisher,
                main_content="<p>主要内容。</p>",
                live=False,
            )
            interpretations.get_parent().add_child(instance=reading)
            reading.save_revision().publish()


def add_to_document(document, count):
    """`count` more attachments and interpretations on one document."""
    column = PolicyInterpretationPage.objects.filter(policy_document=document).first()
    for _ in range(count):
        DocumentAttachment.objects.create(page=document, document=attachment())
        serial = next(_serial)
        reading = PolicyInterpretationPage(
            title=f"另一篇解读{serial}",
            slug=f"another-reading-{serial}",
            policy_document=document,
            publisher=document.publisher,
            main_content="<p>主要内容。</p>",
            live=False,
        )
        column.get_parent().add_child(instance=reading)
        reading.save_revision().publish()


def add_interaction_column():
    """互动交流 and its 常见问题 page below the home page (as tests/interaction does)."""
    column = InteractionIndexPage(title="互动交流", slug="hudong", column_type="互动交流")
    HomePage.objects.get().add_child(instance=column)
    column.save_revision().publish()
    faq = FaqIndexPage(title="常见问题", slug="faq", column_type="互动交流")
    column.add_child(instance=faq)
    faq.save_revision().publish()


def urls():
    document = PolicyDocumentPage.objects.live().filter(interpretations__live=True).first()
    column = DisclosureColumnPage.objects.get(pk=document.get_parent().pk)
    return (
        column,
        document,
        {
            "home": HomePage.objects.get().url,
            "content page": ContentPage.objects.live().first().url,
            "column catalogue": column.url,
            "column catalogue, filtered": f"{column.url}?topic={document.topic.code}&year=2024",
            "standard catalogue": StandardCataloguePage.objects.live().first().url,
            "guide": DisclosureGuidePage.objects.live().first().url,
            "policy document": document.url,
            "interpretation": document.interpretations.live().first().url,
            "annual report": AnnualReportPage.objects.live().first().url,
            "search page": "/search/?q=政务服务",
            "search api": "/search/api/?q=政务服务",
            "applications form": "/applications/apply/",
            "互动交流 column": InteractionIndexPage.objects.live().first().url,
            "常见问题": FaqIndexPage.objects.live().first().url,
        },
    )


@pytest.mark.django_db
def test_query_counts_of_public_pages_do_not_grow_with_the_documents(client, disclosure_demo_site):
    annual_reports_demo.load()
    add_interaction_column()
    column, document, pages = urls()

    add_documents(column, document, N)
    add_to_document(document, N)
    with_n = {name: count_queries(client, url) for name, url in pages.items()}

    add_documents(column, document, 2 * N)
    add_to_document(document, 2 * N)
    with_3n = {name: count_queries(client, url) for name, url in pages.items()}

    grown = {name: (with_n[name], with_3n[name]) for name in pages if with_3n[name] > with_n[name]}
    assert grown == {}, f"queries grow with the documents (N, 3N): {grown}"
    too_many = {
        name: (count, CEILINGS[name]) for name, count in with_3n.items() if count > CEILINGS[name]
    }
    assert too_many == {}, f"more queries than the ceiling (count, ceiling): {too_many} {with_3n}"
    # The column lists the documents added, the document its attachments and readings.
    assert client.get(pages["column catalogue"]).content.decode().count("测试查询次数的文件") >= N
    html = client.get(pages["policy document"]).content.decode()
    # Each reading is linked twice: in the 解读 list and in the 文件时间线 (issue 16).
    timeline = html.split('class="document-lifecycle"')[1].split("</section>")[0]
    assert timeline.count("另一篇解读") == 3 * N
    assert html.count("另一篇解读") == 2 * 3 * N
    assert html.count("download>附件") >= 3 * N
    # Its 关联文件 both ways: the documents it amends and those amending it.
    assert html.count("本文件修改了：") >= 3 * N
    assert html.count("本文件已被") >= 3 * N
