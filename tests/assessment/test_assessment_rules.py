"""The arithmetic of the 考核评价 indicators (assessment/rules.py), without a database."""

import pytest

from assessment import rules


def test_share_points_is_the_weight_times_the_share():
    assert rules.share_points(20, 3, 4) == 15.0
    assert rules.share_points(10, 1, 3) == 3.33
    assert rules.share_points(20, 0, 4) == 0.0


def test_nothing_to_assess_gives_the_full_weight():
    assert rules.publication_timeliness(20, 0, 0) == 20.0
    assert rules.applications_on_time(20, 0, 0) == 20.0
    assert rules.correction_extension_use(5, 0, 0, 0.3) == 5.0


def test_correction_and_extension_up_to_the_allowed_share_lose_nothing():
    assert rules.correction_extension_use(5, 3, 10, 0.3) == 5.0
    # 2 of 4 = 50%: 20 points above the 30% allowed, out of the 70 left -> 5 × (1 - 2/7).
    assert rules.correction_extension_use(5, 2, 4, 0.3) == 3.57
    assert rules.correction_extension_use(5, 4, 4, 0.3) == 0.0
    assert rules.correction_extension_use(5, 4, 4, 1) == 5.0


@pytest.mark.parametrize(("days", "weeks"), [(0, 0), (1, 1), (7, 1), (8, 2), (12, 2), (15, 3)])
def test_weeks_late_counts_started_weeks(days, weeks):
    assert rules.weeks_late(days) == weeks


def test_annual_report_points():
    assert rules.annual_report(15, True, 0, 0, 3) == 15.0
    assert rules.annual_report(15, True, 12, 0, 3) == 9.0  # two started weeks
    assert rules.annual_report(15, True, 0, 2, 3) == 9.0  # two rules not passed
    assert rules.annual_report(15, True, 60, 1, 3) == 0.0  # never below zero
    assert rules.annual_report(15, False, 0, 0, 3) == 0.0


def test_a_veto_item_loses_the_whole_monitoring_indicator():
    assert rules.monitoring_findings(15, 0, 0, 1) == 15.0
    assert rules.monitoring_findings(15, 0, 4, 1) == 11.0
    assert rules.monitoring_findings(15, 0, 40, 1) == 0.0
    assert rules.monitoring_findings(15, 1, 0, 1) == 0.0


def test_rank_gives_equal_totals_the_same_rank():
    ranked = rules.rank([("a", 90.0), ("b", 95.0), ("c", 90.0), ("d", 80.0)])
    assert [(r.rank, r.key) for r in ranked] == [(1, "b"), (2, "a"), (2, "c"), (4, "d")]


def test_the_default_weights_add_up_to_100():
    assert sum(default.weight for default in rules.DEFAULT_INDICATORS) == 100
    assert len({default.code for default in rules.DEFAULT_INDICATORS}) == 8
