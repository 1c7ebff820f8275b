"""The seven rules on real reports built from real cases: each fails, each passes, and a
failing report cannot be published by any route."""

from datetime import date

import pytest

from core.rules.annual_report import TOTAL_COLUMN
from disclosure.annual_reports.models import AnnualReportPage, CellOverride, ReportNotPublishable

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases_2025(case_log):
    """Three cases received in 2025: two answered, one still open at the end of the year."""
    a = case_log.receive(date(2025, 3, 3))
    case_log.close(a, "granted", date(2025, 3, 20))
    b = case_log.receive(date(2025, 5, 6), column=1)
    case_log.close(b, "unavailable_1", date(2025, 5, 30))
    case_log.receive(date(2025, 12, 29), column=2)


def override(report, cell, value, reason="核对纸质台账后更正"):
    report.overrides.add(CellOverride(cell=cell, value=value, reason=reason))
    report.save()
    return AnnualReportPage.objects.get(pk=report.pk)


def rules_failing(report):
    return sorted({problem.rule for problem in report.publication_problems()})


def test_report_from_the_case_log_passes_every_rule(cases_2025, make_report):
    report = make_report(2025)
    table3 = report.table3()
    assert table3["new"] == [1, 1, 1, 0, 0, 0, 3]
    assert table3["total"][TOTAL_COLUMN] == 2
    assert table3["carry_forward"] == [0, 0, 1, 0, 0, 0, 1]
    assert report.publication_problems() == []


def test_rule1_fails_when_carry_forward_disagrees(cases_2025, make_report):
    report = override(make_report(2025), "table3.carry_forward.0", 3)
    problems = [p for p in report.publication_problems() if p.rule == 1]
    assert [(p.row, p.column, p.expected, p.actual) for p in problems] == [
        ("四、结转下年度继续办理", "自然人", 0, 3),
        ("四、结转下年度继续办理", "总计", 1, 4),
    ]
    assert "“四、结转下年度继续办理”应为0，实际为3" in problems[0].message


def test_rule2_fails_when_the_total_row_is_overridden(cases_2025, make_report):
    report = override(make_report(2025), "table3.total.0", 5)
    assert 2 in rules_failing(report)
    problem = next(p for p in report.publication_problems() if p.rule == 2)
    assert (problem.row, problem.column, problem.expected, problem.actual) == (
        "（七）总计",
        "自然人",
        1,
        5,
    )


def test_rule3_fails_when_a_total_column_cell_is_overridden(cases_2025, make_report):
    report = override(make_report(2025), "table3.new.6", 9)
    problem = next(p for p in report.publication_problems() if p.rule == 3)
    assert (problem.row, problem.expected, problem.actual) == (
        "一、本年新收政府信息公开申请数量",
        3,
        9,
    )


def test_rule3_and_rule2_pass_when_an_ordinary_cell_is_overridden(cases_2025, make_report):
    # Overriding 一 and a result row keeps the totals in step (they are recomputed).
    report = make_report(2025)
    report.overrides.add(CellOverride(cell="table3.new.3", value=1, reason="补录纸质申请"))
    report.overrides.add(CellOverride(cell="table3.granted.3", value=1, reason="补录纸质申请"))
    report.save()
    report = AnnualReportPage.objects.get(pk=report.pk)
    assert report.table3()["new"][TOTAL_COLUMN] == 4
    assert report.table3()["total"][TOTAL_COLUMN] == 3
    assert report.publication_problems() == []


def test_rule4_fails_and_passes_on_table4(cases_2025, make_report):
    report = make_report(2025, review_upheld=1, review_corrected=1, review_total=1)
    problem = next(p for p in report.publication_problems() if p.rule == 4)
    assert (problem.table, problem.row, problem.column) == ("表四", "行政复议", "总计")
    assert (problem.expected, problem.actual) == (2, 1)
    report.review_total = 2
    assert report.publication_problems() == []


def test_rule5_fails_when_this_years_carry_over_differs_from_last_years_report(
    case_log, make_report
):
    open_case = case_log.receive(date(2024, 12, 20))
    last_year = make_report(2024, publish=True)
    assert last_year.table3()["carry_forward"][TOTAL_COLUMN] == 1
    case_log.close(open_case, "granted", date(2025, 1, 10))
    report = make_report(2025)
    assert report.publication_problems() == []
    report = override(report, "table3.carried_over.0", 0)
    problem = next(p for p in report.publication_problems() if p.rule == 5)
    assert (problem.row, problem.column, problem.expected, problem.actual) == (
        "二、上年结转政府信息公开申请数量",
        "自然人",
        1,
        0,
    )
    assert "上年度报告" in problem.message


def test_rule6_fails_on_a_typed_figure_and_passes_with_placeholders(cases_2025, make_report):
    report = make_report(2025, overview="<p>本年新收政府信息公开申请5件，予以公开1件。</p>")
    problems = [p for p in report.publication_problems() if p.rule == 6]
    assert len(problems) == 1
    assert (problems[0].row, problems[0].expected, problems[0].actual) == (
        "一、本年新收政府信息公开申请数量",
        3,
        "5",
    )
    assert "“一、总体情况”中的“新收政府信息公开申请5件”" in problems[0].message
    report.overview = "<p>本年新收政府信息公开申请{{table3.new.总计}}件，予以公开1件。</p>"
    assert report.publication_problems() == []
    html = dict((f, h) for f, _t, h in report.rendered_sections())["overview"]
    assert "新收政府信息公开申请3件" in html


def test_rule6_unknown_placeholder_and_missing_fee_statement(cases_2025, make_report):
    report = make_report(2025, overview="<p>{{table3.nothing.总计}}</p>", other_text="<p>无。</p>")
    messages = [p.message for p in report.publication_problems() if p.rule == 6]
    assert any("{{table3.nothing.总计}}" in m and "无法识别" in m for m in messages)
    assert any("须说明本年收取信息处理费" in m for m in messages)


def test_rule6_checks_the_fee_against_the_case_log(case_log, make_report):
    case_log.paid_and_granted(date(2025, 4, 1), date(2025, 4, 8), pages=50)  # 20 pages x 10元
    report = make_report(2025, other_text="<p>收取信息处理费100元。</p>")
    assert report.fees_collected == 200
    problem = next(p for p in report.publication_problems() if p.rule == 6)
    assert (problem.expected, problem.actual) == (200, "100")
    report.other_text = "<p>收取信息处理费{{fees.collected}}元。</p>"
    assert report.publication_problems() == []


def test_rule7_fails_on_a_negative_cell(cases_2025, make_report):
    report = make_report(2025)
    report.coercion_count = -1  # bypassing the form, as a script could
    problem = next(p for p in report.publication_problems() if p.rule == 7)
    assert (problem.table, problem.row, problem.actual) == ("表二", "行政强制", -1)
    report.coercion_count = 0
    assert report.publication_problems() == []


def test_publish_refuses_a_failing_report_on_every_route(cases_2025, make_report):
    report = make_report(2025, review_upheld=1)  # 总计 left at 0: rule 4
    revision = report.save_revision()
    with pytest.raises(ReportNotPublishable) as raised:
        revision.publish()
    assert "规则4" in str(raised.value)
    assert not AnnualReportPage.objects.get(pk=report.pk).live
    report.review_total = 1
    report.save_revision().publish()
    assert AnnualReportPage.objects.get(pk=report.pk).live
