"""A department's editor works in their own unit's section and is refused in another unit's,
in a real browser (集约化 per-unit permissions)."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from disclosure.models import Organisation, PolicyDocumentPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def documents_of(unit_name):
    unit = Organisation.objects.get(name=unit_name)
    return PolicyDocumentPage.objects.descendant_of(unit.section_root).order_by("pk")


def test_department_editor_saves_in_their_unit_and_is_refused_elsewhere(page, site_url):
    editor = get_user_model().objects.get(username="demo_education_editor")
    editor.set_password("editor-pass-1")
    editor.save()
    own = documents_of("伊金霍洛旗教育体育局").first()
    other = documents_of("伊金霍洛旗卫生健康委员会").first()
    own_revisions, other_revisions = own.revisions.count(), other.revisions.count()

    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").fill("demo_education_editor")
    page.locator("#id_password").fill("editor-pass-1")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(site_url + "/admin/")

    # The dashboard offers 新建 only in their own unit's columns, named with the unit.
    new_buttons = page.get_by_role("link", name="新建政策文件").all_inner_texts()
    assert "旗教育体育局 · 政策文件 · 新建政策文件" in new_buttons
    assert all(text.startswith("旗教育体育局 · ") for text in new_buttons), new_buttons

    # Own unit: from the explorer of the document's column, open it and save a draft.
    page.goto(site_url + f"/admin/pages/{own.get_parent().pk}/")
    page.get_by_role("link", name=own.title, exact=True).first.click()
    page.wait_for_url(f"**/admin/pages/{own.pk}/edit/")
    page.locator("#id_keywords").fill("义务教育,招生入学,划片,演示修改")
    page.get_by_role("button", name="保存草稿").first.click()
    page.wait_for_url(f"**/admin/pages/{own.pk}/edit/")
    assert own.revisions.count() == own_revisions + 1
    assert "演示修改" in Page.objects.get(pk=own.pk).get_latest_revision().content["keywords"]

    # Another unit's column lists no editable page for them, and its editor refuses them.
    page.goto(site_url + f"/admin/pages/{other.get_parent().pk}/")
    assert page.get_by_role("link", name=other.title, exact=True).count() == 0
    page.goto(site_url + f"/admin/pages/{other.pk}/edit/")
    assert f"/admin/pages/{other.pk}/edit/" not in page.url
    assert other.revisions.count() == other_revisions
