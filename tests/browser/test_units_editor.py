"""A department's editor works in their own unit's section and is refused in another unit's;
the unit's own 审核 and 签发 publish the change through the unit's 三审, in a real browser
(集约化 per-unit permissions and workflows)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from staff import Clicks, footer_action, log_in_as, new_person_page, open_from_dashboard
from wagtail.models import Page

from disclosure.models import Organisation, PolicyDocumentPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "unit-staff-pass-1"
NOTE = "补充关键词“划片”，便于检索。"


def documents_of(unit_name):
    unit = Organisation.objects.get(name=unit_name)
    return PolicyDocumentPage.objects.descendant_of(unit.section_root).order_by("pk")


def with_password(username):
    """The demo's unit staff have no usable password (portal/demo/units.py); give one."""
    user = get_user_model().objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_department_editor_publishes_in_their_unit_and_is_refused_elsewhere(page, site_url):
    for role in ("editor", "reviewer", "signer"):
        with_password(f"demo_education_{role}")
    own = documents_of("伊金霍洛旗教育体育局").first()
    other = documents_of("伊金霍洛旗卫生健康委员会").first()
    own_revisions, other_revisions = own.revisions.count(), other.revisions.count()
    clicks = Clicks()
    clicks.start("unit journey")

    log_in_as(page, site_url, "demo_education_editor", PASSWORD)

    # The dashboard offers 新建 only in their own unit's columns, named with the unit.
    new_buttons = page.get_by_role("link", name="新建政策文件").all_inner_texts()
    assert "旗教育体育局 · 政策文件 · 新建政策文件" in new_buttons
    assert all(text.startswith("旗教育体育局 · ") for text in new_buttons), new_buttons

    # Own unit: from the explorer of the document's column, open it and save a draft.
    page.goto(site_url + f"/admin/pages/{own.get_parent().pk}/")
    page.get_by_role("link", name=own.title, exact=True).first.click()
    page.wait_for_url(f"**/admin/pages/{own.pk}/edit/")
    page.locator("#id_keywords").fill("义务教育,招生入学,划片,演示修改")
    # A live document changed in substance says what changed (更新记录, issue 16).
    page.locator("#id_change_note").fill(NOTE)
    page.get_by_role("button", name="保存草稿").first.click()
    page.wait_for_url(f"**/admin/pages/{own.pk}/edit/")
    assert own.revisions.count() == own_revisions + 1
    assert "演示修改" in Page.objects.get(pk=own.pk).get_latest_revision().content["keywords"]

    # The change goes to the unit's own 三审, not the banner platform's.
    footer_action(page, clicks, "提交三审·旗教育体育局")
    expect(page.get_by_text("已提交审核", exact=False).first).to_be_visible()

    # The unit's 审核 finds it on the dashboard and approves; the unit's 签发 publishes it.
    reviewer = new_person_page(page)
    log_in_as(reviewer, site_url, "demo_education_reviewer", PASSWORD)
    open_from_dashboard(reviewer, clicks, "等我处理", own.title)
    footer_action(reviewer, clicks, "批准")
    expect(
        reviewer.get_by_text(f"已通过“审核·旗教育体育局”，“{own.title}”已转交“签发·旗教育体育局”。")
    ).to_be_visible()

    signer = new_person_page(page)
    log_in_as(signer, site_url, "demo_education_signer", PASSWORD)
    open_from_dashboard(signer, clicks, "等我处理", own.title)
    footer_action(signer, clicks, "批准")
    expect(signer.get_by_text(f"“{own.title}”已通过三审·旗教育体育局并发布。")).to_be_visible()
    published = PolicyDocumentPage.objects.get(pk=own.pk)
    assert published.live and "演示修改" in published.keywords
    assert published.index_number == own.index_number  # republishing keeps the 索引号
    assert published.change_records.filter(note=NOTE).exists()

    # Another unit's column lists no editable page for them, and its editor refuses them.
    page.goto(site_url + f"/admin/pages/{other.get_parent().pk}/")
    assert page.get_by_role("link", name=other.title, exact=True).count() == 0
    page.goto(site_url + f"/admin/pages/{other.pk}/edit/")
    assert f"/admin/pages/{other.pk}/edit/" not in page.url
    assert other.revisions.count() == other_revisions
