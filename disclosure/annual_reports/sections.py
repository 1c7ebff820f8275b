"""The six text sections of the report, their figures, and rule 6 (text matches the tables).

Rule 6 of 国办公开办函〔2021〕30号 asks that figures quoted in the text match the tables. Two
explicit mechanisms make that checkable:

1. Placeholders. Staff write ``{{table3.new.总计}}`` (table, row code, column name) instead of
   typing a number; the public page replaces it with the table's value, so a quoted figure can
   never disagree. ``{{fees.collected}}`` is the 信息处理费 collected this year in 元 and
   ``{{year}}`` the report year. An unknown placeholder is a rule 6 error.
2. Typed figures. Sentences the format's readers look for ("新收政府信息公开申请12件",
   "予以公开8件", "收取信息处理费0元" ...) are found with the patterns below and compared with
   the tables; a mismatch is a rule 6 error naming the section, the sentence and both values.

Section 六 must also say what 信息处理费 was collected (国办公开办函〔2021〕30号, section 六).

Plain Python: the page model passes the HTML of its sections and the assembled tables.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal

from core.rules.annual_report import (
    TABLE2_ROW_LABELS,
    TABLE2_SECTION_BY_ROW,
    TABLE3_COLUMNS,
    TABLE3_ROW_BY_CODE,
    TABLE4_BLOCK_LABELS,
    TABLE4_COLUMNS,
    TOTAL_COLUMN,
    RuleViolation,
)

# (page field, fixed title) of the six sections, in the national order.
SECTIONS = (
    ("overview", "一、总体情况"),
    ("proactive_text", "二、主动公开政府信息情况"),
    ("applications_text", "三、收到和处理政府信息公开申请情况"),
    ("remedies_text", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems_text", "五、存在的主要问题及改进情况"),
    ("other_text", "六、其他需要报告的事项"),
)
SECTION_TITLES = dict(SECTIONS)

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+?)\s*\}\}")
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Figures:
    """Everything a section may quote."""

    year: int
    table2: dict
    table3: dict
    table4: dict
    fees_collected: Decimal  # 元, 国办函〔2020〕109号 信息处理费

    def lookup(self, name: str):
        """Value of a placeholder name, or None when it names nothing."""
        if name == "year":
            return self.year
        if name == "fees.collected":
            return self.fees_collected
        parts = name.split(".")
        if len(parts) != 3:
            return None
        table_name, row, column = parts
        if table_name == "table3" and row in TABLE3_ROW_BY_CODE:
            columns = TABLE3_COLUMNS
            cells = self.table3[row]
        elif table_name == "table4" and row in TABLE4_BLOCK_LABELS:
            columns = TABLE4_COLUMNS
            cells = self.table4[row]
        elif table_name == "table2" and row in TABLE2_ROW_LABELS:
            columns = TABLE2_SECTION_BY_ROW[row].columns
            cells = self.table2[row]
        else:
            return None
        if column in columns:
            return cells[columns.index(column)]
        return None


def format_figure(value) -> str:
    if isinstance(value, Decimal):
        value = value.normalize()
        return f"{value:f}" if value != value.to_integral_value() else str(int(value))
    return str(value)


def render_placeholders(text: str, figures: Figures) -> str:
    """`text` with every known placeholder replaced by its value (unknown ones are kept)."""

    def replace(match):
        value = figures.lookup(match.group(1))
        return match.group(0) if value is None else format_figure(value)

    return PLACEHOLDER.sub(replace, text or "")


def plain_text(rich_text: str) -> str:
    return html.unescape(TAG.sub("", rich_text or ""))


# Typed figures: (pattern with one number group, table, row, column index) of sentences
# whose figure must equal a table cell. Column None = the 信息处理费 collected (元).
_COUNT = r"(?:共计|共|合计|为|计)?\s*(\d+)\s*件"
QUOTED_FIGURES = (
    (re.compile(r"新收(?:到)?(?:政府信息公开)?申请(?:数量)?" + _COUNT), "table3", "new"),
    (
        re.compile(r"上年(?:度)?结转(?:政府信息公开)?申请(?:数量)?" + _COUNT),
        "table3",
        "carried_over",
    ),
    (re.compile(r"结转下年度(?:继续办理)?(?:的申请)?" + _COUNT), "table3", "carry_forward"),
    (re.compile(r"(?<!不)予以公开" + _COUNT), "table3", "granted"),
    (re.compile(r"(?<!不予)部分公开" + _COUNT), "table3", "partially_granted"),
    (re.compile(r"办结(?:政府信息公开)?申请" + _COUNT), "table3", "total"),
    (re.compile(r"行政复议(?:案件)?" + _COUNT), "table4", "review"),
    (re.compile(r"信息处理费\s*(\d+(?:\.\d+)?)\s*元"), "fees", None),
)


def _quoted_value(figures: Figures, table: str, row: str):
    if table == "table3":
        return figures.table3[row][TOTAL_COLUMN]
    if table == "table4":
        return figures.table4[row][len(TABLE4_COLUMNS) - 1]
    return figures.fees_collected


def _quoted_cell(table: str, row: str) -> tuple[str, str, str]:
    if table == "table3":
        return "表三", TABLE3_ROW_BY_CODE[row].label, TABLE3_COLUMNS[TOTAL_COLUMN]
    if table == "table4":
        return "表四", TABLE4_BLOCK_LABELS[row], TABLE4_COLUMNS[-1]
    return "第六部分", "信息处理费", "本年收取金额（元）"


def check_sections(texts: dict[str, str], figures: Figures) -> list[RuleViolation]:
    """Rule 6: every placeholder is known and every typed figure matches the tables."""
    violations = []
    for field, title in SECTIONS:
        raw = texts.get(field) or ""
        for match in PLACEHOLDER.finditer(plain_text(raw)):
            if figures.lookup(match.group(1)) is None:
                violations.append(
                    RuleViolation(
                        6,
                        "正文",
                        title,
                        match.group(0),
                        "可识别的占位符（如 {{table3.new.总计}}）",
                        match.group(0),
                        f"规则6：“{title}”中的占位符“{match.group(0)}”无法识别，"
                        "请按“表.行代码.列名”填写，如 {{table3.new.总计}}",
                    )
                )
        text = plain_text(render_placeholders(raw, figures))
        for pattern, table, row in QUOTED_FIGURES:
            for match in pattern.finditer(text):
                actual = Decimal(match.group(1))
                expected = _quoted_value(figures, table, row)
                if actual == Decimal(expected):
                    continue
                table_name, row_label, column = _quoted_cell(table, row)
                violations.append(
                    RuleViolation(
                        6,
                        table_name,
                        row_label,
                        column,
                        expected,
                        format_figure(actual),
                        f"规则6：“{title}”中的“{match.group(0)}”与{table_name}“{row_label}”"
                        f"“{column}”不一致：应为{format_figure(expected)}，"
                        f"实际为{format_figure(actual)}",
                    )
                )
    other_field, other_title = SECTIONS[-1]
    if "信息处理费" not in plain_text(texts.get(other_field) or ""):
        violations.append(
            RuleViolation(
                6,
                "正文",
                other_title,
                "信息处理费",
                "说明本年收取信息处理费的情况",
                "未说明",
                f"规则6：“{other_title}”须说明本年收取信息处理费的情况"
                f"（本年收取{format_figure(figures.fees_collected)}元，"
                "可写作“收取信息处理费{{fees.collected}}元”）",
            )
        )
    return violations


def placeholder_help(figures: Figures) -> list[tuple[str, str, str]]:
    """(placeholder, meaning, current value) of the figures most often quoted."""
    items = [
        ("{{year}}", "报告年度", figures.year),
        ("{{fees.collected}}", "本年收取信息处理费（元）", figures.fees_collected),
    ]
    for code in ("new", "carried_over", "granted", "partially_granted", "total", "carry_forward"):
        items.append(
            (
                f"{{{{table3.{code}.总计}}}}",
                f"表三“{TABLE3_ROW_BY_CODE[code].label}”总计",
                figures.table3[code][TOTAL_COLUMN],
            )
        )
    for code, label in TABLE4_BLOCK_LABELS.items():
        items.append(
            (f"{{{{table4.{code}.总计}}}}", f"表四“{label}”总计", figures.table4[code][-1])
        )
    for code, label in TABLE2_ROW_LABELS.items():
        column = TABLE2_SECTION_BY_ROW[code].columns[0]
        items.append(
            (f"{{{{table2.{code}.{column}}}}}", f"表二“{label}”{column}", figures.table2[code][0])
        )
    return [(name, meaning, format_figure(value)) for name, meaning, value in items]
