"""政务新媒体 account rules of 国办发〔2018〕123号."""

from collections import defaultdict

from .base import ACCOUNTS, Check, Detection, Severity

# "其他" lumps different platforms together, so the one-account rule cannot apply to it.
PLATFORMS_WITHOUT_RULE = {"other"}


def duplicate_accounts(accounts):
    """{(unit, platform): [accounts]} where one unit runs more than one open account."""
    groups = defaultdict(list)
    for account in accounts:
        if account.is_open and account.platform not in PLATFORMS_WITHOUT_RULE:
            groups[(account.sponsor_unit.strip(), account.platform)].append(account)
    return {key: group for key, group in groups.items() if len(group) > 1}


class AccountDuplicateCheck(Check):
    code = "ACCOUNT_DUPLICATE"
    name = "同一平台重复开设账号"
    severity = Severity.DEDUCT
    scopes = frozenset({ACCOUNTS})
    indicator = "政务新媒体规范管理"
    description = "同一主办单位在同一平台原则上只开设一个账号（国办发〔2018〕123号）。"

    def detect(self, inventory):
        for (unit, _platform), group in duplicate_accounts(inventory.accounts).items():
            names = "、".join(account.target.label for account in group)
            for account in group:
                yield Detection(
                    account.target,
                    f"{unit}在{account.platform_label}开设了{len(group)}个账号（{names}），"
                    "应清理整合为一个。",
                )


class AccountNotFiledCheck(Check):
    code = "ACCOUNT_NOT_FILED"
    name = "账号未备案"
    severity = Severity.DEDUCT
    scopes = frozenset({ACCOUNTS})
    indicator = "政务新媒体规范管理"
    description = "政务新媒体开设、变更、关停应当备案。"

    def detect(self, inventory):
        for account in inventory.accounts:
            if account.is_open and not account.filed:
                yield Detection(account.target, "账号尚未备案。")
