"""Fixtures for the 互动交流 tests: a small site with the 互动交流 column and its 常见问题
page, two departments, handlers in their real groups, and a message factory that goes through
services.submit like the public form does."""

import os
import uuid

import pytest
from interaction_helpers import make_user, message_fields, publish
from wagtail.models import Page, Site

from disclosure.models import Organisation
from interaction import services
from interaction.models import FaqIndexPage, InteractionIndexPage, MessageTopic
from portal.models import HomePage
from search import service as search_service
from search.backends import elastic

BUREAU_USCC = "11150627011580001G"
CENTRE_USCC = "11150627011580003N"


@pytest.fixture
def column(db):
    """Home page served by the default site, with 互动交流 and 互动交流 → 常见问题 below it."""
    home = HomePage(title="首页", slug="home-test")
    Page.get_first_root_node().add_child(instance=home)
    publish(home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    column = InteractionIndexPage(title="互动交流", slug="hudong", column_type="互动交流")
    home.add_child(instance=column)
    publish(column)
    faq_index = FaqIndexPage(title="常见问题", slug="faq", column_type="互动交流")
    column.add_child(instance=faq_index)
    publish(faq_index)
    return column


@pytest.fixture
def faq_index(column):
    return FaqIndexPage.objects.get()


@pytest.fixture
def bureau(db):
    return Organisation.objects.create(name="伊金霍洛旗政务服务局", uscc=BUREAU_USCC)


@pytest.fixture
def centre(db):
    return Organisation.objects.create(name="伊金霍洛旗公共资源交易中心", uscc=CENTRE_USCC)


@pytest.fixture
def topic(db):
    return MessageTopic.objects.get(name="政务服务事项办理")


@pytest.fixture
def handler(db):
    return make_user("handler_a", "互动交流办理")


@pytest.fixture
def other_handler(db):
    return make_user("handler_b", "互动交流办理")


@pytest.fixture
def head(db):
    return make_user("interaction_head", "互动交流负责人")


@pytest.fixture
def new_message(bureau, topic):
    """new_message(**fields) -> (message, 查询码), submitted as the public form submits."""

    def make(**overrides):
        return services.submit(message_fields(bureau, topic, **overrides), client_hash="test")

    return make


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """`with indexed(): ...`: what is published inside reaches the search index (the drain is
    queued after commit, and the test's transaction never commits)."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


@pytest.fixture
def elasticsearch(settings):
    """The real Elasticsearch of `make test` (SEARCH_TEST_ELASTICSEARCH_URL) behind the search
    service, with a fresh alias dropped afterwards; fails when it is required and missing."""
    url = os.environ.get("SEARCH_TEST_ELASTICSEARCH_URL", "").strip()
    if not url:
        message = "SEARCH_TEST_ELASTICSEARCH_URL is not set (run `make test`)"
        if os.environ.get("CI") or os.environ.get("SEARCH_TEST_REQUIRE_ELASTICSEARCH"):
            pytest.fail(message)
        pytest.skip(message)
    alias = f"test-interaction-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_ALIAS = alias
    search_service.reset_elasticsearch_state()
    yield url
    search_service.reset_elasticsearch_state()
    client = elastic.client(url).options(ignore_status=404)
    names = list(client.indices.get(index=f"{alias}*", expand_wildcards="all").body)
    if names:
        client.indices.delete(index=",".join(names))
