"""The 内容安全审查 workflow task: runs the checks before publication, blocks on a 单项否决
finding, lets a 签发 user override with a logged reason; direct publishing cannot skip it."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, Workflow
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from monitoring.models import ContentSafetyTask, GateReview
from portal.models import ContentPage

pytestmark = pytest.mark.django_db

SEVERE = "会议要求贯彻落实伊金霍洛期政务公开工作要点。"
CLEAN = "会议要求贯彻落实伊金霍洛旗政务公开工作要点。"


@pytest.fixture
def people(monitoring_site, user_in):
    return {
        "editor": user_in("编辑"),
        "reviewer": user_in("审核"),
        "signer": user_in("签发"),
        "administrator": user_in("管理员"),
    }


def draft_page(site, text, slug="meeting"):
    home = site.root_page.specific
    page = ContentPage(
        title="政务公开工作推进会",
        slug=slug,
        body=[("paragraph", f"<p>{text}</p>")],
        live=False,
    )
    home.add_child(instance=page)
    return page


def submit_and_approve_until_gate(page, people):
    """Submit to 三审 and approve 审核 and 签发; returns the workflow state."""
    page.save_revision(user=people["editor"])
    workflow = page.get_workflow()
    assert workflow.name == "三审"
    state = workflow.start(page, people["editor"])
    for role in ("reviewer", "signer"):
        state.refresh_from_db()
        task_state = state.current_task_state
        assert task_state.task.name == {"reviewer": "审核", "signer": "签发"}[role]
        task_state.task.specific.on_action(task_state, people[role], "approve")
    state.refresh_from_db()
    return state


def test_the_migration_put_the_gate_at_the_end_of_three_reviews(monitoring_site):
    workflow = Workflow.objects.get(name="三审")
    names = [task.name for task in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert names == ["审核", "签发", "内容安全审查"]
    gate = ContentSafetyTask.objects.get()
    assert list(gate.override_groups.values_list("name", flat=True)) == ["签发"]


def test_clean_page_is_published_after_sign_off(people, monitoring_site):
    page = draft_page(monitoring_site, CLEAN)
    state = submit_and_approve_until_gate(page, people)
    page.refresh_from_db()
    assert state.status == "approved"
    assert page.live
    assert GateReview.objects.get(page=page).outcome == GateReview.Outcome.PASSED


def test_severe_error_blocks_publication(people, monitoring_site):
    page = draft_page(monitoring_site, SEVERE)
    state = submit_and_approve_until_gate(page, people)
    page.refresh_from_db()
    assert not page.live
    assert state.status == "in_progress"
    assert state.current_task_state.task.name == "内容安全审查"
    review = GateReview.objects.get(page=page)
    assert review.outcome == GateReview.Outcome.BLOCKED
    assert [item["code"] for item in review.veto_records] == ["SEVERE_ERROR"]
    # Only a 签发 user can override; an editor may only ask for a new check.
    gate = state.current_task_state.task.specific
    assert [a[0] for a in gate.get_actions(page, people["editor"])] == ["recheck"]
    assert "override" in [a[0] for a in gate.get_actions(page, people["signer"])]


def override_url(page, state):
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "override", state.current_task_state.pk],
    )


def test_signer_overrides_with_a_reason_and_it_is_logged(client, people, monitoring_site):
    page = draft_page(monitoring_site, SEVERE)
    state = submit_and_approve_until_gate(page, people)
    client.force_login(people["signer"])
    # Without a reason nothing happens.
    client.post(override_url(page, state), {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    client.post(
        override_url(page, state), {"comment": "“伊金霍洛期”系引用原始会议纪要标题，已核准。"}
    )
    page.refresh_from_db()
    assert page.live
    override = GateReview.objects.get(page=page, outcome=GateReview.Outcome.OVERRIDDEN)
    assert override.user == people["signer"]
    assert "会议纪要" in override.note
    assert override.detections[0]["code"] == "SEVERE_ERROR"
    entry = PageLogEntry.objects.get(page=page, action="monitoring.gate_override")
    assert entry.user == people["signer"]
    assert "会议纪要" in entry.data["comment"]


def test_editor_cannot_override(client, people, monitoring_site):
    page = draft_page(monitoring_site, SEVERE)
    state = submit_and_approve_until_gate(page, people)
    client.force_login(people["editor"])
    client.post(override_url(page, state), {"comment": "我想发布"})
    page.refresh_from_db()
    assert not page.live
    assert not GateReview.objects.filter(outcome=GateReview.Outcome.OVERRIDDEN).exists()


def test_fixed_page_passes_on_recheck(people, monitoring_site):
    page = draft_page(monitoring_site, SEVERE)
    state = submit_and_approve_until_gate(page, people)
    page.body = [("paragraph", f"<p>{CLEAN}</p>")]
    page.save_revision(user=people["editor"])
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, people["editor"], "recheck")
    state.refresh_from_db()
    page.refresh_from_db()
    # 审核 and 签发 approved the old revision; with re-approval on edit they run again.
    assert not page.live
    for role in ("reviewer", "signer"):
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, people[role], "approve")
        state.refresh_from_db()
    page.refresh_from_db()
    assert page.live
    assert GateReview.objects.filter(page=page).first().outcome == GateReview.Outcome.PASSED


def publish_from_editor(client, page, text):
    """Post the page's edit form as the browser would, with the body and 发布 pressed."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text(text))])}))
    data["action-publish"] = "action-publish"
    return client.post(edit_url, data)


def test_direct_publishing_cannot_skip_the_gate(client, people, monitoring_site):
    # Only 管理员 may publish a 三审 page directly (portal/publishing.py); the gate still runs.
    page = draft_page(monitoring_site, SEVERE)
    page.save_revision(user=people["editor"])
    client.force_login(people["administrator"])
    response = publish_from_editor(client, page, SEVERE)
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert GateReview.objects.get(page=page).outcome == GateReview.Outcome.DIRECT_PUBLISH_BLOCKED

    clean = draft_page(monitoring_site, CLEAN, slug="clean-meeting")
    publish_from_editor(client, clean, CLEAN)
    clean.refresh_from_db()
    assert clean.live
