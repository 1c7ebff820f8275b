"""政府信息公开工作年度报告: the national tables of 国办公开办函〔2021〕30号, and their rules.

Data shapes (plain dicts, so the Django side can store them as JSON):

- Table 2: ``dict[row_code, list[value]]``, one value per column of the row's section
  (TABLE2_SECTIONS); counts are ints, the 行政事业性收费 amount is a Decimal (or int) in 万元.
- Table 3: ``dict[row_code, list[int]]`` with a list of 7 cells per row of TABLE3_ROWS, in the
  order of TABLE3_COLUMNS (自然人, the five 法人或其他组织 columns, 总计).
- Table 4: ``dict[block_code, list[int]]`` with 5 cells per block of TABLE4_BLOCKS, in the order
  of TABLE4_COLUMNS (结果维持, 结果纠正, 其他结果, 尚未审结, 总计).

Table 3 row labels: top-level rows carry their official numbering ("一、本年新收政府信息公开
申请数量"); result rows carry theirs ("（一）予以公开"); sub-rows carry their parent and their
own number, separated by one space ("（三）不予公开 1.属于国家秘密"). The non-numeric heading
"三、本年度办理结果" is RESULT_HEADING; ``Row.group`` and ``Row.item`` give the two parts of a
sub-row label for rendering the nested table.

check_rules implements the zero-tolerance arithmetic rules 1, 2, 3, 4, 5 and 7 of the
format. Rule 6 (figures quoted in the text sections match the tables) needs the report's
prose and is not checked here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# ---------------------------------------------------------------------------
# Table 3 收到和处理政府信息公开申请情况
# ---------------------------------------------------------------------------

TABLE3_HEADING = "申请人情况"
TABLE3_ORGANISATION_GROUP = "法人或其他组织"  # spans columns 2-6
TABLE3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
TOTAL_COLUMN = len(TABLE3_COLUMNS) - 1
RESULT_HEADING = "三、本年度办理结果"


@dataclass(frozen=True)
class Row:
    code: str
    group: str | None  # parent heading of a sub-row, e.g. "（三）不予公开"
    item: str  # the row's own text, e.g. "1.属于国家秘密"
    article: str | None = None  # statutory basis of a result row (条例 article)

    @property
    def label(self) -> str:
        return f"{self.group} {self.item}" if self.group else self.item


_WITHHELD = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

# Articles are those of the 政府信息公开条例 (2019). Every 不予公开 reply is made under
# 第三十六条第（三）项; the article given for 不予公开 1-7 is the ground for withholding.
# None where the 条例 has no specific article for the row.
TABLE3_ROWS = (
    Row("new", None, "一、本年新收政府信息公开申请数量"),
    Row("carried_over", None, "二、上年结转政府信息公开申请数量"),
    Row("granted", None, "（一）予以公开", "第三十六条第（一）项、第（二）项"),
    Row(
        "partially_granted",
        None,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "第三十七条",
    ),
    Row("withheld_1", _WITHHELD, "1.属于国家秘密", "第十四条"),
    Row("withheld_2", _WITHHELD, "2.其他法律行政法规禁止公开", "第十四条"),
    Row("withheld_3", _WITHHELD, "3.危及“三安全一稳定”", "第十四条"),
    Row("withheld_4", _WITHHELD, "4.保护第三方合法权益", "第十五条"),
    Row("withheld_5", _WITHHELD, "5.属于三类内部事务信息", "第十六条第一款"),
    Row("withheld_6", _WITHHELD, "6.属于四类过程性信息", "第十六条第二款"),
    Row("withheld_7", _WITHHELD, "7.属于行政执法案卷", "第十六条第二款"),
    Row("withheld_8", _WITHHELD, "8.属于行政查询事项", "第三十六条第（七）项"),
    Row(
        "unavailable_1",
        _UNAVAILABLE,
        "1.本机关不掌握相关政府信息",
        "第三十六条第（四）项、第（五）项",
    ),
    Row("unavailable_2", _UNAVAILABLE, "2.没有现成信息需要另行制作", "第三十八条"),
    Row("unavailable_3", _UNAVAILABLE, "3.补正后申请内容仍不明确", "第三十条"),
    Row("not_processed_1", _NOT_PROCESSED, "1.信访举报投诉类申请", "第三十九条第一款"),
    Row("not_processed_2", _NOT_PROCESSED, "2.重复申请", "第三十六条第（六）项"),
    Row("not_processed_3", _NOT_PROCESSED, "3.要求提供公开出版物", "第三十九条第二款"),
    Row("not_processed_4", _NOT_PROCESSED, "4.无正当理由大量反复申请", "第三十五条"),
    Row("not_processed_5", _NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"),
    Row(
        "other_1",
        _OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "第三十条",
    ),
    Row(
        "other_2",
        _OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "第四十二条",
    ),
    Row("other_3", _OTHER, "3.其他"),
    Row("total", None, "（七）总计"),
    Row("carry_forward", None, "四、结转下年度继续办理"),
)
TABLE3_ROW_BY_CODE = {row.code: row for row in TABLE3_ROWS}
TABLE3_ROW_CODES = tuple(row.code for row in TABLE3_ROWS)
# The 21 rows of outcomes, （一） to （六）3: each closed application counts in exactly one.
RESULT_ROW_CODES = TABLE3_ROW_CODES[
    TABLE3_ROW_CODES.index("granted") : TABLE3_ROW_CODES.index("total")
]

# ---------------------------------------------------------------------------
# Table 2 主动公开政府信息情况 and Table 4 行政复议、行政诉讼
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Table2Section:
    article: str  # section title, an item of 条例 Art.20
    columns: tuple[str, ...]  # value columns (the first column, 信息内容, holds the row label)
    rows: tuple[tuple[str, str], ...]  # (row_code, label)
    decimal: bool = False  # values are amounts in 万元, not counts


TABLE2_LABEL_COLUMN = "信息内容"
TABLE2_SECTIONS = (
    Table2Section(
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
    ),
    Table2Section("第二十条第（五）项", ("本年处理决定数量",), (("licensing", "行政许可"),)),
    Table2Section(
        "第二十条第（六）项",
        ("本年处理决定数量",),
        (("penalty", "行政处罚"), ("coercion", "行政强制")),
    ),
    Table2Section(
        "第二十条第（八）项",
        ("本年收费金额（单位：万元）",),
        (("fees", "行政事业性收费"),),
        decimal=True,
    ),
)
TABLE2_SECTION_BY_ROW = {code: s for s in TABLE2_SECTIONS for code, _ in s.rows}
TABLE2_ROW_LABELS = {code: label for s in TABLE2_SECTIONS for code, label in s.rows}

TABLE4_BLOCKS = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_review", "行政诉讼（复议后起诉）"),
)
TABLE4_BLOCK_LABELS = dict(TABLE4_BLOCKS)
TABLE4_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def empty_table2() -> dict[str, list]:
    return {
        code: [Decimal(0) if s.decimal else 0 for _ in s.columns]
        for s in TABLE2_SECTIONS
        for code, _ in s.rows
    }


def empty_table3() -> dict[str, list[int]]:
    return {code: [0] * len(TABLE3_COLUMNS) for code in TABLE3_ROW_CODES}


def empty_table4() -> dict[str, list[int]]:
    return {code: [0] * len(TABLE4_COLUMNS) for code, _ in TABLE4_BLOCKS}


def with_totals(table3: dict[str, list[int]]) -> dict[str, list[int]]:
    """Return a copy of Table 3 with the 总计 column (rule 3) and the （七）总计 row (rule 2)
    computed from the other cells. 一, 二 and 四 are inputs and are copied as they are."""
    result = {code: list(cells) for code, cells in table3.items()}
    for cells in result.values():
        cells[TOTAL_COLUMN] = sum(cells[:TOTAL_COLUMN])
    result["total"] = [
        sum(result[code][col] for code in RESULT_ROW_CODES) for col in range(len(TABLE3_COLUMNS))
    ]
    return result


def sum_table3(tables) -> dict[str, list[int]]:
    """The cell-by-cell sum of several Table 3s: a banner-wide summary of its units' reports.

    Rules 1-3 are sums of cells, so the summary keeps them whenever every table does."""
    total = empty_table3()
    for table in tables:
        for code in TABLE3_ROW_CODES:
            total[code] = [a + int(b) for a, b in zip(total[code], table[code], strict=True)]
    return total


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

UNCHECKED_RULES = {6: "文字部分引用的数字须与表格一致（需人工核对正文）"}


@dataclass(frozen=True)
class RuleViolation:
    rule: int  # rule number of the format (1-7)
    table: str  # "表二", "表三" or "表四"
    row: str  # row label
    column: str  # column name
    expected: object  # required value; for rule 7 a description of what is allowed
    actual: object
    message: str

    @property
    def cell(self) -> str:
        return f"{self.table}“{self.row}”“{self.column}”"


def check_rules(
    table3: dict[str, list[int]],
    table4: dict[str, list[int]],
    previous_table3: dict[str, list[int]] | None = None,
    table2: dict[str, list] | None = None,
) -> list[RuleViolation]:
    """Check the report's tables; an empty list means they may be published.

    Malformed input (missing or unknown rows, wrong number of cells) raises ValueError.
    A cell that breaks rule 7 is reported once and the sums involving it are skipped.
    Rule 5 is checked only when last year's Table 3 is given; Table 2 only when given.
    """
    _check_shape(table3, TABLE3_ROW_CODES, lambda _: len(TABLE3_COLUMNS), "表三")
    _check_shape(table4, TABLE4_BLOCK_LABELS, lambda _: len(TABLE4_COLUMNS), "表四")
    violations = _rule7_table3(table3) + _rule7_table4(table4)
    if table2 is not None:
        _check_shape(
            table2,
            TABLE2_SECTION_BY_ROW,
            lambda code: len(TABLE2_SECTION_BY_ROW[code].columns),
            "表二",
        )
        violations += _rule7_table2(table2)
    violations += _rule1(table3) + _rule2(table3) + _rule3(table3) + _rule4(table4)
    if previous_table3 is not None:
        _check_shape(previous_table3, TABLE3_ROW_CODES, lambda _: len(TABLE3_COLUMNS), "上年度表三")
        violations += _rule5(table3, previous_table3)
    return violations


def _check_shape(table, codes, width, name) -> None:
    missing = [c for c in codes if c not in table]
    unknown = [c for c in table if c not in codes]
    if missing or unknown:
        raise ValueError(f"{name}的行不正确：缺少{missing}，多余{unknown}")
    for code, cells in table.items():
        if len(cells) != width(code):
            raise ValueError(f"{name}“{code}”行应有{width(code)}个单元格，实际为{len(cells)}个")


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_amount(value) -> bool:
    if isinstance(value, Decimal):
        return value.is_finite() and value >= 0
    return _is_count(value)


def _label3(code: str) -> str:
    return TABLE3_ROW_BY_CODE[code].label


def _rule7(table: str, row: str, column: str, actual, allowed: str) -> RuleViolation:
    return RuleViolation(
        7,
        table,
        row,
        column,
        allowed,
        actual,
        f"规则7：{table}“{row}”“{column}”应为{allowed}，实际为{actual!r}",
    )


def _rule7_table3(table3) -> list[RuleViolation]:
    return [
        _rule7("表三", _label3(code), TABLE3_COLUMNS[col], value, "非负整数")
        for code in TABLE3_ROW_CODES
        for col, value in enumerate(table3[code])
        if not _is_count(value)
    ]


def _rule7_table4(table4) -> list[RuleViolation]:
    return [
        _rule7("表四", label, TABLE4_COLUMNS[col], value, "非负整数")
        for code, label in TABLE4_BLOCKS
        for col, value in enumerate(table4[code])
        if not _is_count(value)
    ]


def _rule7_table2(table2) -> list[RuleViolation]:
    violations = []
    for section in TABLE2_SECTIONS:
        ok, allowed = (
            (_is_amount, "非负金额（万元，Decimal）")
            if section.decimal
            else (_is_count, "非负整数")
        )
        for code, label in section.rows:
            for column, value in zip(section.columns, table2[code], strict=True):
                if not ok(value):
                    violations.append(_rule7("表二", label, column, value, allowed))
    return violations


def _all_counts(*values) -> bool:
    return all(_is_count(v) for v in values)


def _rule1(table3) -> list[RuleViolation]:
    """一 + 二 = （七）总计 + 四, per column; reported on the 四 cell."""
    violations = []
    for col, column in enumerate(TABLE3_COLUMNS):
        new, carried, total, forward = (
            table3[code][col] for code in ("new", "carried_over", "total", "carry_forward")
        )
        if not _all_counts(new, carried, total, forward):
            continue
        expected = new + carried - total
        if forward != expected:
            violations.append(
                RuleViolation(
                    1,
                    "表三",
                    _label3("carry_forward"),
                    column,
                    expected,
                    forward,
                    f"规则1：一+二应等于（七）总计+四。“{column}”列：{new}+{carried}≠{total}+{forward}，"
                    f"“四、结转下年度继续办理”应为{expected}，实际为{forward}",
                )
            )
    return violations


def _rule2(table3) -> list[RuleViolation]:
    """（七）总计 = sum of the 21 result rows, per column; reported on the （七） cell."""
    violations = []
    for col, column in enumerate(TABLE3_COLUMNS):
        parts = [table3[code][col] for code in RESULT_ROW_CODES]
        total = table3["total"][col]
        if not _all_counts(total, *parts):
            continue
        if total != sum(parts):
            violations.append(
                RuleViolation(
                    2,
                    "表三",
                    _label3("total"),
                    column,
                    sum(parts),
                    total,
                    f"规则2：“（七）总计”“{column}”列应等于（一）至（六）各项之和{sum(parts)}，"
                    f"实际为{total}",
                )
            )
    return violations


def _rule3(table3) -> list[RuleViolation]:
    """总计 column = sum of the six applicant columns, per row."""
    violations = []
    for code in TABLE3_ROW_CODES:
        cells = table3[code]
        if not _all_counts(*cells):
            continue
        expected = sum(cells[:TOTAL_COLUMN])
        if cells[TOTAL_COLUMN] != expected:
            violations.append(
                RuleViolation(
                    3,
                    "表三",
                    _label3(code),
                    TABLE3_COLUMNS[TOTAL_COLUMN],
                    expected,
                    cells[TOTAL_COLUMN],
                    f"规则3：“{_label3(code)}”行的“总计”应等于各类申请人之和{expected}，"
                    f"实际为{cells[TOTAL_COLUMN]}",
                )
            )
    return violations


def _rule4(table4) -> list[RuleViolation]:
    """Table 4, each block: 维持 + 纠正 + 其他 + 尚未审结 = 总计."""
    violations = []
    for code, label in TABLE4_BLOCKS:
        cells = table4[code]
        if not _all_counts(*cells):
            continue
        expected = sum(cells[:-1])
        if cells[-1] != expected:
            violations.append(
                RuleViolation(
                    4,
                    "表四",
                    label,
                    TABLE4_COLUMNS[-1],
                    expected,
                    cells[-1],
                    f"规则4：表四“{label}”的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和"
                    f"{expected}，实际为{cells[-1]}",
                )
            )
    return violations


def _rule5(table3, previous_table3) -> list[RuleViolation]:
    """This year's 二 = last year's 四, per column."""
    violations = []
    for col, column in enumerate(TABLE3_COLUMNS):
        expected = previous_table3["carry_forward"][col]
        actual = table3["carried_over"][col]
        if not _all_counts(expected, actual):
            continue
        if actual != expected:
            violations.append(
                RuleViolation(
                    5,
                    "表三",
                    _label3("carried_over"),
                    column,
                    expected,
                    actual,
                    f"规则5：“二、上年结转政府信息公开申请数量”“{column}”列应等于上年度报告"
                    f"“四、结转下年度继续办理”的{expected}，实际为{actual}",
                )
            )
    return violations
