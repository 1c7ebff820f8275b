"""索引号 (catalogue index number) formatting and parsing, as pure string work.

The 索引号 is mandatory, unique and never changes. The national default is
``前段码/年份-五位顺序号``, with the publisher's 统一社会信用代码 as 前段码, e.g.
``11441700007280420Y/2021-00050``. Regions use other segmented schemes, so the layout is a
configurable pattern in ``str.format`` syntax with these named placeholders only:

    {uscc}      the publisher's 18-character 统一社会信用代码 (validated when used)
    {org_code}  any other publisher code a region uses as 前段码 (e.g. 000014349)
    {year}      the 4-digit year the serial belongs to
    {serial}    the yearly serial number, starting at 1; give it a width, e.g. {serial:05d}

A pattern must contain {year} and {serial}: serials restart every year, so both together make
the number unique. Allocating the next serial without collisions is the database's job, not
this module's.
"""

from __future__ import annotations

import re
from string import Formatter

from .identifiers import validate_uscc

DEFAULT_PATTERN = "{uscc}/{year}-{serial:05d}"
PLACEHOLDERS = ("uscc", "org_code", "year", "serial")
REQUIRED_PLACEHOLDERS = ("year", "serial")

# How each placeholder is recognised when parsing an existing number.
_PARSE_REGEX = {
    "uscc": r"[0-9A-Z]{18}",
    "org_code": r".+?",
    "year": r"\d{4}",
    "serial": r"\d+",
}


class IndexNumberError(ValueError):
    """A pattern or value that cannot make a valid 索引号; str(error) is in Chinese."""


def pattern_fields(pattern: str) -> list[tuple[str, str]]:
    """Return (placeholder, format_spec) pairs of a pattern, rejecting anything unknown."""
    fields = []
    try:
        parsed = list(Formatter().parse(pattern))
    except ValueError as error:
        raise IndexNumberError(f"索引号格式“{pattern}”的花括号不成对：{error}") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or conversion:
            raise IndexNumberError(
                f"索引号格式中有未知占位符“{{{name}}}”，只能使用："
                + "、".join(f"{{{p}}}" for p in PLACEHOLDERS)
            )
        fields.append((name, spec))
    missing = [p for p in REQUIRED_PLACEHOLDERS if p not in {n for n, _ in fields}]
    if missing:
        raise IndexNumberError(
            f"索引号格式“{pattern}”缺少必需的占位符：" + "、".join(f"{{{p}}}" for p in missing)
        )
    return fields


def format_index_number(
    pattern: str = DEFAULT_PATTERN,
    *,
    uscc: str | None,
    year: int,
    serial: int,
    org_code: str | None = None,
) -> str:
    """Format a 索引号, e.g. ``format_index_number(uscc="11441700007280420Y", year=2021,
    serial=50)`` -> ``"11441700007280420Y/2021-00050"``."""
    fields = pattern_fields(pattern)
    names = {name for name, _ in fields}
    if "uscc" in names:
        if not uscc:
            raise IndexNumberError("索引号格式使用了{uscc}，但未提供统一社会信用代码")
        problem = validate_uscc(uscc)
        if problem:
            raise IndexNumberError(f"索引号前段码无效：{problem}")
    if "org_code" in names and not org_code:
        raise IndexNumberError("索引号格式使用了{org_code}，但未提供机构代码")
    if not 1000 <= year <= 9999:
        raise IndexNumberError(f"索引号年份应为四位数，当前为{year}")
    if serial < 1:
        raise IndexNumberError(f"索引号顺序号应从1开始，当前为{serial}")
    for name, spec in fields:
        width = re.fullmatch(r"0?(\d+)d", spec) if name == "serial" else None
        if width and len(str(serial)) > int(width[1]):
            raise IndexNumberError(f"{year}年的顺序号{serial}已超出{width[1]}位的容量")
    try:
        return pattern.format(uscc=uscc, org_code=org_code, year=year, serial=serial)
    except (ValueError, TypeError) as error:
        raise IndexNumberError(f"索引号格式“{pattern}”无法使用：{error}") from None


def parse_index_number(pattern: str, text: str) -> dict[str, str | int]:
    """Split an existing 索引号 back into its placeholders (year and serial as int).

    Useful when importing old items, to learn the highest serial already used in a year.
    Raises IndexNumberError when ``text`` does not follow ``pattern``.
    """
    pattern_fields(pattern)  # reject unknown or missing placeholders first
    regex = []
    seen: set[str] = set()
    for literal, name, _spec, _conversion in Formatter().parse(pattern):
        regex.append(re.escape(literal))
        if name is not None:
            # A placeholder used twice must match the same text both times.
            regex.append(f"(?P={name})" if name in seen else f"(?P<{name}>{_PARSE_REGEX[name]})")
            seen.add(name)
    match = re.fullmatch("".join(regex), text)
    if match is None:
        raise IndexNumberError(f"“{text}”不符合索引号格式“{pattern}”")
    parts: dict[str, str | int] = dict(match.groupdict())
    parts["year"] = int(match["year"])
    parts["serial"] = int(match["serial"])
    return parts


def parse_serial(pattern: str, text: str) -> tuple[int, int]:
    """Return (year, serial) of an existing 索引号 written with ``pattern``."""
    parts = parse_index_number(pattern, text)
    return int(parts["year"]), int(parts["serial"])
