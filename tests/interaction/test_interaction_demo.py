"""The 互动交流 demo (portal/demo_data/interaction.yaml through `seed_demo`): messages in every
state, one overdue, answers published, loaded idempotently; and the 19号 互动回应 line on the
监测概览 dashboard moves to 单项否决 when the oldest unanswered demo message passes 90 days."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from interaction.models import FaqPage, Message, QuestionPage

pytestmark = pytest.mark.django_db

GAUGE = "互动交流：最久未回复的有效留言"


@pytest.fixture
def demo(seeded_demo, db):
    """The demo, seeded once for the module (tests/conftest.py)."""


def gauge_row(html, name):
    """The dashboard table row of one gauge, tags removed: '指标 当前 否决线 距离 状态'."""
    row = re.search(rf"<tr>\s*<th scope=\"row\">{name}</th>(.*?)</tr>", html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_the_demo_has_every_state_an_overdue_message_and_published_answers(demo):
    statuses = set(Message.objects.values_list("status", flat=True))
    assert statuses == {"pending", "in_progress", "transferred", "answered", "rejected"}
    today = timezone.localdate()
    overdue = [m for m in Message.objects.all() if m.is_open and m.due_on and m.due_on < today]
    assert [m.title for m in overdue] == ["社保卡补办迟迟未取到"]
    published = QuestionPage.objects.live()
    assert published.count() >= 5 and FaqPage.objects.live().count() == 8
    # Personal data written in a demo message never reaches its public page.
    suggestion = published.get(title__contains="周末延时服务")
    assert "13904770012" not in suggestion.question and "王建国" not in suggestion.question
    counts = (Message.objects.count(), QuestionPage.objects.count(), FaqPage.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Message.objects.count(), QuestionPage.objects.count(), FaqPage.objects.count()) == (
        counts
    )


def test_the_dashboard_line_moves_to_veto_when_a_demo_message_passes_90_days(demo, admin_client):
    url = reverse("monitoring_admin:dashboard")
    oldest = (
        Message.objects.filter(status__in=["pending", "in_progress", "transferred"])
        .order_by("submitted_at")
        .first()
    )
    assert oldest.title == "社保卡补办迟迟未取到"
    waited = (timezone.now() - oldest.submitted_at).days
    row = gauge_row(admin_client.get(url).content.decode(), GAUGE)
    assert row == f"{waited} 天 90 天 还差 {90 - waited} 天 正常"

    # The same message, 91 days after it was written.
    Message.objects.filter(pk=oldest.pk).update(
        submitted_at=timezone.now() - timedelta(days=91, hours=1)
    )
    response = admin_client.get(url)
    row = gauge_row(response.content.decode(), GAUGE)
    assert row == "91 天 90 天 已达到否决线（91/90 天） 已触发单项否决"
    gauges = {gauge.name: gauge for gauge in response.context["site_gauges"]}
    assert gauges[GAUGE].state == "veto"
    assert gauges["互动交流：咨询建言渠道"].state == "ok"
