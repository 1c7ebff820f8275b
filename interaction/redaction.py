"""Removing personal data from a question and its answer before they are published.

Two passes over each text:

1. the writer's own details (name, phone, email), wherever they were typed, become their
   masked forms (王**, 139****0001, w***@example.com);
2. anything else that looks like personal data becomes its masked form too: 居民身份证号码,
   mobile and bank card numbers as monitoring's detector finds them
   (monitoring/rules/personal_data.py), and e-mail addresses.

The handler sees the result and what was removed, may edit it, and publishing runs the
detector again (services.publication_problems): nothing it finds is ever published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.rules.identifiers import mask_bank_card, mask_id_number, mask_name, mask_phone
from core.rules.personal_data import find_personal_data
from disclosure.applications.personal_data import mask_email

EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")

KIND_LABELS = {
    "name": "姓名",
    "phone": "联系电话",
    "email": "电子邮箱",
    "resident_id": "居民身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
}
MASKS = {"resident_id": mask_id_number, "mobile": mask_phone, "bank_card": mask_bank_card}


@dataclass
class Redacted:
    text: str
    removed: dict[str, int] = field(default_factory=dict)  # kind -> how many

    def count(self, kind: str, n: int = 1) -> None:
        if n:
            self.removed[kind] = self.removed.get(kind, 0) + n


def _replace_known(result: Redacted, value: str, mask: str, kind: str) -> None:
    if value and value in result.text:
        result.count(kind, result.text.count(value))
        result.text = result.text.replace(value, mask)


def redact(text: str, *, name: str = "", phone: str = "", email: str = "") -> Redacted:
    """`text` with the writer's details and any other personal data masked."""
    result = Redacted(text or "")
    # A one-character name would mask that character everywhere: only longer names.
    if len(name) >= 2:
        _replace_known(result, name, mask_name(name), "name")
    _replace_known(result, phone, mask_phone(phone), "phone")
    _replace_known(result, email, mask_email(email), "email")
    for found in reversed(find_personal_data(result.text)):
        masked = MASKS[found.kind](found.value)
        result.text = result.text[: found.start] + masked + result.text[found.end :]
        result.count(found.kind)
    emails = EMAIL.findall(result.text)
    for address in emails:
        result.text = result.text.replace(address, mask_email(address))
    result.count("email", len(emails))
    return result


def personal_data_left(text: str) -> list[str]:
    """Labels and masked values of the personal data still in `text` ([] when none)."""
    left = [
        f"{KIND_LABELS[found.kind]}“{MASKS[found.kind](found.value)}”"
        for found in find_personal_data(text or "")
    ]
    left += [f"电子邮箱“{mask_email(address)}”" for address in EMAIL.findall(text or "")]
    return left


def describe(removed: dict[str, int]) -> str:
    """ "姓名 1 处、手机号码 2 处" for the handler."""
    return "、".join(f"{KIND_LABELS[kind]} {n} 处" for kind, n in removed.items() if n)
