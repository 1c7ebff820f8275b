"""Letters (告知书) drafted from templates; officers edit the draft before it is sent.

Templates are plain text under templates/applications/letters/. A reply letter takes its
decision paragraph and its 救济告知 from letter_texts.yaml (per reply type, with the legal
basis of each; 行政复议法 2023 Art.23 复议前置 for 不予公开 and 部分公开), data the office
reviews in the admin (答复文书用语).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from portal.models import SiteIdentity

from . import conf, workflow

LETTER_TEXTS = Path(__file__).with_name("letter_texts.yaml")


@lru_cache(maxsize=1)
def letter_texts() -> dict:
    """The reviewed wording (letter_texts.yaml): decision, basis and remedy per reply type."""
    return yaml.safe_load(LETTER_TEXTS.read_text(encoding="utf-8"))


def reply_wording(resolution: str) -> dict:
    """{"decision", "basis", "remedy_kind", "remedy", "remedy_basis"} of one reply type."""
    entry = letter_texts()["reply_types"][resolution]
    remedy = letter_texts()["remedies"][entry["remedy"]]
    return {
        "decision": entry["decision"],
        "basis": entry["basis"],
        "remedy_kind": entry["remedy"],
        "remedy": remedy["text"].format(review_body=conf.review_body(), court=conf.court()),
        "remedy_basis": remedy["basis"],
    }


def remedy_notice(resolution: str | None) -> str:
    """The 救济告知 paragraph of a letter (复议前置 for 不予公开 and 部分公开)."""
    if resolution in letter_texts()["reply_types"]:
        return reply_wording(resolution)["remedy"]
    remedy = letter_texts()["remedies"]["review_or_court"]
    return remedy["text"].format(review_body=conf.review_body(), court=conf.court())


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
    return reply_wording(resolution)["decision"].format(
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
