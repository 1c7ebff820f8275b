"""Content monitoring in a real browser: a 内容监管 reviewer confirms a finding; the public
政务新媒体矩阵 page is accessible."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from monitoring.models import Finding

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def reviewer(site_url, django_user_model):
    user = django_user_model.objects.create_user(username="jianguan", password="reviewer-pass-1")
    user.groups.add(Group.objects.get(name="内容监管"))
    return user


def log_in(page, site_url, username, password):
    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(site_url + "/admin/")


def test_reviewer_confirms_a_finding(page, site_url, reviewer, settings):
    settings.MONITORING_CHECK_EXTERNAL_LINKS = False  # only local servers in tests
    call_command("monitor_run", "accounts", stdout=StringIO())
    finding = Finding.objects.get(check_code="SEVERE_ERROR")

    log_in(page, site_url, "jianguan", "reviewer-pass-1")
    page.goto(site_url + "/admin/monitoring/findings/?severity=veto")
    page.get_by_role("link", name=finding.target_label).click()
    page.wait_for_url(f"**/admin/monitoring/findings/{finding.pk}/**")
    assert page.get_by_text("“伊金霍洛期”应为“伊金霍洛旗”").first.is_visible()

    page.get_by_label("确认").check()
    page.get_by_label("说明").fill("已通知编辑更正为“伊金霍洛旗”。")
    page.get_by_role("button", name="保存审核结论").click()
    page.wait_for_url("**/admin/monitoring/findings/?severity=veto")
    expect(page.get_by_text("标记为确认")).to_be_visible()

    finding.refresh_from_db()
    assert finding.status == Finding.Status.CONFIRMED
    entry = finding.reviews.get()
    assert entry.user == reviewer and entry.note == "已通知编辑更正为“伊金霍洛旗”。"

    page.goto(site_url + f"/admin/monitoring/findings/{finding.pk}/")
    trail = page.get_by_role("table", name="审核记录")
    assert trail.get_by_text("已通知编辑更正为“伊金霍洛旗”。").is_visible()
    assert trail.get_by_text("jianguan").is_visible()


def test_new_media_matrix_is_accessible(page, site_url, axe):
    page.goto(site_url + "/monitoring/matrix/")
    assert page.get_by_role("heading", level=1).inner_text() == "政务新媒体矩阵"
    assert page.get_by_role("table", name="微信公众号账号（1 个）").is_visible()
    assert axe(page) == []
