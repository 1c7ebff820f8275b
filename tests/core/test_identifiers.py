from datetime import date

import pytest

from core.rules.identifiers import (
    DocumentNumber,
    InvalidDocumentNumber,
    check_site_id_matches_division,
    is_valid_resident_id,
    is_valid_uscc,
    looks_like_document_number,
    mask_id_number,
    mask_name,
    mask_phone,
    parse_document_number,
    resident_id_check_char,
    uscc_check_char,
    validate_division_code,
    validate_document_number,
    validate_resident_id,
    validate_site_id_code,
    validate_uscc,
)

# --- 统一社会信用代码 -------------------------------------------------------------

# Hand computation for 91350100M000100Y43 (charset 0-9 A-H J-N P-R T-U W-Y, so M=21, Y=30):
#   values  9 1 3 5 0 1 0 0 21 0 0 0 1 0 0 30 4
#   weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28   (3**i mod 31)
#   products 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28
#   check = 31 - 28 = 3  -> "3"
KNOWN_VALID_USCC = [
    "91350100M000100Y43",
    "11441700007280420Y",  # the 索引号 example of 《政府信息公开目录系统实施指引（试行）》
    "91440300708461136T",  # a published company registration
]


@pytest.mark.parametrize("code", KNOWN_VALID_USCC)
def test_known_uscc_are_valid(code):
    assert validate_uscc(code) is None
    assert is_valid_uscc(code)


def test_uscc_check_char_matches_hand_computation():
    assert uscc_check_char("91350100M000100Y4") == "3"


def test_uscc_wrong_check_char():
    message = validate_uscc("91350100M000100Y44")
    assert message is not None and "校验位" in message


def test_uscc_every_single_character_change_is_caught():
    code = "91350100M000100Y43"
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for i in range(17):
        for c in charset:
            if c != code[i]:
                assert not is_valid_uscc(code[:i] + c + code[i + 1 :])


@pytest.mark.parametrize("letter", "IOZSV")
def test_uscc_forbidden_letters(letter):
    message = validate_uscc("91350100M000100" + letter + "43")
    assert message is not None and letter in message


def test_uscc_length_and_case():
    assert "18位" in validate_uscc("91350100M000100Y4")
    assert "大写" in validate_uscc("91350100m000100y43")


def test_uscc_check_char_rejects_bad_input():
    with pytest.raises(ValueError):
        uscc_check_char("91350100M000100I4")


# --- 居民身份证号码 ---------------------------------------------------------------

# 11010519491231002X (the example of GB 11643-1999):
#   digits   1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2
#   weights  7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
#   products 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 -> "10X98..."[2] = X
# 440524198001010013: 28+36+0+25+16+16+2+9+48+0+0+9+0+5+0+0+2 = 196; 196 mod 11 = 9 -> "3"
KNOWN_VALID_IDS = ["11010519491231002X", "440524198001010013"]


@pytest.mark.parametrize("number", KNOWN_VALID_IDS)
def test_known_resident_ids_are_valid(number):
    assert validate_resident_id(number) is None
    assert is_valid_resident_id(number)


def test_resident_id_lowercase_x_accepted():
    assert is_valid_resident_id("11010519491231002x")


def test_resident_id_check_chars_match_hand_computation():
    assert resident_id_check_char("11010519491231002") == "X"
    assert resident_id_check_char("44052419800101001") == "3"


def test_resident_id_wrong_check_char():
    assert "校验位" in validate_resident_id("440524198001010014")


def test_resident_id_invalid_birth_date():
    # 1980-02-30 does not exist; the check character is correct for these 17 digits
    first17 = "44052419800230001"
    number = first17 + resident_id_check_char(first17)
    assert "出生日期" in validate_resident_id(number)


def test_resident_id_future_birth_date():
    first17 = "44052420300101001"
    number = first17 + resident_id_check_char(first17)
    assert "晚于" in validate_resident_id(number, today=date(2025, 1, 1))
    assert validate_resident_id(number, today=date(2031, 1, 1)) is None


@pytest.mark.parametrize(
    "number", ["4405241980010100", "44052419800101001Y", "44052419800101001３"]
)
def test_resident_id_bad_shapes(number):
    assert not is_valid_resident_id(number)


# --- 行政区划代码 and 网站标识码 -------------------------------------------------------


def test_division_code():
    assert validate_division_code("150627") is None  # 伊金霍洛旗
    assert validate_division_code("15062") is not None
    assert validate_division_code("15062a") is not None
    assert "省级" in validate_division_code("990627")


def test_site_id_code():
    assert validate_site_id_code("1506270001") is None
    assert "10位" in validate_site_id_code("150627001")
    assert "10位" in validate_site_id_code("bm01000001")
    assert "行政区划代码" in validate_site_id_code("0006270001")


# --- 文号 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, prefix, year, serial",
    [
        ("伊政服发〔2021〕3号", "伊政服发", 2021, 3),
        ("国办公开办函〔2021〕30号", "国办公开办函", 2021, 30),
        ("国办函〔2020〕109号", "国办函", 2020, 109),
    ],
)
def test_parse_document_number(text, prefix, year, serial):
    parsed = parse_document_number(text)
    assert parsed == DocumentNumber(prefix, year, serial)
    assert str(parsed) == text
    assert validate_document_number(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "伊政服发[2021]3号",
        "伊政服发［2021］3号",
        "伊政服发(2021)3号",
        "伊政服发（2021）3号",
        "伊政服发【2021】3号",
        "伊政服发﹝2021﹞3号",
    ],
)
def test_document_number_wrong_brackets_suggest_the_right_form(text):
    message = validate_document_number(text)
    assert message is not None
    assert "〔〕" in message and "伊政服发〔2021〕3号" in message


def test_document_number_leading_zero_and_zero():
    assert "伊政服发〔2021〕3号" in validate_document_number("伊政服发〔2021〕003号")
    assert validate_document_number("伊政服发〔2021〕0号") is not None


@pytest.mark.parametrize(
    "text",
    [
        "伊政服发〔2021〕3",
        "〔2021〕3号",
        "伊政服发〔21〕3号",
        "伊政服发 〔2021〕3号",
        "ABC〔2021〕3号",
        "伊政服发2021年3号",
    ],
)
def test_document_number_other_malformed(text):
    with pytest.raises(InvalidDocumentNumber):
        parse_document_number(text)


def test_the_shape_of_a_document_number_is_one_pattern():
    # Every 文号 that parses has the shape (search uses it to spot a 文号 typed as a query).
    for text in ("伊政服发〔2021〕3号", "国办公开办函〔2021〕30号", "京〔2020〕109号"):
        assert looks_like_document_number(text)
    # The shape alone does not check the serial: parse_document_number does.
    assert looks_like_document_number("伊政服发〔2021〕003号")
    for text in (
        "伊政服发[2021]3号",
        "伊政服发〔2021〕3号 ",
        "伊政服发〔2021〕3号附件",
        "2023年12号",
    ):
        assert not looks_like_document_number(text)


# --- masking -----------------------------------------------------------------------


def test_masks_keep_length_and_hide_the_middle():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("张三丰") == "张**"
    assert mask_name("李") == "*"
    assert mask_phone("12345") == "*****"
    assert mask_name("") == ""


def test_mask_bank_card_keeps_first_and_last_four():
    from core.rules.identifiers import mask_bank_card

    assert mask_bank_card("6222020200112233445") == "6222" + "*" * 11 + "3445"
    assert mask_bank_card("12345678") == "********"


# --- 文号 forms besides GB/T 9704's (issue 13) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国务院令第711号", DocumentNumber("国务院", None, 711, "令")),
        ("交通运输部令2020年第1号", DocumentNumber("交通运输部", 2020, 1, "令")),
        ("国家税务总局公告2024年第3号", DocumentNumber("国家税务总局", 2024, 3, "公告")),
        ("伊政服发〔2024〕第3号", DocumentNumber("伊政服发", 2024, 3, "ordinal")),
        ("伊政服发〔2024〕3号", DocumentNumber("伊政服发", 2024, 3, "standard")),
    ],
)
def test_order_numbers_and_ordinal_serials_are_accepted(text, expected):
    assert parse_document_number(text) == expected
    assert str(parse_document_number(text)) == text
    assert validate_document_number(text) is None
    assert looks_like_document_number(text)  # search spots them too


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("伊政服发〔2024〕03号", "伊政服发〔2024〕3号"),
        ("伊政服发〔2024〕第03号", "伊政服发〔2024〕第3号"),
        ("国务院令第0711号", "国务院令第711号"),
    ],
)
def test_padded_serials_are_still_refused(text, fixed):
    message = validate_document_number(text)
    assert "虚位" in message and fixed in message


@pytest.mark.parametrize(
    "text", ["国务院令711号", "国务院令第号", "令第711号", "伊政服发〔2024〕第号", "国务院令第711"]
)
def test_malformed_order_numbers_are_refused(text):
    assert validate_document_number(text) is not None


def test_site_id_code_must_begin_with_the_sites_division_code():
    assert check_site_id_matches_division("1506270001", "150627") is None
    message = check_site_id_matches_division("1101010001", "150627")
    assert message == "网站标识码前6位（110101）应与本网站的行政区划代码（150627）一致"
    # Invalid or missing codes are left to their own validators.
    assert check_site_id_matches_division("11010100", "150627") is None
    assert check_site_id_matches_division("1101010001", "") is None
