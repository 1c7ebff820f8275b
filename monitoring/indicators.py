"""The structure of the inspection indicators (国办秘函〔2019〕19号) as this system monitors
them: which checks decide each 单项否决 item, for the website and for 政务新媒体."""

from dataclasses import dataclass


@dataclass(frozen=True)
class VetoItem:
    number: str
    name: str
    checks: tuple  # check codes; empty when the item is outside this system's monitoring
    rule: str


SITE_VETO_ITEMS = [
    VetoItem(
        "1",
        "安全、泄密事故",
        ("SEVERE_ERROR", "SENSITIVE_WORD", "PII_RESIDENT_ID", "PII_BANK_CARD"),
        "出现严重表述错误，发布或链接反动、暴力、色情内容，泄露个人信息等。",
    ),
    VetoItem("2", "站点无法访问", (), "1周内监测，每天不少于20次，无法访问次数达5%。"),
    VetoItem("3", "首页不更新", ("HOME_PAGE_STALE",), "首页2周内无更新。"),
    VetoItem(
        "4",
        "栏目不更新",
        ("COLUMNS_VETO",),
        "未按期更新栏目达5个，或长期未更新栏目达10个，或空白栏目达5个。",
    ),
    VetoItem(
        "5",
        "互动回应差",
        ("INTERACTION_CHANNEL_UNAVAILABLE", "MESSAGE_UNANSWERED_VETO"),
        "无有效的咨询建言渠道，或有效留言超过3个月未回复。",
    ),
    VetoItem("6", "服务不实用", (), "办事指南要素缺失。"),
]

ACCOUNT_VETO_ITEMS = [
    VetoItem(
        "1",
        "安全、泄密事故",
        ("SEVERE_ERROR", "SENSITIVE_WORD", "PII_RESIDENT_ID", "PII_BANK_CARD"),
        "出现严重表述错误、泄密，发布反动、暴力、色情内容等。",
    ),
    VetoItem("2", "内容不更新", ("ACCOUNT_STALE",), "检查前2周内无更新。"),
    VetoItem(
        "3",
        "互动回应差",
        ("ACCOUNT_NO_INTERACTION", "MESSAGE_UNANSWERED_VETO"),
        "无有效互动功能，或留言超过3个月未回复。",
    ),
]

NOT_MONITORED = "未纳入本系统监测"
