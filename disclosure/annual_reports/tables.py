"""Assemble a report's Tables 2, 3 and 4 from computed values, staff entry and overrides.

Plain Python, no Django: the page model, the management command and the exports all call
these functions, and the rules themselves live in ``core.rules.annual_report``.

A cell is named by a key ``"<table>.<row_code>.<column index>"``, e.g. ``"table3.granted.0"``
(表三“（一）予以公开”“自然人”) or ``"table2.regulations.1"`` (表二“规章”“本年废止件数”).
Only computed cells can be overridden: every cell of Table 3 and the catalogue rows of
Table 2. Table 4 and the other Table 2 rows are staff entry already.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.rules.annual_report import (
    RESULT_ROW_CODES,
    TABLE2_ROW_LABELS,
    TABLE2_SECTION_BY_ROW,
    TABLE2_SECTIONS,
    TABLE3_COLUMNS,
    TABLE3_ROW_BY_CODE,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_COLUMNS,
    TOTAL_COLUMN,
    RuleViolation,
    check_rules,
    empty_table2,
    empty_table3,
    with_totals,
)

# Table 2 rows counted from the catalogue (the rest is staff entry).
CATALOGUE_ROWS = ("regulations", "normative_documents")
# Table 2 rows entered by staff, with the page field holding each.
STAFF_TABLE2_FIELDS = {
    "licensing": "licensing_count",
    "penalty": "penalty_count",
    "coercion": "coercion_count",
    "fees": "fees_amount",
}
# Page field suffixes of the five Table 4 columns, in TABLE4_COLUMNS order.
TABLE4_FIELD_SUFFIXES = ("upheld", "corrected", "other", "pending", "total")


def table4_field_name(block_code: str, column: int) -> str:
    return f"{block_code}_{TABLE4_FIELD_SUFFIXES[column]}"


# ---------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    table: str  # "table2" or "table3"
    row: str
    column: int

    @property
    def key(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"

    @property
    def is_table3_total(self) -> bool:
        return self.table == "table3" and (self.row == "total" or self.column == TOTAL_COLUMN)

    @property
    def label(self) -> str:
        if self.table == "table3":
            return f"表三“{TABLE3_ROW_BY_CODE[self.row].label}”“{TABLE3_COLUMNS[self.column]}”"
        section = TABLE2_SECTION_BY_ROW[self.row]
        return f"表二“{TABLE2_ROW_LABELS[self.row]}”“{section.columns[self.column]}”"

    @classmethod
    def parse(cls, key: str) -> Cell:
        """The cell named by `key`; ValueError with a Chinese message when there is none."""
        try:
            table, row, column = key.split(".")
            cell = cls(table, row, int(column))
        except ValueError:
            raise ValueError(f"无法识别的单元格“{key}”") from None
        if cell not in set(overridable_cells()):
            raise ValueError(f"单元格“{key}”不存在或不能更正")
        return cell


def overridable_cells() -> list[Cell]:
    cells = [
        Cell("table3", row.code, column)
        for row in TABLE3_ROWS
        for column in range(len(TABLE3_COLUMNS))
    ]
    for code in CATALOGUE_ROWS:
        cells += [
            Cell("table2", code, column)
            for column in range(len(TABLE2_SECTION_BY_ROW[code].columns))
        ]
    return cells


def cell_choices() -> list[tuple[str, str]]:
    """(key, label) of every cell that may be overridden, for a choice field."""
    return [(cell.key, cell.label) for cell in overridable_cells()]


@dataclass(frozen=True)
class Override:
    cell: Cell
    value: int
    reason: str


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


def table3_with_overrides(computed: dict, overrides: list[Override]) -> dict[str, list[int]]:
    """Table 3 as reported: the computed counts, overridden cells replaced, totals recomputed.

    Overrides of ordinary cells are applied first, so the 总计 column and the （七）总计 row
    follow them; overrides of total cells are applied last and kept as given (rules 2 and 3
    then check them).
    """
    table = empty_table3()
    for code, cells in computed.items():
        if code in table:
            table[code] = [int(value) for value in cells]
    for override in overrides:
        if override.cell.table == "table3" and not override.cell.is_table3_total:
            table[override.cell.row][override.cell.column] = override.value
    table = with_totals(table)
    for override in overrides:
        if override.cell.is_table3_total:
            table[override.cell.row][override.cell.column] = override.value
    return table


def table2_with_entries(
    computed: dict, staff: dict[str, object], overrides: list[Override]
) -> dict[str, list]:
    """Table 2 as reported: catalogue counts (overridden where staff said so) + staff entry."""
    table = empty_table2()
    for code in CATALOGUE_ROWS:
        if code in computed:
            table[code] = [int(value) for value in computed[code]]
    for override in overrides:
        if override.cell.table == "table2":
            table[override.cell.row][override.cell.column] = override.value
    for code in STAFF_TABLE2_FIELDS:
        value = staff.get(code)
        if value is not None:
            table[code] = [value]
    return table


# ---------------------------------------------------------------------------
# Machine-readable form (management command --json, report.json, API)
# ---------------------------------------------------------------------------


def _number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def table2_as_json(table2: dict) -> dict:
    return {
        "sections": [
            {
                "title": section.article,
                "columns": list(section.columns),
                "rows": [
                    {"label": label, "values": [_number(v) for v in table2[code]]}
                    for code, label in section.rows
                ],
            }
            for section in TABLE2_SECTIONS
        ]
    }


def table3_as_json(table3: dict) -> dict:
    return {
        "columns": list(TABLE3_COLUMNS),
        "rows": [{"label": row.label, "values": list(table3[row.code])} for row in TABLE3_ROWS],
    }


def table4_as_json(table4: dict) -> dict:
    return {
        "columns": list(TABLE4_COLUMNS),
        "rows": [{"label": label, "values": list(table4[code])} for code, label in TABLE4_BLOCKS],
    }


def violation_as_json(violation: RuleViolation) -> dict:
    return {
        "rule": violation.rule,
        "cell": violation.cell,
        "expected": _number(violation.expected),
        "actual": _number(violation.actual),
        "message": violation.message,
    }


def report_as_json(year, table2, table3, table4, violations) -> dict:
    return {
        "year": year,
        "table2": table2_as_json(table2),
        "table3": table3_as_json(table3),
        "table4": table4_as_json(table4),
        "errors": [violation_as_json(v) for v in violations],
    }


def check_tables(table2, table3, table4, previous_table3=None) -> list[RuleViolation]:
    """Rules 1-5 and 7 (core.rules.annual_report); rule 6 is in text_figures."""
    return check_rules(table3, table4, previous_table3, table2)


def applications_by_year(tables3: list[dict]) -> list[tuple[str, list[int]]]:
    """(name, one total per year) of the applications received, carried over, handled and
    carried forward, from each year's Table 3 (for the year-over-year chart)."""
    return [
        ("本年新收", [t["new"][TOTAL_COLUMN] for t in tables3]),
        ("上年结转", [t["carried_over"][TOTAL_COLUMN] for t in tables3]),
        ("本年办结", [t["total"][TOTAL_COLUMN] for t in tables3]),
        ("结转下年度", [t["carry_forward"][TOTAL_COLUMN] for t in tables3]),
    ]


def outcomes_by_year(tables3: list[dict]) -> list[tuple[str, list[int]]]:
    """(outcome group, one total per year) from each year's Table 3."""
    groups = [outcome_groups(t) for t in tables3]
    return [(name, [g[i][1] for g in groups]) for i, (name, _) in enumerate(groups[0])]


def outcome_groups(table3: dict) -> list[tuple[str, int]]:
    """Totals of the six outcome groups （一）-（六）, for the year-over-year chart."""
    groups: dict[str, int] = {}
    for code in RESULT_ROW_CODES:
        row = TABLE3_ROW_BY_CODE[code]
        # "（三）不予公开" -> "不予公开"; "（二）部分公开（区分处理的…）" -> "部分公开"
        name = (row.group or row.item).split("）", 1)[1].split("（")[0]
        groups[name] = groups.get(name, 0) + table3[code][TOTAL_COLUMN]
    return list(groups.items())
