"""Per-year Table 3 figures from the case log, by applicant type and result row, with the
carry-over into and out of the year; and the demo data."""

from collections import Counter
from datetime import date

from django.core.management import call_command

from core.rules.annual_report import TABLE3_COLUMNS, check_rules, empty_table4
from disclosure.applications import services, workflow
from disclosure.applications.models import Application
from disclosure.applications.statistics import table3_for_year
from disclosure.applications.workflow import Action


def _close(application, officer, on, resolution):
    services.perform(
        application,
        Action.REPLY,
        actor=officer,
        reason="答复",
        effective_on=on,
        resolution=resolution,
    )


def test_table3_counts_by_column_and_row(make_application, officer, ids):
    org = {
        "applicant_type": "organisation",
        "id_type": "uscc",
        "id_number": ids.uscc(),
        "name": "某律师事务所",
        "contact_person": "孙某",
    }
    # Received 2024, closed 2025: carried over.
    late = make_application(received_on=date(2024, 12, 20))
    _close(late, officer, date(2025, 1, 10), "granted")
    # Received and closed in 2025.
    law = make_application(received_on=date(2025, 3, 3), organisation_kind="legal_service", **org)
    _close(law, officer, date(2025, 3, 20), "withheld_4")
    research = make_application(received_on=date(2025, 4, 1), organisation_kind="research", **org)
    _close(research, officer, date(2025, 4, 20), "unavailable_1")
    unnamed = make_application(received_on=date(2025, 5, 6), **org)  # kind not given: 其他
    services.perform(
        unnamed, Action.WITHDRAW, actor=officer, reason="撤回", effective_on=date(2025, 5, 8)
    )
    # Received 2025, still open on 31 December: carried forward.
    make_application(received_on=date(2025, 12, 22))
    # Never confirmed online submissions count nowhere.
    make_application(channel="online")

    table = table3_for_year(2025)
    assert len(TABLE3_COLUMNS) == 7 and all(len(cells) == 7 for cells in table.values())
    assert table["new"] == [1, 0, 1, 0, 1, 1, 4]
    assert table["carried_over"] == [1, 0, 0, 0, 0, 0, 1]
    assert table["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert table["withheld_4"] == [0, 0, 0, 0, 1, 0, 1]
    assert table["unavailable_1"] == [0, 0, 1, 0, 0, 0, 1]
    assert table["other_3"] == [0, 0, 0, 0, 0, 1, 1]
    assert table["total"] == [1, 0, 1, 0, 1, 1, 4]
    assert table["carry_forward"] == [1, 0, 0, 0, 0, 0, 1]
    assert check_rules(table, empty_table4(), previous_table3=table3_for_year(2024)) == []
    assert table3_for_year(2024)["carry_forward"] == table["carried_over"]


def test_demo_data(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    count = Application.objects.count()
    assert count >= 40
    years = {a.submitted_at.year for a in Application.objects.all()}
    assert {2024, 2025, 2026} <= years
    states = Counter(Application.objects.values_list("status", flat=True))
    assert set(states) == {s.value for s in workflow.Status}
    resolutions = set(
        Application.objects.exclude(resolution="").values_list("resolution", flat=True)
    )
    assert len(resolutions) >= 15
    for year in (2024, 2025, 2026):
        assert (
            check_rules(
                table3_for_year(year), empty_table4(), previous_table3=table3_for_year(year - 1)
            )
            == []
        )
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert Application.objects.count() == count  # idempotent
