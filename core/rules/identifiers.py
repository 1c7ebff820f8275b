"""Identifier rules: 统一社会信用代码, 居民身份证号码, 网站标识码, 行政区划代码, 文号, and masking.

Validators named ``validate_*`` return ``None`` when the value is valid, otherwise a Chinese
message for the user. ``is_valid_*`` wrappers return a bool. Nothing here normalises input
silently: callers strip whitespace before validating if they want to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# ---------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015)
# ---------------------------------------------------------------------------

# 31 characters: digits and capital letters without I, O, Z, S, V.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_LENGTH = 18
# Weight of position i (0-based) is 3**i mod 31.
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(USCC_LENGTH - 1))


def uscc_check_char(first17: str) -> str:
    """Return the 18th (check) character for the first 17 characters of a USCC.

    check = (31 - sum(value(c_i) * 3**i mod 31) mod 31) mod 31, mapped back to the charset.
    """
    if len(first17) != USCC_LENGTH - 1 or any(c not in USCC_CHARSET for c in first17):
        raise ValueError("统一社会信用代码前17位应为17个合法字符")
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_uscc(code: str) -> str | None:
    """Validate a 统一社会信用代码; return None if valid, else a Chinese message."""
    if len(code) != USCC_LENGTH:
        return f"统一社会信用代码应为18位，当前为{len(code)}位"
    if code != code.upper() and validate_uscc(code.upper()) is None:
        return "统一社会信用代码中的字母应为大写"
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        return (
            f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}"
            "（只能使用数字和除I、O、Z、S、V以外的大写字母）"
        )
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确，请核对后重新输入"
    return None


def is_valid_uscc(code: str) -> bool:
    return validate_uscc(code) is None


# ---------------------------------------------------------------------------
# 居民身份证号码 (GB 11643-1999)
# ---------------------------------------------------------------------------

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# Index = weighted sum mod 11.
RESIDENT_ID_CHECK_CHARS = "10X98765432"


def resident_id_check_char(first17: str) -> str:
    """Return the check character (0-9 or X) for the first 17 digits of a resident ID."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("居民身份证号码前17位应为17位数字")
    total = sum(int(c) * w for c, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK_CHARS[total % 11]


def validate_resident_id(number: str, *, today: date | None = None) -> str | None:
    """Validate an 18-digit 居民身份证号码; a lowercase x check character is accepted.

    Checks: 17 digits + check character, a real birth date (positions 7-14) not after
    ``today`` (default: the current date), and the check character.
    """
    if len(number) != 18:
        return f"居民身份证号码应为18位，当前为{len(number)}位"
    first17, check = number[:17], number[17].upper()
    if not (first17.isascii() and first17.isdigit()) or not (check.isdigit() or check == "X"):
        return "居民身份证号码应为17位数字加1位数字或X"
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "居民身份证号码中的出生日期无效"
    if birth > (today or date.today()):
        return "居民身份证号码中的出生日期晚于今天"
    if resident_id_check_char(first17) != check:
        return "居民身份证号码校验位不正确，请核对后重新输入"
    return None


def is_valid_resident_id(number: str, *, today: date | None = None) -> bool:
    return validate_resident_id(number, today=today) is None


# ---------------------------------------------------------------------------
# 行政区划代码 (GB/T 2260) and 网站标识码 (国办发〔2017〕47号)
# ---------------------------------------------------------------------------

# First two digits of every province-level division (GB/T 2260).
PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)


def validate_division_code(code: str) -> str | None:
    """Validate a 6-digit 行政区划代码 whose first two digits name a real province."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return "行政区划代码应为6位数字"
    if code[:2] not in PROVINCE_PREFIXES:
        return f"行政区划代码前两位“{code[:2]}”不是有效的省级代码"
    return None


def validate_site_id_code(code: str) -> str | None:
    """Validate a 网站标识码: 10 digits = 6-digit 行政区划代码 + 4-digit serial."""
    if len(code) != 10 or not code.isascii() or not code.isdigit():
        return "网站标识码应为10位数字（6位行政区划代码加4位顺序号）"
    division_error = validate_division_code(code[:6])
    if division_error:
        return f"网站标识码前6位应为行政区划代码：{division_error}"
    return None


def check_site_id_matches_division(site_id_code: str, division_code: str) -> str | None:
    """A 网站标识码 begins with the 6-digit 行政区划代码 of the site's own area
    (《政府网站发展指引》国办发〔2017〕47号: 网站标识码 = 行政区划代码 + 顺序号).

    Codes that are themselves invalid are reported by their own validators, not here."""
    if validate_site_id_code(site_id_code) or validate_division_code(division_code):
        return None
    if site_id_code[:6] == division_code:
        return None
    return f"网站标识码前6位（{site_id_code[:6]}）应与本网站的行政区划代码（{division_code}）一致"


# ---------------------------------------------------------------------------
# 文号, e.g. 伊政服发〔2021〕3号 (机关代字 + 〔年份〕 + 发文顺序号 + 号)
# ---------------------------------------------------------------------------

# The year bracket is the 六角括号 〔 〕 (U+3014/U+3015). Look-alikes people type instead:
WRONG_YEAR_BRACKETS = (
    ("[", "]"),
    ("［", "］"),
    ("(", ")"),
    ("（", "）"),
    ("【", "】"),
    ("﹝", "﹞"),
    ("〖", "〗"),
    ("{", "}"),
    ("「", "」"),
    ("<", ">"),
    ("〈", "〉"),
)

# The shape of a 文号, one pattern for validation and for search (matched whole, fullmatch):
#
# - GB/T 9704-2012 §7.3.4: 发文机关代字, the year in 六角括号 〔〕, the 发文顺序号, 号:
#   伊政服发〔2021〕3号;
# - the same with 第 before the serial, used by some bodies: 伊政服发〔2024〕第3号;
# - 令号 (orders and announcements numbered per body, or per body and year):
#   国务院令第711号, 交通运输部令2020年第1号, 国家税务总局公告2024年第3号.
#
# parse_document_number checks the serial further: positive and without 虚位 (leading zeros:
# 〔2024〕03号 is refused, GB/T 9704 "不编虚位").
DOCUMENT_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]+?)"
    r"(?:"
    r"〔(?P<year>\d{4})〕(?P<ordinal>第)?(?P<serial>\d+)号"
    r"|(?P<kind>令|公告)(?:(?P<order_year>\d{4})年)?第(?P<order_serial>\d+)号"
    r")"
)


@dataclass(frozen=True)
class DocumentNumber:
    prefix: str  # 发文机关代字 (e.g. 伊政服发) or the issuing body of a 令/公告 (e.g. 国务院)
    year: int | None  # None for a 令号 numbered without a year (国务院令第711号)
    serial: int  # 发文顺序号, positive, written without leading zeros
    form: str = "standard"  # "standard", "ordinal" (〔2024〕第3号), "令" or "公告"

    def __str__(self) -> str:
        if self.form == "standard":
            return f"{self.prefix}〔{self.year}〕{self.serial}号"
        if self.form == "ordinal":
            return f"{self.prefix}〔{self.year}〕第{self.serial}号"
        year = f"{self.year}年" if self.year else ""
        return f"{self.prefix}{self.form}{year}第{self.serial}号"


class InvalidDocumentNumber(ValueError):
    """Raised by parse_document_number; str(error) is the Chinese message."""


def parse_document_number(text: str) -> DocumentNumber:
    """Parse a 文号 such as 国办公开办函〔2021〕30号 or 国务院令第711号; raise
    InvalidDocumentNumber otherwise."""
    match = DOCUMENT_NUMBER.fullmatch(text)
    if match is None:
        raise InvalidDocumentNumber(_document_number_problem(text))
    if match["kind"]:
        form = match["kind"]
        year = int(match["order_year"]) if match["order_year"] else None
        serial = match["order_serial"]
    else:
        form = "ordinal" if match["ordinal"] else "standard"
        year, serial = int(match["year"]), match["serial"]
    if int(serial) == 0:
        raise InvalidDocumentNumber("文号序号应为正整数")
    parsed = DocumentNumber(match["prefix"], year, int(serial), form)
    if serial.startswith("0"):
        raise InvalidDocumentNumber(f"文号序号不编虚位（不应有前导零），应写作“{parsed}”")
    return parsed


def looks_like_document_number(text: str) -> bool:
    """Whether `text` has the shape of a 文号 (e.g. a search query that is one)."""
    return DOCUMENT_NUMBER.fullmatch(text) is not None


def validate_document_number(text: str) -> str | None:
    try:
        parse_document_number(text)
    except InvalidDocumentNumber as error:
        return str(error)
    return None


def _document_number_problem(text: str) -> str:
    example = "示例：伊政服发〔2021〕3号"
    for left, right in WRONG_YEAR_BRACKETS:
        wrong = re.fullmatch(
            rf"(?P<prefix>.+?){re.escape(left)}(?P<year>\d{{4}}){re.escape(right)}(?P<rest>.*)",
            text,
        )
        if wrong:
            fixed = f"{wrong['prefix']}〔{wrong['year']}〕{wrong['rest']}"
            return f"文号年份应使用六角括号〔〕，而不是{left}{right}，应写作“{fixed}”"
    if text != text.strip() or " " in text or "\u3000" in text:
        return f"文号中不应含有空格。{example}"
    if not text.endswith("号"):
        return f"文号应以“号”结尾。{example}"
    if "〔" not in text or "〕" not in text:
        return f"文号应包含用六角括号〔〕括起的四位年份（令号如“国务院令第711号”）。{example}"
    return f"文号格式应为“机关代字〔年份〕序号号”或“机关令第序号号”。{example}"


# ---------------------------------------------------------------------------
# Masking of personal data for display
# ---------------------------------------------------------------------------
# Convention: keep a short head and tail, replace every other character by one "*", so the
# masked text keeps its length. Values too short to keep anything are masked completely.
#   mask_id_number("110101199003074514") -> "110101********4514"  (区划 + last 4 kept)
#   mask_phone("13812345678")           -> "138****5678"
#   mask_bank_card("6222020200112233445") -> "6222***********3445"
#   mask_name("张三") -> "张*", mask_name("张三丰") -> "张**"  (only the first character kept;
#   compound surnames such as 欧阳 are not detected: "欧阳娜娜" -> "欧***")


def _mask_middle(text: str, head: int, tail: int) -> str:
    if len(text) <= head + tail:
        return "*" * len(text)
    return text[:head] + "*" * (len(text) - head - tail) + text[len(text) - tail :]


def mask_id_number(number: str) -> str:
    """Keep the first 6 (区划) and last 4 characters; hides the birth date."""
    return _mask_middle(number, 6, 4)


def mask_phone(phone: str) -> str:
    """Keep the first 3 and last 4 characters: 138****5678."""
    return _mask_middle(phone, 3, 4)


def mask_bank_card(digits: str) -> str:
    """Keep the first 4 and last 4 digits: 6222********1234."""
    return _mask_middle(digits, 4, 4)


def mask_name(name: str) -> str:
    """Keep the first character (the surname) and star the rest: 张**; a one-character name
    is fully masked."""
    if len(name) <= 1:
        return "*" * len(name)
    return name[0] + "*" * (len(name) - 1)
