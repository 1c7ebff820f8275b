"""Personal data in published text: 居民身份证号码, mobile numbers and bank card numbers.

Candidates are found with patterns that refuse to start or end inside a longer run of digits,
then confirmed: an ID number by its birth date and GB 11643 check character, a bank card by
the Luhn check digit, a mobile number by the 1[3-9]x prefix of China's numbering plan. The
monitoring checks report them; `mask_identity_numbers` hides ID and bank card numbers in text
the public search stores and shows (ordinary numbers fail the checks and are left alone).
"""

import re
from dataclasses import dataclass

from core.rules.identifiers import is_valid_resident_id, mask_bank_card, mask_id_number

# Not preceded or followed by another digit or a letter, so parts of longer codes such as a
# 统一社会信用代码 inside a 索引号 (11150627011580001G/2022-00001) are not taken for personal data.
RESIDENT_ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")
MOBILE_PATTERN = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9A-Za-z])"
)
BANK_CARD_PATTERN = re.compile(r"(?<![0-9A-Za-z/-])(?:\d[ -]?){15,18}\d(?![0-9A-Za-z/-])")


@dataclass(frozen=True)
class PersonalData:
    kind: str  # "resident_id", "mobile" or "bank_card"
    value: str  # digits only (and X), as found
    start: int
    end: int


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by bank card numbers (ISO/IEC 7812)."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def find_resident_ids(text):
    for match in RESIDENT_ID_PATTERN.finditer(text):
        if is_valid_resident_id(match.group()):
            yield PersonalData("resident_id", match.group().upper(), match.start(), match.end())


def find_mobile_numbers(text):
    for match in MOBILE_PATTERN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        if len(digits) == 11:
            yield PersonalData("mobile", digits, match.start(), match.end())


def find_bank_cards(text, *, exclude=()):
    """16–19 digit numbers (spaces or dashes allowed between digits) passing the Luhn check.

    `exclude` holds (start, end) spans already identified as something else (ID numbers).
    """
    for match in BANK_CARD_PATTERN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if not 16 <= len(digits) <= 19 or not luhn_valid(digits):
            continue
        if any(start < match.end() and match.start() < end for start, end in exclude):
            continue
        yield PersonalData("bank_card", digits, match.start(), match.end())


def find_personal_data(text):
    """Every piece of personal data in text, ordered by position."""
    ids = list(find_resident_ids(text))
    spans = [(item.start, item.end) for item in ids]
    found = ids + list(find_mobile_numbers(text)) + list(find_bank_cards(text, exclude=spans))
    return sorted(found, key=lambda item: item.start)


def mask_identity_numbers(text: str) -> str:
    """`text` with every valid 居民身份证号码 and bank card number masked (core.rules.identifiers:
    110101********4514, 6222***********3445); everything else, other numbers included, kept."""
    if not text:
        return text
    ids = list(find_resident_ids(text))
    cards = list(find_bank_cards(text, exclude=[(item.start, item.end) for item in ids]))
    for item in sorted(ids + cards, key=lambda found: found.start, reverse=True):
        masked = (
            mask_id_number(item.value) if item.kind == "resident_id" else mask_bank_card(item.value)
        )
        text = text[: item.start] + masked + text[item.end :]
    return text
