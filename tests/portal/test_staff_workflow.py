"""The 三审 workflow as staff meet it in the admin: every action says what happened and who
did it, one clear way to resubmit, and 签发 cannot publish around 审核."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from portal.demo import site as site_demo
from portal.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db

COMMENT = "第二段的文号写错了，请核对后再提交。"


def person(username, group, first_name="", last_name=""):
    user = get_user_model().objects.create_user(
        username, password="pw-1234567", first_name=first_name, last_name=last_name
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def people(db):
    site_demo.load()
    return {
        "editor": person("bianji", "编辑", "王小明"),
        "reviewer": person("shenhe", "审核", "李丽"),
        "signer": person("qianfa", "签发", "张强"),
        "administrator": person("guanli", "管理员"),
    }


@pytest.fixture
def draft(people):
    page = ContentPage(title="政务公开工作推进会", slug="meeting", live=False)
    page.body = [("paragraph", "<p>会议要求贯彻落实伊金霍洛旗政务公开工作要点。</p>")]
    HomePage.objects.get().add_child(instance=page)
    page.save_revision(user=people["editor"])
    return page


def submitted(page, people):
    return page.get_workflow().start(page, people["editor"])


def act(client, page, state, action, **data):
    """Take a workflow action from the modal as the browser does, then load the page the
    modal sends the browser to (where the message is shown)."""
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )
    response = client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.json()["step"] == "success"
    return client.get(response.json()["redirect"])


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def edit_data(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))
    return url, data


def test_request_changes_says_what_happened_and_who_asked(client, draft, people):
    state = submitted(draft, people)
    client.force_login(people["reviewer"])
    response = act(client, draft, state, "reject", comment=COMMENT)
    assert texts(response) == [
        f"已退回修改：“政务公开工作推进会”已退回给王小明修改。您的意见：“{COMMENT}”"
    ]

    client.force_login(people["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    html = response.content.decode()
    assert texts(response) == [
        f"“审核”步骤由李丽退回修改，意见：“{COMMENT}” 修改后请选择“重新提交审核”。"
    ]
    # The status panel names the reviewer who asked, not the editor who submitted.
    assert f"审核：李丽要求修改，意见：“{COMMENT}”" in html
    assert "由 王小明" not in html


def test_approving_says_which_step_comes_next(client, draft, people):
    state = submitted(draft, people)
    client.force_login(people["reviewer"])
    response = act(client, draft, state, "approve", comment="")
    assert texts(response)[0] == "已通过“审核”，“政务公开工作推进会”已转交“签发”。"
    state.refresh_from_db()
    client.force_login(people["signer"])
    response = act(client, draft, state, "approve", comment="")
    assert texts(response)[0] == "“政务公开工作推进会”已通过三审并发布。"
    draft.refresh_from_db()
    assert draft.live


def act_in_editor(client, page, action, **extra):
    """批准 / 请求修改 from the editor's footer: the edit form is posted with the action."""
    url, data = edit_data(client, page)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = json.dumps(extra)
    response = client.post(url, data)
    assert response.status_code == 302
    return client.get(response.url)


def test_actions_taken_in_the_editor_say_what_happened(client, draft, people):
    state = submitted(draft, people)
    client.force_login(people["reviewer"])
    response = act_in_editor(client, draft, "reject", comment=COMMENT)
    # Wagtail's bare 页面已被更新 is replaced by what became of the page.
    assert texts(response) == [
        f"已退回修改：“政务公开工作推进会”已退回给王小明修改。您的意见：“{COMMENT}”"
    ]
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    state = state.resume(people["editor"])
    response = act_in_editor(client, draft, "approve")
    assert texts(response) == ["已通过“审核”，“政务公开工作推进会”已转交“签发”。"]


def test_after_changes_were_requested_there_is_one_way_to_resubmit(client, draft, people):
    state = submitted(draft, people)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, people["reviewer"], "reject", comment=COMMENT)
    client.force_login(people["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "修改完毕，重新提交“审核”" in html
    assert 'name="action-restart-workflow"' not in html
    assert 'name="action-publish"' not in html


def test_a_signer_cannot_publish_a_three_review_page_directly(client, draft, people):
    client.force_login(people["signer"])
    url, data = edit_data(client, draft)
    assert 'name="action-publish"' not in client.get(url).content.decode()
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert texts(response)[-1].startswith("本页面须经“三审”流程审核后发布，不能直接发布。")
    # Submitting instead starts the workflow at 审核.
    data.pop("action-publish")
    data["action-submit"] = "action-submit"
    client.post(url, data)
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.current_task_state.task.name == "审核"


def test_only_an_administrator_publishes_directly_and_it_is_logged(client, draft, people):
    client.force_login(people["administrator"])
    url, data = edit_data(client, draft)
    assert 'name="action-publish"' in client.get(url).content.decode()
    data["action-publish"] = "action-publish"
    client.post(url, data)
    draft.refresh_from_db()
    assert draft.live
    entry = PageLogEntry.objects.get(page=draft, action="portal.direct_publish")
    assert entry.user == people["administrator"] and entry.data["workflow"] == "三审"


def test_bulk_publishing_is_refused_to_a_signer(client, draft, people):
    client.force_login(people["signer"])
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={draft.pk}&next=/admin/pages/"
    )
    response = client.post(url, {})
    draft.refresh_from_db()
    assert not draft.live
    assert any("不能直接发布" in text for text in texts(response))
