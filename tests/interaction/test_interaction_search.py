"""Published answers and 常见问题 join the public search as their own content types, in the
real Elasticsearch and in the database fallback; the form's suggestions come from it."""

import pytest
from interaction_helpers import publish

from interaction import services, suggestions
from interaction.models import FaqPage
from interaction.workflow import Action
from search import service
from search.records import page_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_answer(column, head, handler, new_message, indexed):
    message, _ = new_message(title="不见面开标要准备什么")
    services.perform(message, Action.ACCEPT, actor=handler)
    services.perform(
        message, Action.REPLY, actor=handler, text="需办理数字证书，准备能上网的电脑。"
    )
    with indexed():
        services.perform(
            message,
            Action.PUBLISH,
            actor=head,
            title="不见面开标要准备什么",
            question="第一次参加不见面开标，需要准备什么设备？",
            answer="需办理数字证书，准备能上网并安装投标客户端的电脑。",
        )
    message.refresh_from_db()
    return message.public_page


@pytest.fixture
def faq(faq_index, indexed):
    page = FaqPage(
        title="参加不见面开标需要准备什么？",
        slug="remote-bid",
        answer="<p>投标人需办理数字证书（CA），开标前登录不见面开标系统签到。</p>",
    )
    with indexed():
        faq_index.add_child(instance=page)
        publish(page)
    return page


def test_the_records_say_who_answered_when_and_what_type(published_answer, faq):
    record = page_record(published_answer)
    assert record.content_type == "interaction.questionpage"
    assert record.content_type_label == "留言答复"
    assert record.publisher == "伊金霍洛旗政务服务局"
    assert record.published_at.date() == published_answer.answered_on
    assert "咨询" in record.keywords and "投标客户端" in record.body
    assert page_record(faq).content_type_label == "常见问题"


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings):
    """Set up before anything is published, so publishing writes to it."""
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch")
    else:
        settings.ELASTICSEARCH_URL = ""
        service.reset_elasticsearch_state()
    return request.param


def test_answers_and_faq_are_found_by_type(search_backend, published_answer, faq):
    answers = service.search("不见面开标", {"content_type": "interaction.questionpage"})
    assert answers.backend == search_backend and not answers.fell_back
    assert [hit.page_id for hit in answers.hits] == [published_answer.pk]
    faqs = service.search("不见面开标", {"content_type": "interaction.faqpage"})
    assert [hit.page_id for hit in faqs.hits] == [faq.pk]
    everything = service.search("不见面开标")
    labels = {value.value: value.label for value in everything.facets["content_type"]}
    assert labels == {"interaction.questionpage": "留言答复", "interaction.faqpage": "常见问题"}
    found = suggestions.suggest("不见面开标要准备什么")
    assert [hit.page_id for hit in found.answers] == [faq.pk, published_answer.pk]
