"""Interaction: messages (留言) unanswered, and accounts without an interaction function."""

from .base import ACCOUNTS, Check, Detection, Severity, days_between


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
