"""core.text.clean_text: what typed text loses and what it keeps."""

import pytest

from core.text import clean_text


def test_tabs_and_line_breaks_are_kept_inside_the_text():
    assert clean_text("第一行\r\n第二行\t附注") == "第一行\r\n第二行\t附注"


def test_surrounding_blanks_are_stripped_and_none_is_empty():
    assert clean_text("  \n 网站纠错 \t ") == "网站纠错"
    assert clean_text(None) == ""
    assert clean_text("") == ""


@pytest.mark.parametrize(
    "character",
    ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"],
)
def test_control_characters_and_nul_are_removed(character):
    assert clean_text(f"错{character}别字") == "错别字"


@pytest.mark.parametrize(
    "character",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"],
)
def test_bidirectional_overrides_and_isolates_are_removed(character):
    # "\u202e" would display "申请人：张三gpj.exe" as "申请人：张三exe.jpg".
    assert clean_text(f"张三{character}gpj.exe") == "张三gpj.exe"


def test_markup_and_ordinary_punctuation_are_kept_as_typed():
    text = "<b>加粗</b> & “引号”——全角，标点。Ⅻ ½ \u200b"
    assert clean_text(text) == text
