"""Interaction: messages (留言) unanswered, accounts without an interaction function, and the
site's own 咨询建言 channel (the 互动交流 column): available, and publishing its answers.

Messages come from 政务新媒体 accounts (scope accounts) and from the site itself (scope site:
the 互动交流 channel and 我为政府网站找错 reports), so the unanswered checks cover both.
"""

from .base import ACCOUNTS, SITE, Check, Detection, Severity, days_between


def unanswered(inventory, scopes):
    """[(message, days waiting)] for valid messages with no reply, oldest first."""
    waiting = []
    for message in inventory.messages:
        if message.scope in scopes and message.is_valid and message.replied_at is None:
            waiting.append((message, int(days_between(message.asked_at, inventory.now))))
    return sorted(waiting, key=lambda entry: -entry[1])


class MessageUnansweredCheck(Check):
    code = "MESSAGE_UNANSWERED"
    name = "留言未及时回复"
    severity = Severity.DEDUCT
    indicator = "互动回应差"
    description = "有效留言超过规定天数未回复（默认5天，可配置）。"

    def detect(self, inventory):
        limit = inventory.thresholds.unanswered_days
        veto = inventory.thresholds.unanswered_veto_days
        for message, days in unanswered(inventory, self.scopes):
            if limit < days <= veto:
                yield Detection(
                    message.target,
                    f"留言已{days}天未回复，超过{limit}天。",
                    data={"days": days, "limit": limit},
                )


class MessageUnansweredVetoCheck(Check):
    code = "MESSAGE_UNANSWERED_VETO"
    name = "留言超过3个月未回复"
    severity = Severity.VETO
    indicator = "互动回应差"
    description = "有效留言超过3个月未回复，单项否决。"

    def detect(self, inventory):
        veto = inventory.thresholds.unanswered_veto_days
        for message, days in unanswered(inventory, self.scopes):
            if days > veto:
                yield Detection(
                    message.target,
                    f"留言已{days}天未回复，超过{veto}天。",
                    data={"days": days, "limit": veto},
                )


class AccountNoInteractionCheck(Check):
    code = "ACCOUNT_NO_INTERACTION"
    name = "政务新媒体无互动功能"
    severity = Severity.VETO
    scopes = frozenset({ACCOUNTS})
    indicator = "政务新媒体互动回应差"
    description = "政务新媒体未开通留言、评论等有效互动功能，单项否决。"

    def detect(self, inventory):
        for account in inventory.accounts:
            if account.is_open and not account.interaction_enabled:
                yield Detection(account.target, "账号未开通有效的互动功能（留言、评论或私信）。")


class ChannelUnavailableCheck(Check):
    code = "INTERACTION_CHANNEL_UNAVAILABLE"
    name = "无有效咨询建言渠道"
    severity = Severity.VETO
    scopes = frozenset({SITE})
    indicator = "互动回应差"
    description = "网站没有可用的咨询建言渠道（互动交流栏目未发布或暂停接受留言），单项否决。"

    def detect(self, inventory):
        for channel in inventory.channels:
            if not channel.available:
                yield Detection(channel.target, f"网站没有可用的咨询建言渠道：{channel.problem}。")


class NoPublishedReplyCheck(Check):
    code = "INTERACTION_NO_PUBLISHED_REPLY"
    name = "未及时公开留言答复"
    severity = Severity.DEDUCT
    scopes = frozenset({SITE})
    indicator = "互动回应差"
    description = "互动交流栏目超过规定天数（默认60天，可配置）没有公开留言答复。"

    def detect(self, inventory):
        limit = inventory.thresholds.published_reply_days
        for channel in inventory.channels:
            if not channel.available:
                continue
            latest = channel.last_published_reply
            if latest is None:
                yield Detection(channel.target, "互动交流栏目尚未公开任何留言答复。")
                continue
            days = int(days_between(latest, inventory.now))
            if days > limit:
                yield Detection(
                    channel.target,
                    f"互动交流栏目已{days}天没有公开留言答复，超过{limit}天。",
                    data={"days": days, "limit": limit},
                )
