"""monitor_run: stored runs, findings de-duplicated across runs, --json, reopen and gone."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from monitoring.models import AccountPost, Finding, FindingReview, MonitorRun, NewMediaAccount
from monitoring.runner import execute_run

pytestmark = pytest.mark.django_db


def run_json(scope="both"):
    out = StringIO()
    call_command("monitor_run", scope, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_demo_trips_each_account_check(monitoring_site):
    summary = run_json("accounts")
    assert set(summary) == {"findings", "by_severity"}
    counts = summary["findings"]
    for code in (
        "SEVERE_ERROR",
        "SENSITIVE_WORD",
        "PII_RESIDENT_ID",
        "BROKEN_LINK",
        "ACCOUNT_STALE",
        "MESSAGE_UNANSWERED",
        "ACCOUNT_DUPLICATE",
        "ACCOUNT_NOT_FILED",
        "ACCOUNT_NO_INTERACTION",
    ):
        assert counts[code] >= 1, code
    assert summary["by_severity"]["veto"] == sum(
        counts[code]
        for code in (
            "SEVERE_ERROR",
            "SENSITIVE_WORD",
            "PII_RESIDENT_ID",
            "PII_BANK_CARD",
            "ACCOUNT_STALE",
            "ACCOUNT_NO_INTERACTION",
            "MESSAGE_UNANSWERED_VETO",
        )
    )
    # Site checks are not part of an accounts run.
    assert "HOME_PAGE_STALE" not in counts
    # The clean accounts have no finding at all.
    clean = NewMediaAccount.objects.get(platform="channels")
    assert not Finding.objects.filter(account=clean).exists()
    dead = Finding.objects.get(check_code="BROKEN_LINK")
    assert dead.excerpt.endswith("/xxgk/tzgg/2019-service-list/")


def test_runs_are_idempotent(monitoring_site):
    first = run_json()
    findings_after_first = Finding.objects.count()
    second = run_json()
    assert second == first
    assert Finding.objects.count() == findings_after_first
    latest = MonitorRun.objects.order_by("-pk").first()
    assert latest.status == MonitorRun.Status.DONE
    assert latest.summary["new"] == 0
    assert latest.summary["gone"] == 0
    assert set(Finding.objects.values_list("times_seen", flat=True)) == {2}
    assert MonitorRun.objects.count() == 2


def test_fixed_problem_is_gone_and_a_returning_one_is_reopened(monitoring_site):
    run_json("accounts")
    finding = Finding.objects.get(check_code="SEVERE_ERROR")
    post = AccountPost.objects.get(pk=finding.target_id)
    finding.status = Finding.Status.FIXED
    finding.save()

    original = post.body
    post.body = original.replace("伊金霍洛期", "伊金霍洛旗")
    post.save()
    run_json("accounts")
    finding.refresh_from_db()
    assert not finding.is_present and finding.gone_at is not None
    assert finding.reviews.filter(action=FindingReview.Action.GONE).exists()

    post.body = original
    post.save()
    summary = run_json("accounts")
    finding.refresh_from_db()
    assert finding.is_present and finding.status == Finding.Status.NEW
    assert finding.reviews.filter(action=FindingReview.Action.REOPENED).exists()
    assert summary["findings"]["SEVERE_ERROR"] == 1


def test_false_positives_stay_dismissed_and_are_not_counted(monitoring_site):
    run_json("accounts")
    finding = Finding.objects.get(check_code="SENSITIVE_WORD")
    finding.status = Finding.Status.FALSE_POSITIVE
    finding.save()
    summary = run_json("accounts")
    finding.refresh_from_db()
    assert finding.status == Finding.Status.FALSE_POSITIVE
    assert summary["findings"]["SENSITIVE_WORD"] == 0
    assert MonitorRun.objects.order_by("-pk").first().summary["suppressed"] == 1


def test_an_accounts_run_leaves_site_findings_alone(monitoring_site):
    run_json("site")
    site_findings = set(Finding.objects.filter(scope="site").values_list("pk", "is_present"))
    run_json("accounts")
    assert set(Finding.objects.filter(scope="site").values_list("pk", "is_present")) == (
        site_findings
    )


def test_site_run_finds_home_page_staleness(monitoring_site):
    from wagtail.models import Page

    assert run_json("site")["findings"]["HOME_PAGE_STALE"] == 0
    long_ago = timezone.now() - timedelta(days=30)
    Page.objects.update(last_published_at=long_ago, first_published_at=long_ago)
    assert run_json("site")["findings"]["HOME_PAGE_STALE"] == 1


def test_run_records_progress_and_times(monitoring_site):
    run = MonitorRun.objects.create(scope="site")
    execute_run(run)
    run.refresh_from_db()
    assert run.status == MonitorRun.Status.DONE
    assert run.percent == 100
    assert run.started_at <= run.finished_at


def test_refuses_to_start_while_a_run_is_going(monitoring_site):
    from django.core.management.base import CommandError

    MonitorRun.objects.create(scope="accounts", status=MonitorRun.Status.RUNNING)
    with pytest.raises(CommandError, match="在运行"):
        call_command("monitor_run", "both", stdout=StringIO())


def test_links_to_a_local_server_are_checked(monitoring_site, local_server, settings):
    settings.MONITORING_CHECK_EXTERNAL_LINKS = True
    base, _ = local_server
    account = NewMediaAccount.objects.get(platform="channels")
    AccountPost.objects.create(
        account=account, title="链接测试", body=f"好的 {base}/ok/page 坏的 {base}/missing/page"
    )
    run_json("accounts")
    broken = Finding.objects.filter(check_code="BROKEN_LINK", account=account)
    assert [finding.excerpt for finding in broken] == [f"{base}/missing/page"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_in_the_database_queue_is_carried_out_by_the_worker(monitoring_site, settings):
    """Production: the command queues the run; `db_worker` carries it out in the background.
    (django-tasks re-reads TASKS when the setting changes.) Transactional, because the worker
    closes database connections between tasks as it does in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = StringIO()
    call_command("monitor_run", "accounts", "--no-wait", stdout=out)
    run = MonitorRun.objects.get()
    assert run.status == MonitorRun.Status.QUEUED
    assert run.task_result_id
    assert "已提交后台运行" in out.getvalue()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())
    run.refresh_from_db()
    assert run.status == MonitorRun.Status.DONE
    assert run.summary["findings"]["ACCOUNT_STALE"] == 1
