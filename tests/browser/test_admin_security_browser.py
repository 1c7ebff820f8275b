"""An officer who sees personal data signs in with password and TOTP code in a real browser;
the admin pages they reach run under the site's Content-Security-Policy without violations
(the `page` fixture fails the test on any)."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def officer(site_url, django_user_model):
    user = django_user_model.objects.create_user(username="jingban", password="officer-pass-77")
    user.groups.add(Group.objects.get(name="依申请公开经办"))
    return user


def test_officer_registers_an_authenticator_then_signs_in_with_a_code(
    page, site_url, officer, staff_login
):
    staff_login(page, site_url, "jingban", "officer-pass-77")
    expect(page.locator("body")).to_contain_text("依申请公开")
    page.goto(site_url + "/admin/applications/")
    expect(page.locator("main").locator("h1, h2").first).to_be_visible()
    # A new sign-in asks for the code again, and the fixture types the current one.
    page.context.clear_cookies()
    staff_login(page, site_url, "jingban", "officer-pass-77")
    assert page.url == site_url + "/admin/"


def test_public_pages_and_search_run_under_the_policy(page, site_url):
    page.goto(site_url + "/")
    page.goto(site_url + "/search/?q=政务服务")
    page.locator("input[name=q]").first.fill("政务")
    page.wait_for_timeout(500)  # the suggestions script runs
    page.goto(site_url + "/xxgk/")
