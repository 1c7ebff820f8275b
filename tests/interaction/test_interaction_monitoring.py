"""The 19号 互动回应 indicators computed from the site's own channel: its messages in the
monitoring inventory, the channel available and publishing answers, on the 监测概览 dashboard
and in the inspection reports."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from interaction_helpers import publish

from interaction import services
from interaction.workflow import Action
from monitoring.checks import SITE, get_check
from monitoring.dashboard import site_gauges
from monitoring.inventory import build_inventory
from monitoring.models import Finding
from monitoring.reports import build_report

pytestmark = pytest.mark.django_db


def site_inventory(now=None):
    return build_inventory({SITE}, now=now, with_texts=False)


def detect(code, inventory):
    return list(get_check(code).detect(inventory))


def test_the_channels_messages_are_site_messages_answered_when_replied(
    column, handler, new_message
):
    waiting, _ = new_message(title="等待答复的留言")
    answered, _ = new_message(title="已答复的留言")
    services.perform(answered, Action.ACCEPT, actor=handler)
    services.perform(answered, Action.REPLY, actor=handler, text="已答复。")
    refused, _ = new_message(title="不予受理的留言")
    services.perform(refused, Action.REJECT, actor=handler, note="不属于本机关职责。")
    messages = {
        m.target.label.split("：")[1]: m
        for m in site_inventory().messages
        if m.target.kind == "interaction_message"
    }
    assert set(messages) == {"等待答复的留言", "已答复的留言", "不予受理的留言"}
    assert messages["等待答复的留言"].replied_at is None and messages["等待答复的留言"].is_valid
    assert messages["已答复的留言"].replied_at == answered.closed_at
    assert not messages["不予受理的留言"].is_valid
    assert all(m.scope == SITE for m in messages.values())


def test_an_available_channel_passes_and_a_paused_or_missing_one_is_a_veto(column):
    assert detect("INTERACTION_CHANNEL_UNAVAILABLE", site_inventory()) == []
    column.accepting_messages = False
    publish(column)
    (found,) = detect("INTERACTION_CHANNEL_UNAVAILABLE", site_inventory())
    assert found.message == "网站没有可用的咨询建言渠道：互动交流栏目已暂停接受留言。"
    column.accepting_messages = True
    publish(column)
    column.unpublish()
    (found,) = detect("INTERACTION_CHANNEL_UNAVAILABLE", site_inventory())
    assert "互动交流栏目未发布" in found.message
    column.delete()
    (found,) = detect("INTERACTION_CHANNEL_UNAVAILABLE", site_inventory())
    assert "网站尚未建立互动交流栏目" in found.message


def test_no_answer_published_for_two_months_is_a_deduction(column, head, handler, new_message):
    (found,) = detect("INTERACTION_NO_PUBLISHED_REPLY", site_inventory())
    assert found.message == "互动交流栏目尚未公开任何留言答复。"
    message, _ = new_message()
    services.perform(message, Action.ACCEPT, actor=handler)
    services.perform(message, Action.REPLY, actor=handler, text="周六上午开放。")
    services.perform(
        message,
        Action.PUBLISH,
        actor=head,
        title="周六办社保",
        question="周六开门吗？",
        answer="开放。",
    )
    assert detect("INTERACTION_NO_PUBLISHED_REPLY", site_inventory()) == []
    later = timezone.now() + timedelta(days=61)
    (found,) = detect("INTERACTION_NO_PUBLISHED_REPLY", site_inventory(now=later))
    assert "已61天没有公开留言答复，超过60天" in found.message


def test_the_dashboard_shows_the_channel_and_its_oldest_unanswered_message(column, new_message):
    message, _ = new_message()
    gauges = {gauge.name: gauge for gauge in site_gauges(site_inventory())}
    channel = gauges["互动交流：咨询建言渠道"]
    assert channel.state == "ok" and channel.shown == "可用"
    oldest = gauges["互动交流：最久未回复的有效留言"]
    assert oldest.value == 0 and oldest.limit == 90 and oldest.state == "ok"
    later = message.submitted_at + timedelta(days=91)
    gauges = {gauge.name: gauge for gauge in site_gauges(site_inventory(now=later))}
    assert gauges["互动交流：最久未回复的有效留言"].state == "veto"
    assert gauges["互动交流：最久未回复的有效留言"].value == 91


def test_a_run_stores_the_channel_findings_and_the_report_fails_item_5(column, new_message):
    message, _ = new_message()
    message.__class__.objects.filter(pk=message.pk).update(
        submitted_at=timezone.now() - timedelta(days=100)
    )
    column.accepting_messages = False
    publish(column)
    call_command("monitor_run", "site", stdout=StringIO())
    findings = Finding.objects.filter(is_present=True, scope="site")
    codes = set(findings.values_list("check_code", flat=True))
    assert {"INTERACTION_CHANNEL_UNAVAILABLE", "MESSAGE_UNANSWERED_VETO"} <= codes
    veto = findings.get(check_code="MESSAGE_UNANSWERED_VETO")
    assert veto.target_kind == "interaction_message" and message.number in veto.target_label
    today = timezone.localdate()
    report = build_report("month", today.year, today.month)
    item = next(row for row in report.site.vetoes if row.name == "互动回应差")
    assert item.result == "不通过" and len(item.findings) == 2
    assert report.site.result == "不合格（单项否决）"
