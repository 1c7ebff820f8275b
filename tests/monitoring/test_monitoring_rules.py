"""Plain rules: the multi-pattern matcher and personal-data detection."""

from core.rules.identifiers import resident_id_check_char
from core.rules.personal_data import (
    find_bank_cards,
    find_mobile_numbers,
    find_personal_data,
    find_resident_ids,
    luhn_valid,
)
from monitoring.rules.matcher import Term, TermMatcher, excerpt


def valid_id(first17="11010519491231002"):
    return first17 + resident_id_check_char(first17)


def luhn_complete(prefix):
    """The prefix followed by the digit that makes it pass the Luhn check."""
    for digit in "0123456789":
        if luhn_valid(prefix + digit):
            return prefix + digit
    raise AssertionError


def test_matcher_finds_every_term_in_one_pass():
    matcher = TermMatcher([Term("总里", "总理"), Term("政付", "政府"), Term("赌博")])
    found = matcher.find("国务院总里指出，人民政付要打击网络赌博。")
    assert [(m.term.wrong, m.start) for m in found] == [("总里", 3), ("政付", 10), ("赌博", 17)]


def test_matcher_ignores_hits_inside_the_right_form():
    # "政府信息公开条例" contains the wrong form "信息公开条" only as part of the right form.
    matcher = TermMatcher([Term("公开条", "公开条例")])
    assert matcher.find("依据政府信息公开条例第二十条") == []
    assert len(matcher.find("依据政府信息公开条第二十条")) == 1


def test_matcher_with_empty_dictionary_finds_nothing():
    assert TermMatcher([]).find("任何文字") == []
    assert len(TermMatcher([Term(""), Term("甲"), Term("甲")])) == 1


def test_excerpt_marks_the_hit():
    assert excerpt("前文甲乙后文", 2, 4, width=2) == "前文【甲乙】后文"


def test_resident_id_needs_a_correct_check_character():
    good = valid_id()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    assert [item.value for item in find_resident_ids(f"身份证号{good}。")] == [good]
    assert list(find_resident_ids(f"身份证号{bad}。")) == []


def test_resident_id_inside_a_longer_code_is_ignored():
    assert list(find_resident_ids(f"编号A{valid_id()}9")) == []


def test_mobile_numbers_with_separators_and_country_code():
    text = "联系13812345678或+86 139-1234-5678，座机0477-8600000，订单号213812345678。"
    assert [item.value for item in find_mobile_numbers(text)] == ["13812345678", "13912345678"]


def test_bank_card_needs_the_luhn_digit():
    card = luhn_complete("622202123456789012")
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert [item.value for item in find_bank_cards(f"卡号 {card}")] == [card]
    assert list(find_bank_cards(f"卡号 {wrong}")) == []
    spaced = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
    assert [item.value for item in find_bank_cards(f"卡号：{spaced}")] == [card]


def test_uscc_in_an_index_number_is_not_a_bank_card():
    # 17 digits of a 统一社会信用代码 followed by its check letter, inside a 索引号.
    assert list(find_bank_cards("11150627011580001G/2022-00001")) == []


def test_an_id_number_is_not_also_reported_as_a_bank_card():
    kinds = [item.kind for item in find_personal_data(f"身份证{valid_id()}")]
    assert kinds == ["resident_id"]


def test_luhn():
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert not luhn_valid("41111a")
