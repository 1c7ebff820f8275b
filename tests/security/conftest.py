"""Fixtures of the security tests: the site shell with one 政策文件 column."""

import itertools
from datetime import date

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Site

from disclosure.models import (
    DisclosureColumnPage,
    DisclosureIndexPage,
    DocumentAttachment,
    Organisation,
    PolicyDocumentPage,
    Topic,
)
from portal.demo import site as site_demo
from portal.models import HomePage

_numbers = itertools.count(1)


@pytest.fixture
def policy_column(db):
    site_demo.load()
    home = HomePage.objects.get()
    root = DisclosureIndexPage(title="政府信息公开", slug="xxgk", column_type="政府信息公开")
    home.add_child(instance=root)
    root.save_revision().publish()
    column = DisclosureColumnPage(title="政策文件", slug="policies", column_type="信息发布")
    root.add_child(instance=column)
    column.save_revision().publish()
    Site.clear_site_root_paths_cache()
    return column


@pytest.fixture
def bureau(db):
    return Organisation.objects.create(name="伊金霍洛旗政务服务局", uscc="11150627011580001G")


@pytest.fixture
def upload(make_pdf):
    """upload("text") -> a Wagtail document holding a PDF with that text."""

    def make(text="attachment", title=None):
        number = next(_numbers)
        return get_document_model().objects.create(
            title=title or f"附件{number}",
            file=ContentFile(make_pdf(text), name=f"attachment-{number}.pdf"),
        )

    return make


@pytest.fixture
def policy_document(policy_column, bureau):
    """policy_document(attachment, publish=…, **fields) -> a policy document page using the
    document as its attachment; published when publish is True."""

    def make(document, publish=True, **fields):
        number = next(_numbers)
        values = {
            "title": f"关于测试附件公开的通知{number}",
            "slug": f"doc-{number}",
            "publisher": bureau,
            "written_date": date(2024, 3, 1),
            "topic": Topic.objects.get(code="2.1"),
            "genre": "通知",
            "summary": "测试用的内容概述。",
            **fields,
        }
        page = PolicyDocumentPage(live=False, **values)
        page.attachments = [DocumentAttachment(document=document)]
        policy_column.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page

    return make
