"""内容安全审查 as the signer meets it: told when it blocks, the findings in Chinese and Beijing
time in the editor and in the 强制通过 form."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from monitoring.models import GateReview
from portal.models import ContentPage

pytestmark = pytest.mark.django_db

SEVERE = "会议要求贯彻落实伊金霍洛期政务公开工作要点。"


@pytest.fixture
def people(monitoring_site, user_in):
    return {role: user_in(group) for role, group in [("editor", "编辑"), ("signer", "签发")]}


@pytest.fixture
def at_the_gate(monitoring_site, people, user_in):
    """A page with a 单项否决 finding, approved by 审核 and waiting at 签发."""
    page = ContentPage(title="政务公开工作推进会", slug="meeting", live=False)
    page.body = [("paragraph", f"<p>{SEVERE}</p>")]
    monitoring_site.root_page.add_child(instance=page)
    page.save_revision(user=people["editor"])
    state = page.get_workflow().start(page, people["editor"])
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user_in("审核", "shenhe"), "approve")
    state.refresh_from_db()
    return page, state


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_signer_is_told_when_the_gate_blocks(client, at_the_gate, people):
    page, state = at_the_gate
    client.force_login(people["signer"])
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk]
    )
    response = client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    response = client.get(response.json()["redirect"])
    review = GateReview.objects.get(page=page)
    assert review.outcome == GateReview.Outcome.BLOCKED
    text = messages_of(response)[0]
    assert text.startswith(f"内容安全审查于 {review.beijing_time} 发现单项否决问题，未发布：")
    assert "严重表述错误" in text and "伊金霍洛期" in text
    assert "北京时间" in review.beijing_time
    # Opening the page again tells the signer too, in Chinese: no raw record, no UTC.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert messages_of(response) == [review.blocked_message()]
    assert "{'code'" not in response.content.decode()


def test_the_override_form_lists_what_is_overridden(client, at_the_gate, people):
    page, state = at_the_gate
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, people["signer"], "approve")
    state.refresh_from_db()
    client.force_login(people["signer"])
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "override", state.current_task_state.pk],
    )
    html = client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()["html"]
    assert "强制通过将在以下问题仍然存在的情况下发布" in html
    assert "【单项否决】" in html and "伊金霍洛期" in html and "北京时间" in html
    assert "强制通过理由" in html


def test_the_review_record_reads_in_chinese(client, at_the_gate, people, user_in):
    page, state = at_the_gate
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, people["signer"], "approve")
    review = GateReview.objects.get(page=page)
    client.force_login(user_in("管理员", "guanli"))
    html = client.get(
        reverse("wagtailsnippets_monitoring_gatereview:inspect", args=[review.pk])
    ).content.decode()
    assert "1. 【单项否决】" in html and "北京时间" in html
    assert "{'code'" not in html and "task state" not in html.lower()
