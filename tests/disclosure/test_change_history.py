"""更新记录 through the real Wagtail admin: a published document or interpretation published
again needs a 更新说明 unless ticked as a typo fix; the page and the feeds show the notes; a
note written before 提交三审 is the one recorded when 签发 approves."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from disclosure.models import ChangeRecord, PolicyDocumentPage
from disclosure.models.change_history import NOTE_REQUIRED

pytestmark = pytest.mark.django_db

NOTE = "根据国家新规定，将申请材料由5项减为3项。"


def person(username, group):
    user = get_user_model().objects.create_user(username, password="pw-1234567")
    user.groups.add(Group.objects.get(name=group))
    return user


def edit_form(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))
    for name, value in changes.items():
        data[name] = value
    return url, data


def post_edit(client, page, action="action-publish", **changes):
    url, data = edit_form(client, page, **changes)
    data[action] = action
    return client.post(url, data)


@pytest.fixture
def document(make_document):
    return make_document(title="关于简化企业开办手续的通知")


def test_the_first_publication_needs_no_note_and_records_nothing(document):
    assert document.live
    assert not ChangeRecord.objects.exists()


def test_republishing_a_substantive_change_without_a_note_is_refused_keeping_the_edit(
    admin_client, document
):
    response = post_edit(admin_client, document, title="关于进一步简化企业开办手续的通知")
    assert response.status_code == 200  # the form again, not a redirect
    html = response.content.decode()
    assert NOTE_REQUIRED in html
    assert "关于进一步简化企业开办手续的通知" in html  # what was typed is still in the form
    document.refresh_from_db()
    assert document.title == "关于简化企业开办手续的通知"
    assert not ChangeRecord.objects.exists()


def test_a_typo_fix_is_published_without_a_note_and_without_a_record(admin_client, document):
    response = post_edit(
        admin_client, document, title="关于简化企业开办手续的通知。", minor_change="on"
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "关于简化企业开办手续的通知。"
    assert not ChangeRecord.objects.exists()
    assert "更新记录" not in admin_client.get(document.url).content.decode()


def test_a_note_is_recorded_listed_on_the_page_and_carried_by_the_feeds(
    admin_client, client, document, policy_column
):
    response = post_edit(admin_client, document, summary="申请材料减为3项。", change_note=NOTE)
    assert response.status_code == 302
    record = ChangeRecord.objects.get()
    assert record.page_id == document.pk and record.note == NOTE
    document.refresh_from_db()
    assert record.revision_id == document.live_revision_id

    html = client.get(document.url).content.decode()
    assert "更新记录" in html and NOTE in html and "首次发布" in html

    # The next edit starts with an empty note: the recorded one is not offered again.
    _url, data = edit_form(admin_client, document)
    assert data.get("change_note", "").strip() == ""  # a <textarea> renders a leading newline
    response = post_edit(admin_client, document, title="关于简化企业开办手续的通知（修订）")
    assert response.status_code == 200 and NOTE_REQUIRED in response.content.decode()

    rss = client.get(reverse("disclosure:column_rss", args=[policy_column.pk])).content.decode()
    assert f"更新说明（{timezone.localdate(record.published_at):%Y-%m-%d}）：{NOTE}" in rss
    atom = client.get(reverse("disclosure:column_atom", args=[policy_column.pk])).content.decode()
    assert NOTE in atom and "<updated>" in atom


def test_an_interpretation_asks_for_a_note_too(admin_client, document, make_interpretation):
    interpretation = make_interpretation(document, "《关于简化企业开办手续的通知》解读")

    response = post_edit(admin_client, interpretation, title="解读（更新）")
    assert response.status_code == 200 and NOTE_REQUIRED in response.content.decode()
    response = post_edit(admin_client, interpretation, title="解读（更新）", change_note=NOTE)
    assert response.status_code == 302
    assert ChangeRecord.objects.get().page_id == interpretation.pk


def test_the_note_written_before_three_review_is_recorded_when_the_signer_approves(
    client, document
):
    editor, reviewer, signer = (
        person("bianji", "编辑"),
        person("shenhe", "审核"),
        person("qianfa", "签发"),
    )
    client.force_login(editor)
    response = post_edit(client, document, action="action-submit", title="新标题")
    assert response.status_code == 200 and NOTE_REQUIRED in response.content.decode()
    response = post_edit(client, document, action="action-submit", title="新标题", change_note=NOTE)
    assert response.status_code == 302
    assert not ChangeRecord.objects.exists()  # submitted, not published yet

    for approver in (reviewer, signer):
        client.force_login(approver)
        state = WorkflowState.objects.get(object_id=str(document.pk), status="in_progress")
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[document.pk, "approve", state.current_task_state.pk],
        )
        response = client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
        assert response.json()["step"] == "success"

    document = PolicyDocumentPage.objects.get(pk=document.pk)
    assert document.title == "新标题" and not document.has_unpublished_changes
    record = ChangeRecord.objects.get()
    assert record.note == NOTE and record.revision_id == document.live_revision_id
    assert NOTE in client.get(document.url).content.decode()
