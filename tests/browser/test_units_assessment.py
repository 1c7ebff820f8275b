"""The bureau's assessor opens the 考核评价 ranking, a unit's scorecard and the evidence behind a
lost point, by clicking, in a real browser."""

import pytest
from django.contrib.auth.models import Group

from assessment.models import AssessmentPeriod

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def assessor(site_url, django_user_model):
    """A bureau staff member with the 考核评价 role and the bureau's platform-wide 管理员 role
    (so the evidence links into the page editor open)."""
    user = django_user_model.objects.create_user(username="kaohe", password="assessor-pass-1")
    user.groups.add(Group.objects.get(name="考核评价"), Group.objects.get(name="管理员"))
    return user


def test_assessor_opens_the_ranking_and_a_units_evidence(
    page, site_url, assessor, axe, staff_login
):
    # 管理员 signs in with the second factor (portal/admin_security.py), as a person would.
    staff_login(page, site_url, "kaohe", "assessor-pass-1")

    # From the sidebar: 报告 → 考核评价.
    page.get_by_role("button", name="报告").click()
    page.get_by_role("link", name="考核评价", exact=True).click()
    page.wait_for_url("**/admin/assessment/")
    period = AssessmentPeriod.objects.get(name="2025年度")
    page.get_by_label("考核周期", exact=True).select_option(str(period.pk))
    page.get_by_role("button", name="查看", exact=True).click()
    page.wait_for_url(f"**/admin/assessment/?period={period.pk}")
    table = page.get_by_role("table", name="2025年度各单位得分（点击单位名称查看评分依据）")
    assert table.get_by_role("row").count() == 1 + 6  # heading + the six assessed units
    assert axe(page) == []

    table.get_by_role("link", name="伊金霍洛旗教育体育局").click()
    page.wait_for_url("**/admin/assessment/units/**")
    heading = page.get_by_role("heading", name="主动公开及时性：10 / 20分")
    assert heading.is_visible()
    section = page.locator("#indicator-publication_timeliness")
    late_rows = section.get_by_role("row").filter(has_text="超期")
    assert late_rows.count() == 2
    title = late_rows.first.get_by_role("link").first.inner_text()
    assert axe(page) == []

    late_rows.first.get_by_role("link").first.click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert page.locator("#id_title").input_value() == title

    page.go_back()
    page.get_by_role("link", name="返回排名").click()
    page.get_by_role("link", name="打印通报").click()
    page.wait_for_url("**/admin/assessment/notice/*")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "关于2025年度政府信息公开工作考核评价结果的通报"
    )
    assert page.get_by_text("伊金霍洛旗教育体育局：主动公开及时性扣10分").is_visible()
