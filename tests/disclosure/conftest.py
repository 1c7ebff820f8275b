"""Fixtures of the disclosure tests: a small column tree and a document factory.

Most tests build just what they need on top of the site shell (fast); tests about the demo
catalogue use `disclosure_demo`, which seeds the site shell and the whole 政府信息公开 demo.
"""

import itertools
from datetime import date

import pytest
from wagtail.models import Site

from disclosure.models import (
    DisclosureColumnPage,
    DisclosureIndexPage,
    Organisation,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    Topic,
)
from portal.demo import disclosure as disclosure_demo
from portal.demo import site as site_demo
from portal.models import HomePage

BUREAU_USCC = "11150627011580001G"
OTHER_USCC = "11150627011580004R"


@pytest.fixture
def site_shell(db):
    site_demo.load()
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def disclosure_demo_site(site_shell):
    disclosure_demo.load()
    return site_shell


@pytest.fixture
def bureau(db):
    return Organisation.objects.create(name="伊金霍洛旗政务服务局", uscc=BUREAU_USCC)


@pytest.fixture
def other_org(db):
    return Organisation.objects.create(name="伊金霍洛旗测试局", uscc=OTHER_USCC)


@pytest.fixture
def column_root(site_shell):
    home = HomePage.objects.get()
    root = DisclosureIndexPage(title="政府信息公开", slug="xxgk", column_type="政府信息公开")
    home.add_child(instance=root)
    root.save_revision().publish()
    return root


@pytest.fixture
def policy_column(column_root):
    column = DisclosureColumnPage(title="政策文件", slug="policies", column_type="信息发布")
    column_root.add_child(instance=column)
    column.save_revision().publish()
    return column


_slugs = itertools.count(1)


@pytest.fixture
def make_document(policy_column, bureau):
    """Create a policy document (published unless live=False) under the 政策文件 column."""

    def make(parent=None, publish=True, **fields):
        values = {
            "title": f"测试文件{next(_slugs)}",
            "publisher": bureau,
            "written_date": date(2024, 3, 1),
            "topic": Topic.objects.get(code="2.1"),
            "genre": "通知",
            "summary": "测试用的内容概述。",
            **fields,
        }
        values.setdefault("slug", f"doc-{next(_slugs)}")
        page = PolicyDocumentPage(live=False, **values)
        (parent or policy_column).add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def make_interpretation(column_root, bureau):
    """Create a published 解读 of `document` under the column root."""

    def make(document, title="测试解读", **fields):
        page = PolicyInterpretationPage(
            title=title,
            slug=f"jiedu-{next(_slugs)}",
            publisher=bureau,
            policy_document=document,
            main_content="<p>主要内容。</p>",
            live=False,
            **fields,
        )
        column_root.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make
