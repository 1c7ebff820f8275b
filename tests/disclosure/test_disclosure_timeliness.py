"""The two timeliness reports: late publication and missing interpretations, in working days."""

from datetime import date

import chinese_calendar
import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from core.rules.timeliness import interpretation_delay, publication_delay
from disclosure.calendar import working_calendar
from disclosure.models import CalendarYear, PolicyInterpretationPage
from disclosure.timeliness import late_publications, missing_interpretations


@pytest.mark.django_db
def test_publication_delay_counts_working_days_across_a_holiday():
    calendar = working_calendar()
    # Signed Friday 2025-09-26. The 国庆/中秋 break (10-01..10-08) is off; the 调休 Sunday
    # 09-28 and Saturday 10-11 are worked. Counting by hand: 09-28, 09-29, 09-30, 10-09,
    # 10-10, 10-11, then 14 weekdays from 10-13 -> the 20th working day is 10-30.
    workdays = chinese_calendar.get_workdays(date(2025, 9, 27), date(2025, 10, 30))
    assert len(workdays) == 20  # the package agrees
    delay = publication_delay(calendar, date(2025, 9, 26), date(2025, 11, 3))
    assert delay.due == date(2025, 10, 30)
    assert delay.late_by == 2 and delay.is_late  # 10-31 and 11-03
    assert not publication_delay(calendar, date(2025, 9, 26), date(2025, 10, 30)).is_late


@pytest.mark.django_db
def test_interpretation_delay():
    calendar = working_calendar()
    delay = interpretation_delay(calendar, date(2025, 4, 30), date(2025, 5, 8), 3)
    assert delay.due == date(2025, 5, 8)  # 5/1-5/5 劳动节; 4/27 was the 调休 Sunday before
    assert not delay.is_late
    assert interpretation_delay(calendar, date(2025, 4, 30), date(2025, 5, 9), 3).late_by == 1


@pytest.mark.django_db
def test_late_publication_report_lists_only_late_documents(make_document):
    on_time = make_document(written_date=date(2025, 3, 3), publish_date=date(2025, 3, 31))
    late = make_document(written_date=date(2025, 3, 3), publish_date=date(2025, 4, 2))
    rows = late_publications()
    assert [row.document.pk for row in rows] == [late.pk]
    assert rows[0].due == date(2025, 3, 31) and rows[0].late_by == 2
    assert on_time.pk not in [row.document.pk for row in rows]


@pytest.mark.django_db
def test_missing_interpretation_report(make_document, policy_column, bureau):
    needs = make_document(publish_date=date(2025, 6, 3))
    interpreted = make_document(publish_date=date(2025, 6, 3))
    make_document(publish_date=date(2025, 6, 3), requires_interpretation=False)
    recent = make_document(publish_date=date(2025, 6, 30))
    interpretation = PolicyInterpretationPage(
        title="解读",
        slug="jd",
        policy_document=interpreted,
        publisher=bureau,
        main_content="<p>主要内容</p>",
    )
    policy_column.add_child(instance=interpretation)
    interpretation.save_revision().publish()
    rows = missing_interpretations(today=date(2025, 7, 1))
    assert [row.document.pk for row in rows] == [needs.pk]
    assert rows[0].due == date(2025, 6, 6)
    assert recent.pk not in [row.document.pk for row in rows]  # 3 working days not yet over
    with override_settings(DISCLOSURE_INTERPRETATION_DUE_WORKING_DAYS=30):
        assert missing_interpretations(today=date(2025, 7, 1)) == []


@pytest.mark.django_db
def test_an_uncovered_year_is_reported_not_guessed(make_document):
    make_document(written_date=date(2024, 12, 2), publish_date=date(2025, 1, 20))
    CalendarYear.objects.filter(year=2025).update(complete=False)  # as if not yet entered
    rows = late_publications()
    assert len(rows) == 1 and "缺少2025年的工作日历" in rows[0].problem


@pytest.mark.django_db
def test_demo_reports_show_the_deliberate_cases(disclosure_demo_site):
    late = [row.document.slug for row in late_publications()]
    assert late == ["final-accounts-2022"]
    missing = [row.document.slug for row in missing_interpretations(today=date(2026, 6, 1))]
    assert missing == ["efficient-one-thing-plan"]


@pytest.mark.django_db
def test_admin_reports_render_and_export(admin_client, make_document):
    make_document(title="超期的文件", written_date=date(2025, 3, 3), publish_date=date(2025, 5, 6))
    html = admin_client.get("/admin/disclosure-reports/late-publication/").content.decode()
    assert "超期的文件" in html and "超期发布" in html
    response = admin_client.get("/admin/disclosure-reports/late-publication/?export=csv")
    assert response.status_code == 200
    text = (
        b"".join(response.streaming_content).decode("utf-8")
        if response.streaming
        else response.content.decode()
    )
    assert "名称" in text and "超期的文件" in text
    html = admin_client.get("/admin/disclosure-reports/missing-interpretation/").content.decode()
    assert "解读缺失" in html


@pytest.mark.django_db
def test_reports_are_for_staff_roles_only(client, django_user_model, site_shell):
    editor = django_user_model.objects.create_user("editor", password="x" * 12)
    editor.groups.add(Group.objects.get(name="编辑"))
    applicant_officer = django_user_model.objects.create_user("officer", password="x" * 12)
    applicant_officer.groups.add(Group.objects.get(name="依申请公开经办"))
    client.force_login(editor)
    assert client.get("/admin/disclosure-reports/late-publication/").status_code == 200
    client.force_login(applicant_officer)
    response = client.get("/admin/disclosure-reports/late-publication/")
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_one_interpretation_rule_for_the_report_and_monitoring(make_document):
    """Issue 13: monitoring's check and the 解读缺失 report ask the same rule, with the same
    grace period (DISCLOSURE_INTERPRETATION_DUE_WORKING_DAYS), around the 劳动节 holiday."""
    from monitoring.policy import lacks_interpretation

    document = make_document(publish_date=date(2025, 4, 30))
    # Due 5/8: 5/1-5/5 off. On 5/8 neither flags it; on 5/9 both do.
    assert not lacks_interpretation(document, today=date(2025, 5, 8))
    assert missing_interpretations(today=date(2025, 5, 8)) == []
    assert lacks_interpretation(document, today=date(2025, 5, 9))
    assert [r.document.pk for r in missing_interpretations(today=date(2025, 5, 9))] == [document.pk]
    with override_settings(DISCLOSURE_INTERPRETATION_DUE_WORKING_DAYS=0):
        assert lacks_interpretation(document, today=date(2025, 5, 6))
        assert missing_interpretations(today=date(2025, 5, 6))
