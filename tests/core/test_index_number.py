import pytest

from core.rules.index_number import (
    DEFAULT_PATTERN,
    IndexNumberError,
    format_index_number,
    parse_index_number,
    parse_serial,
)

USCC = "11441700007280420Y"  # valid (see test_identifiers)


def test_default_pattern_matches_the_national_example():
    # 《政府信息公开目录系统实施指引（试行）》 example: 11441700007280420Y/2021-00050
    assert DEFAULT_PATTERN == "{uscc}/{year}-{serial:05d}"
    assert format_index_number(uscc=USCC, year=2021, serial=50) == "11441700007280420Y/2021-00050"


def test_org_code_pattern_matches_the_older_example():
    # 《政府信息公开目录系统实施指引（试行）》 example: 000014349/2017-00110
    text = format_index_number(
        "{org_code}/{year}-{serial:05d}", uscc=None, org_code="000014349", year=2017, serial=110
    )
    assert text == "000014349/2017-00110"


@pytest.mark.parametrize(
    "pattern",
    [
        "{uscc}/{year}-{serial:05d}-{region}",
        "{0}/{year}-{serial}",
        "{uscc.lower}/{year}-{serial}",
        "{uscc!r}/{year}-{serial}",
    ],
)
def test_unknown_placeholders_are_rejected(pattern):
    with pytest.raises(IndexNumberError) as info:
        format_index_number(pattern, uscc=USCC, year=2021, serial=1)
    assert "占位符" in str(info.value)


@pytest.mark.parametrize(
    "pattern", ["{uscc}-{serial:05d}", "{uscc}/{year}", "{uscc}/{year-{serial}"]
)
def test_incomplete_or_broken_patterns_are_rejected(pattern):
    with pytest.raises(IndexNumberError):
        format_index_number(pattern, uscc=USCC, year=2021, serial=1)


def test_invalid_values_are_rejected():
    with pytest.raises(IndexNumberError):
        format_index_number(uscc="11441700007280420X", year=2021, serial=1)  # bad check char
    with pytest.raises(IndexNumberError):
        format_index_number(uscc=None, year=2021, serial=1)
    with pytest.raises(IndexNumberError):
        format_index_number(uscc=USCC, year=2021, serial=0)
    with pytest.raises(IndexNumberError):
        format_index_number(uscc=USCC, year=21, serial=1)
    with pytest.raises(IndexNumberError):
        format_index_number("{org_code}/{year}-{serial}", uscc=None, year=2021, serial=1)


def test_serial_overflowing_its_width_is_rejected():
    assert format_index_number(uscc=USCC, year=2021, serial=99999).endswith("-99999")
    with pytest.raises(IndexNumberError):
        format_index_number(uscc=USCC, year=2021, serial=100000)


def test_parse_round_trip():
    assert parse_serial(DEFAULT_PATTERN, "11441700007280420Y/2021-00050") == (2021, 50)
    parts = parse_index_number("{org_code}/{year}-{serial:05d}", "000014349/2017-00110")
    assert parts == {"org_code": "000014349", "year": 2017, "serial": 110}


def test_parse_rejects_numbers_of_another_shape():
    with pytest.raises(IndexNumberError):
        parse_serial(DEFAULT_PATTERN, "11441700007280420Y-2021-00050")
    with pytest.raises(IndexNumberError):
        parse_serial(DEFAULT_PATTERN, "11441700007280420Y/21-00050")
