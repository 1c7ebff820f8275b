import copy
from decimal import Decimal

import pytest

from core.rules.annual_report import (
    RESULT_ROW_CODES,
    TABLE2_SECTIONS,
    TABLE3_COLUMNS,
    TABLE3_ROW_BY_CODE,
    TABLE3_ROW_CODES,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_COLUMNS,
    UNCHECKED_RULES,
    check_rules,
    empty_table2,
    empty_table3,
    empty_table4,
    with_totals,
)

# ---------------------------------------------------------------------------
# Structure
# ---------------------------------------------------------------------------


def test_table3_columns_in_national_order():
    assert TABLE3_COLUMNS == (
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    )


def test_table3_rows():
    assert len(TABLE3_ROWS) == 25
    assert len(set(TABLE3_ROW_CODES)) == 25
    labels = [row.label for row in TABLE3_ROWS]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert labels[1] == "二、上年结转政府信息公开申请数量"
    assert labels[2] == "（一）予以公开"
    assert labels[-2] == "（七）总计"
    assert labels[-1] == "四、结转下年度继续办理"
    assert TABLE3_ROW_BY_CODE["withheld_1"].label == "（三）不予公开 1.属于国家秘密"
    assert TABLE3_ROW_BY_CODE["unavailable_3"].label == "（四）无法提供 3.补正后申请内容仍不明确"
    assert TABLE3_ROW_BY_CODE["not_processed_4"].label == "（五）不予处理 4.无正当理由大量反复申请"
    assert TABLE3_ROW_BY_CODE["other_3"].label == "（六）其他处理 3.其他"


def test_result_rows():
    # （一）, （二）, （三）1-8, （四）1-3, （五）1-5, （六）1-3 = 1 + 1 + 8 + 3 + 5 + 3 = 21
    assert len(RESULT_ROW_CODES) == 21
    assert RESULT_ROW_CODES[0] == "granted" and RESULT_ROW_CODES[-1] == "other_3"
    assert {"new", "carried_over", "total", "carry_forward"}.isdisjoint(RESULT_ROW_CODES)
    # Art.36 (一) "already public, told where" and (二) "disclosed" both count as 予以公开
    assert TABLE3_ROW_BY_CODE["granted"].article == "第三十六条第（一）项、第（二）项"
    assert TABLE3_ROW_BY_CODE["partially_granted"].article == "第三十七条"
    assert TABLE3_ROW_BY_CODE["withheld_4"].article == "第十五条"
    assert TABLE3_ROW_BY_CODE["withheld_8"].article == "第三十六条第（七）项"
    assert TABLE3_ROW_BY_CODE["unavailable_2"].article == "第三十八条"
    assert TABLE3_ROW_BY_CODE["not_processed_2"].article == "第三十六条第（六）项"


def test_table2_and_table4_structure():
    assert [s.article for s in TABLE2_SECTIONS] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert [label for s in TABLE2_SECTIONS for _, label in s.rows] == [
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    ]
    fees = TABLE2_SECTIONS[-1]
    assert fees.decimal and fees.columns == ("本年收费金额（单位：万元）",)
    assert len(TABLE4_BLOCKS) * len(TABLE4_COLUMNS) == 15
    assert TABLE4_COLUMNS == ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def test_rule_6_is_declared_unchecked():
    assert 6 in UNCHECKED_RULES


# ---------------------------------------------------------------------------
# A consistent report, built by hand
# ---------------------------------------------------------------------------
#            自然人 商业 科研 公益 法律 其他 总计
# 一 new       10    3    0    1    2    0   16
# 二 carried    2    1    0    0    0    0    3
# （一）        5    2    0    1    1    0    9
# （二）        1    0    0    0    0    0    1
# （三）4       1    0    0    0    0    0    1
# （四）1       2    1    0    0    0    0    3
# （五）2       1    0    0    0    0    0    1
# （六）1       0    0    0    0    1    0    1
# （七）total  10    3    0    1    2    0   16   (column sums of the six result rows)
# 四 forward    2    1    0    0    0    0    3   (一 + 二 − （七）)
FILLED = {
    "new": [10, 3, 0, 1, 2, 0, 16],
    "carried_over": [2, 1, 0, 0, 0, 0, 3],
    "granted": [5, 2, 0, 1, 1, 0, 9],
    "partially_granted": [1, 0, 0, 0, 0, 0, 1],
    "withheld_4": [1, 0, 0, 0, 0, 0, 1],
    "unavailable_1": [2, 1, 0, 0, 0, 0, 3],
    "not_processed_2": [1, 0, 0, 0, 0, 0, 1],
    "other_1": [0, 0, 0, 0, 1, 0, 1],
    "total": [10, 3, 0, 1, 2, 0, 16],
    "carry_forward": [2, 1, 0, 0, 0, 0, 3],
}


def valid_table3():
    table = {code: [0] * 7 for code in TABLE3_ROW_CODES}
    table.update(copy.deepcopy(FILLED))
    return table


def valid_previous_table3():
    table = {code: [0] * 7 for code in TABLE3_ROW_CODES}
    table["carry_forward"] = [2, 1, 0, 0, 0, 0, 3]
    return table


def valid_table4():
    return {
        "review": [1, 0, 0, 1, 2],
        "litigation_direct": [0, 0, 0, 0, 0],
        "litigation_after_review": [0, 1, 0, 0, 1],
    }


def valid_table2():
    return {
        "regulations": [0, 0, 0],
        "normative_documents": [3, 1, 12],
        "licensing": [250],
        "penalty": [4],
        "coercion": [0],
        "fees": [Decimal("1.2345")],
    }


def test_consistent_report_passes_every_rule():
    violations = check_rules(
        valid_table3(), valid_table4(), valid_previous_table3(), valid_table2()
    )
    assert violations == []


def test_empty_tables_pass():
    assert check_rules(empty_table3(), empty_table4(), empty_table3(), empty_table2()) == []


def rules_of(violations):
    return sorted({v.rule for v in violations})


# Rule 1: 一 + 二 = （七） + 四 per column


def test_rule_1():
    table3 = valid_table3()
    table3["carry_forward"] = [3, 1, 0, 0, 0, 0, 4]  # 自然人 should be 10 + 2 − 10 = 2
    violations = check_rules(table3, valid_table4())
    assert rules_of(violations) == [1]
    by_column = {v.column: v for v in violations}
    assert set(by_column) == {"自然人", "总计"}
    v = by_column["自然人"]
    assert (v.row, v.expected, v.actual) == ("四、结转下年度继续办理", 2, 3)
    assert v.table == "表三" and "规则1" in v.message and "自然人" in v.message
    assert by_column["总计"].expected == 3 and by_column["总计"].actual == 4


# Rule 2: （七） = sum of the result rows per column


def test_rule_2():
    table3 = valid_table3()
    table3["withheld_1"] = [0, 0, 1, 0, 0, 0, 1]  # a 科研机构 case not added to （七）
    table3["new"] = [10, 3, 1, 1, 2, 0, 17]  # keep rule 1 satisfied only if （七） were right
    violations = check_rules(table3, valid_table4())
    rule2 = [v for v in violations if v.rule == 2]
    assert {(v.column, v.expected, v.actual) for v in rule2} == {
        ("科研机构", 1, 0),
        ("总计", 17, 16),
    }
    assert all(v.row == "（七）总计" for v in rule2)


def test_rule_2_passes_when_total_row_is_updated():
    table3 = valid_table3()
    table3["withheld_1"] = [0, 0, 1, 0, 0, 0, 1]
    table3["new"] = [10, 3, 1, 1, 2, 0, 17]
    table3["total"] = [10, 3, 1, 1, 2, 0, 17]
    assert check_rules(table3, valid_table4()) == []


# Rule 3: 总计 column = sum of the six applicant columns per row


def test_rule_3():
    table3 = valid_table3()
    table3["withheld_4"][6] = 2  # 1 + 0 + 0 + 0 + 0 + 0 = 1
    rule3 = [v for v in check_rules(table3, valid_table4()) if v.rule == 3]
    assert len(rule3) == 1
    v = rule3[0]
    assert (v.row, v.column, v.expected, v.actual) == (
        "（三）不予公开 4.保护第三方合法权益",
        "总计",
        1,
        2,
    )
    assert "“（三）不予公开 4.保护第三方合法权益”" in v.cell


# Rule 4: Table 4 每块 维持 + 纠正 + 其他 + 尚未审结 = 总计


def test_rule_4():
    table4 = valid_table4()
    table4["review"] = [1, 0, 0, 1, 3]
    violations = check_rules(valid_table3(), table4)
    assert rules_of(violations) == [4]
    v = violations[0]
    assert (v.table, v.row, v.column, v.expected, v.actual) == ("表四", "行政复议", "总计", 2, 3)


# Rule 5: this year's 二 = last year's 四


def test_rule_5():
    previous = valid_previous_table3()
    previous["carry_forward"] = [3, 1, 0, 0, 0, 0, 4]
    violations = check_rules(valid_table3(), valid_table4(), previous)
    assert rules_of(violations) == [5]
    assert {(v.column, v.expected, v.actual) for v in violations} == {
        ("自然人", 3, 2),
        ("总计", 4, 3),
    }
    assert all(v.row == "二、上年结转政府信息公开申请数量" for v in violations)


def test_rule_5_skipped_without_last_years_table():
    table3 = valid_table3()
    assert check_rules(table3, valid_table4()) == []


# Rule 7: non-negative integers; Table 2 fee a non-negative decimal


@pytest.mark.parametrize("bad", [-1, None, 1.0, True, "1"])
def test_rule_7_table3(bad):
    table3 = valid_table3()
    table3["granted"][1] = bad
    violations = check_rules(table3, valid_table4())
    # the bad cell is reported once; sums that involve it are not checked
    assert rules_of(violations) == [7]
    assert len(violations) == 1
    v = violations[0]
    assert (v.row, v.column, v.actual) == ("（一）予以公开", "商业企业", bad)


def test_rule_7_table4():
    table4 = valid_table4()
    table4["litigation_direct"][0] = -2
    violations = check_rules(valid_table3(), table4)
    assert [(v.rule, v.table, v.row, v.column) for v in violations] == [
        (7, "表四", "行政诉讼（未经复议直接起诉）", "结果维持")
    ]


@pytest.mark.parametrize(
    "row, bad",
    [
        ("fees", 1.5),
        ("fees", Decimal("-0.01")),
        ("fees", Decimal("NaN")),
        ("licensing", -1),
        ("penalty", Decimal(3)),
    ],
)
def test_rule_7_table2(row, bad):
    table2 = valid_table2()
    table2[row] = [bad]
    violations = check_rules(valid_table3(), valid_table4(), table2=table2)
    assert [(v.rule, v.table) for v in violations] == [(7, "表二")]


def test_table2_fee_accepts_whole_numbers_and_decimals():
    table2 = valid_table2()
    table2["fees"] = [0]
    assert check_rules(valid_table3(), valid_table4(), table2=table2) == []


def test_malformed_tables_raise():
    table3 = valid_table3()
    del table3["other_3"]
    with pytest.raises(ValueError):
        check_rules(table3, valid_table4())
    table3 = valid_table3()
    table3["granted"] = [1, 2, 3]
    with pytest.raises(ValueError):
        check_rules(table3, valid_table4())
    with pytest.raises(ValueError):
        check_rules(valid_table3(), {**valid_table4(), "extra": [0] * 5})


def test_with_totals_fills_the_total_column_and_row():
    table3 = valid_table3()
    for cells in table3.values():
        cells[6] = 0
    table3["total"] = [0] * 7
    assert with_totals(table3) == valid_table3()
