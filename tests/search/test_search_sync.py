"""Pages reach the index through the outbox: publish, unpublish, move, privacy, delete;
attachments; Elasticsearch down; zero-downtime rebuild; status. Real database, real
Elasticsearch, Wagtail's own publishing actions."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Site

from portal.models import ContentPage
from search import indexing, service
from search.backends import elastic
from search.models import IndexOutbox, SearchEntry


@pytest.fixture
def root(db):
    return Site.objects.get(is_default_site=True).root_page


def publish(parent, title, body_text="", slug=None, **fields):
    page = ContentPage(
        title=title,
        slug=slug or f"p{ContentPage.objects.count() + 1}",
        body=[("paragraph", f"<p>{body_text}</p>")] if body_text else [],
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def found(query):
    return [hit.page_id for hit in service.search(query).hits]


def test_publishing_writes_an_outbox_row_in_the_publishing_transaction(root, database_settings):
    published = IndexOutbox.objects.filter(reason="published")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            publish(root, "机构职能调整说明")
            assert published.exists()
            raise RuntimeError("the publish fails after the signal")
    assert not published.exists()  # rolled back with the page

    page = publish(root, "机构职能调整说明")  # no drain: callbacks of this test never run
    assert list(published.values_list("page_id", "action")) == [(page.pk, "index")]
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def test_lifecycle_reaches_both_backends(root, es_settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        section = publish(root, "便民服务", slug="service")
        other = publish(root, "办事指南", slug="guide")
        page = publish(section, "不动产登记预约办理须知", "预约后按时到窗口办理不动产登记。")
    assert not IndexOutbox.objects.exists()  # drained, with the migration's initial rows
    assert page.pk in found("不动产登记预约")
    es_hit = service.search("不动产登记预约").hits[0]
    assert es_hit.url == "/service/p3/" or es_hit.url.endswith(f"/{page.slug}/")
    settings_url = es_settings.ELASTICSEARCH_URL
    es_settings.ELASTICSEARCH_URL = ""
    assert page.pk in found("不动产登记预约")  # the database store has it too
    es_settings.ELASTICSEARCH_URL = settings_url

    with django_capture_on_commit_callbacks(execute=True):
        page.specific.move(other, pos="last-child")
    assert service.search("不动产登记预约").hits[0].url.startswith("/guide/")

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).specific.unpublish()
    assert page.pk not in found("不动产登记预约")

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).specific.save_revision().publish()
    assert page.pk in found("不动产登记预约")

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=other, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    assert page.pk not in found("不动产登记预约")  # a private section is not searchable

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=other).delete()
    assert page.pk in found("不动产登记预约")

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=other.pk).delete()
    assert page.pk not in found("不动产登记预约")
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()
    assert elastic.count() == indexing.expected_count()


def test_rows_wait_while_elasticsearch_is_down_and_nothing_is_lost(
    root, es_settings, django_capture_on_commit_callbacks
):
    real_url = es_settings.ELASTICSEARCH_URL
    es_settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(root, "城乡居民养老保险待遇领取资格认证", "每年进行一次资格认证。")
    row = IndexOutbox.objects.get(page_id=page.pk)
    assert row.attempts == 1 and row.last_error and row.next_attempt_at
    # The fallback already answers with the new page, with a notice.
    results = service.search("资格认证")
    assert results.fell_back and results.notice
    assert [hit.page_id for hit in results.hits] == [page.pk]

    # Not due yet: a plain drain leaves it; Elasticsearch back: the retry indexes it.
    es_settings.ELASTICSEARCH_URL = real_url
    service.reset_elasticsearch_state()
    assert indexing.drain().processed == 0
    waiting = IndexOutbox.objects.count()
    report = indexing.drain(retry_now=True)
    assert report.processed == waiting and not IndexOutbox.objects.exists()
    results = service.search("资格认证")
    assert results.backend == "elasticsearch" and [h.page_id for h in results.hits] == [page.pk]


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose content stream shows `text` in Helvetica (ASCII only)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _docx_with_text(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("search_backend", ["database", "elasticsearch"])
def test_attachment_text_is_searchable(
    root, search_backend, request, django_capture_on_commit_callbacks
):
    request.getfixturevalue(
        "es_settings" if search_backend == "elasticsearch" else "database_settings"
    )
    Document = get_document_model()
    pdf = Document.objects.create(
        title="附件一",
        file=ContentFile(_pdf_with_text("Quarterly audit checklist ZX7731"), name="a.pdf"),
    )
    word = Document.objects.create(
        title="附件二",
        file=ContentFile(_docx_with_text("伊金霍洛旗草原防火责任书签订要求"), name="b.docx"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(root, "关于报送材料的通知")
        page.body = [
            ("document", {"document": pdf, "title": ""}),
            ("document", {"document": word, "title": ""}),
        ]
        page.save_revision().publish()
    assert found("草原防火责任书") == [page.pk]
    assert found("zx7731") == [page.pk]
    hit = service.search("草原防火责任书").hits[0]
    assert "<mark>草原防火责任书</mark>" in hit.snippet_html


def test_rebuild_swaps_the_alias_with_no_downtime(
    root, es_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(5):
            publish(root, f"第{i}号工作动态", "政务服务窗口运行情况。")
    client = elastic.indexing_client()
    alias = es_settings.SEARCH_INDEX_ALIAS
    old_indices = list(client.indices.get_alias(name=alias).body)
    seen = []

    def progress(count):
        # During the rebuild the old index still answers, and a publish is not lost.
        results = service.search("政务服务窗口")
        seen.append((results.backend, results.total))
        if len(seen) == 1:
            with django_capture_on_commit_callbacks(execute=True):
                publish(root, "重建期间发布的公告", "政务服务窗口调整通知。")

    indexing.rebuild_elasticsearch(progress=progress)
    assert seen[0] == ("elasticsearch", 5)
    new_indices = list(client.indices.get_alias(name=alias).body)
    assert len(new_indices) == 1 and new_indices != old_indices
    assert not client.options(ignore_status=404).indices.exists(index=old_indices[0])
    assert service.search("政务服务窗口").total == 6
    assert elastic.count() == indexing.expected_count()


def test_status_and_commands(root, es_settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(root, "政务服务事项清单")
    publish(root, "尚未处理的页面")  # its outbox row waits (no callbacks run)
    info = indexing.status()
    assert info["outbox_pending"] == 1
    assert info["elasticsearch"]["documents"] == info["pages_expected"] - 1
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "索引待办：1 条" in out.getvalue()
    call_command("search_index", "drain", stdout=out)
    call_command("search_index", "rebuild", stdout=out)
    info = indexing.status()
    assert info["outbox_pending"] == 0
    assert info["elasticsearch"]["documents"] == info["pages_expected"] == info["database_store"]
