"""Table 3 from the case log: every result row, carry-over across years, and overrides
(with and without a reason) through the admin editor."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.rules.annual_report import RESULT_ROW_CODES, TABLE3_COLUMNS, TOTAL_COLUMN
from disclosure.annual_reports.models import AnnualReportPage, CellOverride
from disclosure.models import Validity

pytestmark = pytest.mark.django_db


def test_every_result_row_is_reached_from_a_case(case_log, make_report):
    for number, code in enumerate(RESULT_ROW_CODES):
        column = number % 6
        application = case_log.receive(date(2025, 2, 3), column=column)
        case_log.close(application, code, date(2025, 6, 2))
    report = make_report(2025)
    table3 = report.table3()
    assert len(RESULT_ROW_CODES) == 21
    for number, code in enumerate(RESULT_ROW_CODES):
        expected = [0] * len(TABLE3_COLUMNS)
        expected[number % 6] = 1
        expected[TOTAL_COLUMN] = 1
        assert table3[code] == expected, code
    assert table3["new"][TOTAL_COLUMN] == 21
    assert table3["total"][TOTAL_COLUMN] == 21
    assert table3["carry_forward"][TOTAL_COLUMN] == 0
    assert report.publication_problems() == []


def test_carry_over_comes_from_last_years_report(case_log, make_report):
    # 2024: three received, one answered in 2024, two still open on 31 December.
    answered = case_log.receive(date(2024, 10, 8))
    case_log.close(answered, "granted", date(2024, 10, 30))
    open_a = case_log.receive(date(2024, 12, 16))
    open_b = case_log.receive(date(2024, 12, 23), column=1)
    report_2024 = make_report(2024, publish=True)
    assert report_2024.table3()["carry_forward"] == [1, 1, 0, 0, 0, 0, 2]
    assert report_2024.carried_over_source == "申请台账（无上年度报告）"

    # 2025: both carried cases are answered, one new case stays open.
    case_log.close(open_a, "partially_granted", date(2025, 1, 13))
    case_log.close(open_b, "withheld_4", date(2025, 1, 20))
    case_log.receive(date(2025, 12, 30))
    report_2025 = make_report(2025)
    table3 = report_2025.table3()
    assert table3["carried_over"] == [1, 1, 0, 0, 0, 0, 2]
    assert "2024年度报告（已发布）" in report_2025.carried_over_source
    assert table3["new"][TOTAL_COLUMN] == 1
    assert table3["total"][TOTAL_COLUMN] == 2
    assert table3["carry_forward"][TOTAL_COLUMN] == 1
    assert report_2025.publication_problems() == []

    # Last year's report is what counts: a (reasoned) correction there carries over.
    report_2024.overrides.add(
        CellOverride(cell="table3.carry_forward.1", value=2, reason="补录一件纸质申请")
    )
    report_2024.overrides.add(CellOverride(cell="table3.new.1", value=2, reason="补录一件纸质申请"))
    report_2024.save()
    report_2025.save_revision()  # validation refreshes the computed tables
    draft = report_2025.get_latest_revision_as_object()
    assert draft.table3()["carried_over"] == [1, 2, 0, 0, 0, 0, 3]
    assert draft.publication_problems() != []  # 一+二 no longer equals （七）+四 (rule 1)


def test_override_needs_a_reason(make_report):
    report = make_report(2025)
    without = CellOverride(page=report, cell="table3.new.0", value=2, reason="  ")
    with pytest.raises(ValidationError) as raised:
        without.full_clean()
    assert raised.value.message_dict["reason"] == ["更正计算结果必须写明理由。"]
    # Stored without one anyway (a script, an import): publication is refused.
    report.overrides.add(without)
    report.save()
    problems = AnnualReportPage.objects.get(pk=report.pk).publication_problems()
    assert any("未写明理由" in p.message and p.rule == 0 for p in problems)
    with_reason = CellOverride(page=report, cell="table3.new.0", value=2, reason="纸质登记漏录")
    with_reason.full_clean()


# --- through the admin editor ------------------------------------------------------------


def edit_data(report, overrides=(), action="action-publish", **changes):
    fields = {
        "title": report.title,
        "slug": report.slug,
        "year": report.year,
        "overview": rich_text(report.overview or "<p>总体情况。</p>"),
        "proactive_text": rich_text("<p>见下表。</p>"),
        "applications_text": rich_text("<p>见下表。</p>"),
        "remedies_text": rich_text("<p>见下表。</p>"),
        "problems_text": rich_text("<p>无。</p>"),
        "other_text": rich_text("<p>本年度收取信息处理费{{fees.collected}}元。</p>"),
        "licensing_count": 10,
        "penalty_count": 0,
        "coercion_count": 0,
        "fees_amount": "0",
        "overrides": inline_formset(list(overrides)),
        "comments": inline_formset([]),
    }
    for code in ("review", "litigation_direct", "litigation_after_review"):
        for suffix in ("upheld", "corrected", "other", "pending", "total"):
            fields[f"{code}_{suffix}"] = 0
    fields.update(changes)
    data = nested_form_data(fields)
    if action:
        data[action] = action
    return data


@pytest.fixture
def admin_client(client, officer):
    client.force_login(officer)
    return client


def edit(admin_client, report, data):
    return admin_client.post(f"/admin/pages/{report.pk}/edit/", data)


def test_admin_publish_with_reasoned_override(case_log, make_report, admin_client):
    application = case_log.receive(date(2025, 3, 3))
    case_log.close(application, "granted", date(2025, 3, 10))
    report = make_report(2025)
    data = edit_data(
        report,
        overrides=[
            {"cell": "table3.new.1", "value": 1, "reason": "一件纸质申请未录入系统"},
            {"cell": "table3.granted.1", "value": 1, "reason": "同上，已予以公开"},
        ],
    )
    response = edit(admin_client, report, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report = AnnualReportPage.objects.get(pk=report.pk)
    assert report.live
    assert report.table3()["new"] == [1, 1, 0, 0, 0, 0, 2]
    assert [o.reason for o in report.overrides.all()] == [
        "一件纸质申请未录入系统",
        "同上，已予以公开",
    ]
    # The reasons are shown in the editor's 表格与核对 panel.
    page = admin_client.get(f"/admin/pages/{report.pk}/edit/").content.decode()
    assert "一件纸质申请未录入系统" in page and "七项规则全部通过" in page


def test_admin_override_without_reason_is_refused(make_report, admin_client):
    report = make_report(2025)
    data = edit_data(report, overrides=[{"cell": "table3.new.0", "value": 4, "reason": ""}])
    response = edit(admin_client, report, data)
    assert response.status_code == 200
    assert "更正计算结果必须写明理由。" in response.content.decode()
    report = AnnualReportPage.objects.get(pk=report.pk)
    assert not report.live and report.overrides.count() == 0


def test_admin_publish_blocked_by_a_rule_names_the_cell(make_report, admin_client):
    report = make_report(2025)
    data = edit_data(report, review_upheld=2, review_total=1)
    response = edit(admin_client, report, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "规则4：表四“行政复议”的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和2，实际为1"
        in html
    )
    assert not AnnualReportPage.objects.get(pk=report.pk).live
    # Saving a draft with the same figures is allowed: nothing typed is lost.
    response = edit(
        admin_client, report, edit_data(report, action=None, review_upheld=2, review_total=1)
    )
    assert response.status_code == 302
    draft = AnnualReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    assert draft.review_upheld == 2
    # Submitting the draft for review is refused too.
    response = edit(
        admin_client,
        report,
        edit_data(report, action="action-submit", review_upheld=2, review_total=1),
    )
    assert response.status_code == 200
    assert "规则4" in response.content.decode()


def test_admin_publish_blocked_by_rule6_on_the_section_field(case_log, make_report, admin_client):
    case_log.receive(date(2025, 3, 3))
    report = make_report(2025)
    data = edit_data(report, overview=rich_text("<p>本年新收政府信息公开申请2件。</p>"))
    response = edit(admin_client, report, data)
    assert response.status_code == 200
    assert (
        "“新收政府信息公开申请2件”与表三“一、本年新收政府信息公开申请数量”“总计”不一致：应为1，实际为2"
        in (response.content.decode())
    )


# --- Table 2 from the catalogue ----------------------------------------------------------


@pytest.fixture
def make_document(column):
    from disclosure.models import DisclosureColumnPage, Organisation, PolicyDocumentPage, Topic

    publisher = Organisation.objects.create(name="伊金霍洛旗政务服务局", uscc="11150627011580001G")
    policies = DisclosureColumnPage(title="政策文件", slug="policies-test")
    column.get_parent().add_child(instance=policies)
    policies.save_revision().publish()
    serial = iter(range(1, 100))

    def make(legal_form, written_date, **fields):
        number = next(serial)
        page = PolicyDocumentPage(
            live=False,
            title=f"测试文件{number}",
            slug=f"doc-{number}",
            publisher=publisher,
            written_date=written_date,
            topic=Topic.objects.get(code="2.1"),
            genre="通知",
            summary="测试用的内容概述。",
            legal_form=legal_form,
            **fields,
        )
        policies.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


def test_table2_counts_regulations_and_normative_documents_from_the_catalogue(
    make_document, make_report
):
    make_document("行政规范性文件", date(2025, 3, 1))  # issued 2025, in force
    make_document("行政规范性文件", date(2023, 5, 1))  # in force
    make_document(
        "行政规范性文件",
        date(2022, 5, 1),
        validity=Validity.REPEALED,
        repeal_date=date(2025, 6, 30),
    )  # repealed in 2025
    make_document("行政规范性文件", date(2026, 1, 5))  # next year's: not yet issued
    make_document("规章", date(2025, 8, 1))
    make_document("其他文件", date(2025, 8, 1))  # not in Table 2
    report = make_report(2025, licensing_count=7)
    table2 = report.table2()
    assert table2["normative_documents"] == [1, 1, 2]
    assert table2["regulations"] == [1, 0, 1]
    assert table2["licensing"] == [7]
    # A catalogue count can be corrected, with a reason, like any computed cell.
    report.overrides.add(
        CellOverride(cell="table2.normative_documents.0", value=2, reason="一件文件未录入目录")
    )
    report.save()
    assert AnnualReportPage.objects.get(pk=report.pk).table2()["normative_documents"] == [2, 1, 2]
