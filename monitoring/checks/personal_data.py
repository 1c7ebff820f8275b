"""Personal data published by mistake, in the text and in attachments."""

import hashlib

from core.rules import personal_data
from core.rules.identifiers import mask_bank_card, mask_id_number, mask_phone

from .base import Detection, Severity, TextCheck


class PersonalDataCheck(TextCheck):
    kind = ""
    label = ""

    def find(self, text):
        return [item for item in personal_data.find_personal_data(text) if item.kind == self.kind]

    def mask(self, value):
        raise NotImplementedError

    def detect_in(self, item, inventory):
        for where, text in item.parts():
            for found in self.find(text):
                masked = self.mask(found.value)
                yield Detection(
                    target=item.target,
                    message=f"{where}含有{self.label}“{masked}”，请删除或做脱敏处理。",
                    key=f"{where}:{self.kind}:{masked}:{hash_value(found.value)}",
                    excerpt=masked_excerpt(text, found, masked),
                    data={"kind": self.kind, "masked": masked},
                )


def hash_value(value):
    return hashlib.sha1(value.encode("ascii")).hexdigest()[:12]


def masked_excerpt(text, found, masked, width=15):
    before = text[max(0, found.start - width) : found.start]
    after = text[found.end : found.end + width]
    return " ".join(f"{before}【{masked}】{after}".split())


class ResidentIdCheck(PersonalDataCheck):
    code = "PII_RESIDENT_ID"
    name = "泄露身份证号"
    severity = Severity.VETO
    indicator = "安全、泄密事故"
    kind = "resident_id"
    label = "居民身份证号码"
    description = "正文或附件中出现校验位正确的居民身份证号码，属个人信息泄露。"

    def mask(self, value):
        return mask_id_number(value)


class BankCardCheck(PersonalDataCheck):
    code = "PII_BANK_CARD"
    name = "泄露银行卡号"
    severity = Severity.VETO
    indicator = "安全、泄密事故"
    kind = "bank_card"
    label = "银行卡号"
    description = "正文或附件中出现通过 Luhn 校验的16至19位银行卡号，属个人信息泄露。"

    def mask(self, value):
        return mask_bank_card(value)


class MobileNumberCheck(PersonalDataCheck):
    code = "PII_MOBILE"
    name = "手机号码"
    severity = Severity.HINT
    indicator = "安全、泄密事故"
    kind = "mobile"
    label = "手机号码"
    description = "正文或附件中出现手机号码。公开的工作联系电话可标记为误报，个人号码应删除。"

    def mask(self, value):
        return mask_phone(value)
