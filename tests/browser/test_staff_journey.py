"""编辑 → 审核 → 签发 in a real browser, by clicking only after the login page: a policy
document is written (dates typed as staff type them, choosers searched), sent back once with a
comment, fixed, approved and published with its 索引号. The clicks of each task are counted
and bounded (the closing note of issue 22 reports them)."""

import json
import re

import pytest
from playwright.sync_api import expect
from staff import (
    Clicks,
    footer_action,
    log_in,
    make_staff,
    new_person_page,
    open_from_dashboard,
    workflow_action,
)

from disclosure.models import PolicyDocumentPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "伊金霍洛旗政务服务局关于优化营商环境的实施意见"
COMMENT = "文号写错了，应为伊政服发〔2025〕12号，请核对后再提交。"


@pytest.fixture
def staff(site_url):
    return make_staff()


def choose_in_modal(browser_page, clicks, button_name, link_name, search=None):
    clicks.click(browser_page.get_by_role("button", name=button_name))
    modal = browser_page.locator(".modal-dialog, [role=dialog]").filter(has_text=link_name).first
    if search:
        box = browser_page.locator(".modal-dialog input[name=q], [role=dialog] input[name=q]")
        box.first.fill(search)
    link = browser_page.get_by_role("link", name=link_name, exact=True)
    expect(link.first).to_be_visible()
    clicks.click(link.first)
    expect(modal).to_be_hidden()


def test_editor_reviewer_signer_publish_a_policy_document(page, site_url, staff, axe):
    clicks = Clicks()

    # 编辑: a new policy document from the dashboard, with a date typed in Chinese.
    log_in(page, site_url, "editor")
    clicks.start("publish: write and submit")
    # 集约化: the 新建 buttons are named with the unit whose column they add to.
    clicks.click(page.get_by_role("link", name="旗政务服务局 · 政策文件 · 新建政策文件"))
    page.wait_for_url("**/add/disclosure/policydocumentpage/**")
    page.locator("#id_title").fill(TITLE)
    choose_in_modal(page, clicks, "选择发布机构", "伊金霍洛旗政务服务局")
    page.locator("#id_document_number").fill("伊政服发〔2025〕21号")
    page.locator("#id_written_date").fill("2025年3月12日")
    choose_in_modal(page, clicks, "选择主题分类", "综合政务\\政务公开", search="政务公开")
    page.locator("#id_genre").select_option("意见")
    page.locator("#id_summary").fill("从审批服务、监管执法和政务公开三方面优化本旗营商环境。")
    footer_action(page, clicks, "提交三审·旗政务服务局")  # the unit's own workflow
    expect(page.get_by_text("已创建并提交审核", exact=False).first).to_be_visible()
    document = PolicyDocumentPage.objects.get(title=TITLE)
    assert str(document.get_latest_revision_as_object().written_date) == "2025-03-12"

    # 审核: the page waits on the dashboard; changes are requested with a comment.
    reviewer = new_person_page(page)
    log_in(reviewer, site_url, "reviewer")
    clicks.start("request changes")
    open_from_dashboard(reviewer, clicks, "等我处理", TITLE)
    workflow_action(reviewer, clicks, "请求修改", comment=COMMENT)
    expect(reviewer.get_by_text(f"已退回修改：“{TITLE}”已退回给王小明修改。")).to_be_visible()

    # 编辑: the dashboard says it came back and why; the editor fixes it and resubmits.
    clicks.start("publish: fix and resubmit")
    clicks.click(page.get_by_role("link", name="控制面板"))
    mine = page.get_by_role("table", name="我的稿件")
    expect(mine.get_by_text("退回修改（审核·旗政务服务局）")).to_be_visible()
    expect(mine.get_by_text(f"李丽的意见：{COMMENT}")).to_be_visible()
    assert axe(page) == []  # the dashboard with its 编辑工作台 panel
    open_from_dashboard(page, clicks, "我的稿件", TITLE)
    expect(
        page.get_by_text(f"“审核·旗政务服务局”步骤由李丽退回修改，意见：“{COMMENT}”")
    ).to_be_visible()
    assert page.locator("#id_written_date").input_value() == "2025-03-12"  # as it was saved
    page.locator("#id_document_number").fill("伊政服发〔2025〕12号")
    footer_action(page, clicks, "修改完毕，重新提交“审核·旗政务服务局”")
    expect(page.get_by_text("已提交审核", exact=False).first).to_be_visible()

    # 审核 approves; 签发 approves, the gate passes and the document is published.
    clicks.start("approve (审核)")
    clicks.click(reviewer.get_by_role("link", name="控制面板"))
    open_from_dashboard(reviewer, clicks, "等我处理", TITLE)
    footer_action(reviewer, clicks, "批准")
    expect(
        reviewer.get_by_text(f"已通过“审核·旗政务服务局”，“{TITLE}”已转交“签发·旗政务服务局”。")
    ).to_be_visible()

    signer = new_person_page(page)
    log_in(signer, site_url, "signer")
    clicks.start("approve and publish (签发)")
    open_from_dashboard(signer, clicks, "等我处理", TITLE)
    expect(signer.get_by_role("button", name="更多动作")).to_be_visible()
    footer_action(signer, clicks, "批准")
    expect(signer.get_by_text(f"“{TITLE}”已通过三审·旗政务服务局并发布。")).to_be_visible()

    document.refresh_from_db()
    assert document.live and document.document_number == "伊政服发〔2025〕12号"
    assert re.fullmatch(r"11150627011580001G/\d{4}-\d{5}", document.index_number)
    # The editor's read-only 索引号 field shows it (one click from the listing shown now).
    signer.get_by_role("link", name=TITLE).first.click()
    signer.wait_for_url("**/edit/")
    expect(signer.get_by_text(document.index_number).first).to_be_visible()

    publish = sum(v for k, v in clicks.counts.items() if k.startswith("publish"))
    print("\nclicks " + json.dumps({**clicks.counts, "publish (editor, total)": publish}))
    assert clicks.counts["request changes"] <= 5
    assert clicks.counts["approve (审核)"] <= 4
    assert clicks.counts["approve and publish (签发)"] <= 3
    assert publish <= 14
