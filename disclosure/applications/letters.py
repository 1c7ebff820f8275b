"""Letters (告知书) drafted from templates; officers edit the draft before it is sent.

Templates are plain text under templates/applications/letters/. A reply letter takes its
decision paragraph from REPLY_DECISIONS (one per reply type, with the statutory basis) and
always ends with the 救济告知 (条例 Art.51; 行政复议法 2023 Art.23 for refusals).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from portal.models import SiteIdentity

from . import conf, workflow

# Decision paragraph of the reply letter per reply type. "{article}" is the row's article.
REPLY_DECISIONS = {
    "granted": (
        "经审查，您申请获取的政府信息属于公开范围。根据《中华人民共和国政府信息公开条例》"
        "第三十六条第（一）项、第（二）项的规定，本机关予以公开，现将该信息提供给您"
        "（已主动公开的，告知获取的方式和途径如下）：\n（请填写所提供的信息或获取途径）"
    ),
    "partially_granted": (
        "经审查，您申请获取的政府信息中部分内容属于不予公开的范围。根据《中华人民共和国政府"
        "信息公开条例》第三十七条的规定，本机关对能够作区分处理的部分予以公开，现提供给您；"
        "对不予公开的部分，理由如下：\n（请说明不予公开部分的内容和理由）"
    ),
    "withheld_1": (
        "经审查，您申请获取的政府信息依法确定为国家秘密。根据《中华人民共和国政府信息公开条例》"
        "第十四条、第三十六条第（三）项的规定，本机关不予公开。"
    ),
    "withheld_2": (
        "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据《中华人民共和国"
        "政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关不予公开。"
    ),
    "withheld_3": (
        "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据"
        "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关不予公开。"
    ),
    "withheld_4": (
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "且第三方不同意公开。根据《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项"
        "的规定，本机关不予公开。"
    ),
    "withheld_5": (
        "经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。"
        "根据《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项的规定，"
        "本机关不予公开。"
    ),
    "withheld_6": (
        "经审查，您申请获取的政府信息属于讨论记录、过程稿、磋商信函、请示报告等过程性信息。"
        "根据《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项的规定，"
        "本机关不予公开。"
    ),
    "withheld_7": (
        "经审查，您申请获取的政府信息属于行政执法案卷信息。根据《中华人民共和国政府信息公开条例》"
        "第十六条第二款、第三十六条第（三）项的规定，本机关不予公开。"
    ),
    "withheld_8": (
        "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对信息的获取有特别规定。"
        "根据《中华人民共和国政府信息公开条例》第三十六条第（七）项的规定，请您按照有关法律、"
        "行政法规的规定办理：\n（请写明查询的机关和途径）"
    ),
    "unavailable_1": (
        "经检索查找，本机关未制作或者获取您申请的政府信息。根据《中华人民共和国政府信息公开条例》"
        "第三十六条第（四）项、第（五）项的规定，告知您该政府信息本机关不掌握。"
        "能够确定负责公开该政府信息的机关的，其名称和联系方式为：\n（请填写，不能确定的删去本句）"
    ),
    "unavailable_2": (
        "经审查，您申请的信息需要本机关对现有政府信息进行加工、分析，不属于本机关应当提供的"
        "现有政府信息。根据《中华人民共和国政府信息公开条例》第三十八条的规定，本机关不予提供。"
    ),
    "unavailable_3": (
        "本机关已于{correction_requested_on}一次性告知您补正申请，您补正后的申请内容仍不明确，"
        "无法确定所需政府信息。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "本机关无法提供。"
    ),
    "not_processed_1": (
        "经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等诉求。根据《中华人民共和国"
        "政府信息公开条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理，"
        "请您通过相应渠道提出。"
    ),
    "not_processed_2": (
        "经审查，您提出的申请与您此前向本机关提出并已获答复的申请内容相同（原受理编号：    ）。"
        "根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，本机关不予重复处理。"
    ),
    "not_processed_3": (
        "经审查，您申请获取的是公开出版物。根据《中华人民共和国政府信息公开条例》第三十九条"
        "第二款的规定，本机关可以告知您获取的途径：\n（请写明获取途径）"
    ),
    "not_processed_4": (
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，您未说明理由"
        "（或者理由不合理）。根据《中华人民共和国政府信息公开条例》第三十五条的规定，"
        "本机关不予处理。"
    ),
    "not_processed_5": (
        "经审查，您的申请实质是要求本机关确认或者重新出具您已获取的信息，不属于《中华人民共和国"
        "政府信息公开条例》规定的政府信息公开申请，本机关不予处理。"
    ),
    "other_1": (
        "本机关已于{correction_requested_on}一次性告知您补正申请，补正期限为{correction_deadline}。"
        "您无正当理由逾期未补正，根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "视为您放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    "other_2": (
        "本机关已于{fee_notice_on}向您发出收费通知，缴费期限为{fee_due_on}。您逾期未按收费通知"
        "要求缴纳费用，根据《中华人民共和国政府信息公开条例》第四十二条及《政府信息公开信息"
        "处理费管理办法》（国办函〔2020〕109号）的规定，视为您放弃申请，本机关不再处理该政府"
        "信息公开申请。"
    ),
    "other_3": ("（请说明处理情况，例如：您已于    年  月  日撤回申请，本机关终止办理。）"),
}

# 行政复议法 (2023 revision, in force 2024-01-01) Art.23 ¶1 (四): a refusal to disclose must go
# to 行政复议 before a court (复议前置) [VERIFY against the official text].
REVIEW_FIRST_RESOLUTIONS = frozenset(f"withheld_{n}" for n in range(1, 9))


def remedy_notice(resolution: str | None) -> str:
    """The 救济告知 paragraph of a letter."""
    if resolution in REVIEW_FIRST_RESOLUTIONS:
        return (
            f"如对本答复不服，可以自收到本告知书之日起六十日内向{conf.review_body()}申请行政复议；"
            "对行政复议决定不服的，可以依法提起行政诉讼（《中华人民共和国行政复议法》"
            "第二十三条）。"
        )
    return (
        f"如对本答复不服，可以自收到本告知书之日起六十日内向{conf.review_body()}申请行政复议，"
        f"或者自知道或者应当知道本答复之日起六个月内向{conf.court()}提起行政诉讼。"
    )


def agency_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        identity = SiteIdentity.for_site(site)
        if identity.sponsor:
            return identity.sponsor
    return "本机关"


def _date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "    年  月  日"


def reply_decision(application, resolution: str) -> str:
    return REPLY_DECISIONS[resolution].format(
        correction_requested_on=_date(application.correction_requested_on),
        correction_deadline=_date(application.correction_deadline),
        fee_notice_on=_date(application.fee_notice_on),
        fee_due_on=_date(application.fee_due_on),
    )


TITLES = {
    "reply": "政府信息公开申请答复书",
    "correction": "补正申请告知书",
    "extension": "延期答复告知书",
    "consultation": "政府信息公开第三方意见征询函",
    "fee": "政府信息公开信息处理费收费通知",
}


def draft(letter_kind: str, application, **params) -> tuple[str, str]:
    """(title, body) of a new letter of ``letter_kind`` for ``application``; ``params`` are the
    values of the action form (dates, reasons, amounts, consultee, resolution)."""
    resolution = params.get("resolution")
    letter_date = params.pop("letter_date", None) or timezone.localdate()
    context = {
        "agency": agency_name(),
        "application": application,
        "received_on": _date(application.received_on),
        "submitted_on": _date(timezone.localtime(application.submitted_at).date()),
        "today": _date(letter_date),
        "remedy": remedy_notice(resolution),
        "fee_pauses": conf.fee_notice_pauses_clock(),
        **{
            key: _date(value) if hasattr(value, "isoformat") else value
            for key, value in params.items()
        },
    }
    if letter_kind == "reply":
        context["decision"] = reply_decision(application, resolution)
        context["resolution_label"] = workflow.resolution_label(resolution)
    body = render_to_string(f"applications/letters/{letter_kind}.txt", context).strip() + "\n"
    return TITLES[letter_kind], body
