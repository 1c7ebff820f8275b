"""What editors meet in the page editor: read-only fields before publication, dates as staff
type them, the choosers' search, the page types each column offers."""

import re
from datetime import date
from html import unescape

import pytest
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from disclosure.models import PolicyDocumentPage

pytestmark = pytest.mark.django_db


def edit_form_data(client, url):
    """The page editor's form as the browser would post it (the body is drawn by script)."""
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))
    return data


def test_index_number_and_publish_date_read_auto_generated_before_publication(
    admin_client, make_document
):
    draft = make_document(publish=False)
    html = admin_client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    outputs = re.findall(r'class="w-field__textoutput"[^>]*>(.*?)</div>', html, re.S)
    assert [text.strip() for text in outputs] == ["发布时自动生成", "发布时自动生成"]


@pytest.mark.parametrize(
    "typed", ["2025-03-12", "2025年3月12日", "2025.3.12", "2025/3/12", "20250312"]
)
def test_written_date_is_read_as_typed(admin_client, make_document, typed):
    draft = make_document(publish=False)
    url = f"/admin/pages/{draft.pk}/edit/"
    data = edit_form_data(admin_client, url)
    data["written_date"] = typed
    response = admin_client.post(url, data)
    assert response.status_code == 302
    saved = PolicyDocumentPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert saved.written_date == date(2025, 3, 12)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12/03/2025", "无法识别日期“12/03/2025”，请按年月日顺序填写"),
        ("2025-13-45", "日期“2025-13-45”不存在：月份应为 1 至 12。"),
        ("昨天", "无法识别日期“昨天”"),
    ],
)
def test_an_unreadable_written_date_is_refused_and_kept_as_typed(
    admin_client, make_document, typed, message
):
    draft = make_document(publish=False)
    url = f"/admin/pages/{draft.pk}/edit/"
    data = edit_form_data(admin_client, url)
    data["written_date"] = typed
    data["title"] = "改过的标题"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{typed}"' in html and 'value="改过的标题"' in html
    assert PolicyDocumentPage.objects.get(pk=draft.pk).get_latest_revision_as_object().title != (
        "改过的标题"
    )


def test_date_inputs_are_plain_text_boxes_without_the_rewriting_picker(admin_client, make_document):
    draft = make_document(publish=False)
    html = admin_client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    tag = html.split('id="id_written_date"')[0].rsplit("<input", 1)[1]
    assert 'type="text"' in tag and 'value="2024-03-01"' in html
    assert 'initDateChooser("id_written_date"' not in html
    assert 'initDateChooser("id_effective_date"' not in html


TOPIC_RESULTS = "/admin/snippets/choose/disclosure/topic/results/"


def chooser_titles(client, url, query):
    response = client.get(url, {"q": query}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    html = response.content.decode()
    return [
        unescape(title)
        for title in re.findall(
            r"<a [^>]*data-chooser-modal-choice[^>]*>\s*(.*?)\s*</a>", html, re.S
        )
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("政务公开", ["综合政务\\政务公开"]),
        ("公开", ["综合政务\\政务公开"]),  # part of a word: jieba's words are indexed
        ("审计", ["财政、金融、审计\\审计", "财政、金融、审计"]),
    ],
)
def test_the_topic_chooser_finds_topics_seeded_by_migration(admin_client, query, expected):
    titles = chooser_titles(admin_client, TOPIC_RESULTS, query)
    assert set(expected) <= set(titles)


def test_a_new_topic_is_found_by_the_chooser(admin_client):
    from disclosure.models import Topic

    Topic.objects.create(code="2.99", name="营商环境", parent=Topic.objects.get(code="2"))
    titles = chooser_titles(
        admin_client, "/admin/snippets/choose/disclosure/topic/results/", "营商"
    )
    assert titles == ["综合政务\\营商环境"]


@pytest.mark.parametrize(
    "query",
    ["伊政服发〔2024〕7号", "伊政服发[2024]7号", "〔2024〕7", "营商环境", "优化营商"],
)
def test_the_policy_document_chooser_finds_by_document_number_and_part_of_title(
    admin_client, make_document, query
):
    make_document(title="关于优化营商环境的实施意见", document_number="伊政服发〔2024〕7号")
    make_document(title="关于印发工作要点的通知", document_number="伊政服发〔2024〕8号")
    titles = chooser_titles(admin_client, "/admin/policy_document_chooser/results/", query)
    assert titles == ["关于优化营商环境的实施意见"]


def test_the_interpretations_document_field_uses_that_chooser(
    admin_client, make_document, column_root
):
    make_document()
    from disclosure.models import DisclosureColumnPage, PolicyInterpretationPage
    from disclosure.models.column_content import ColumnContent

    column = DisclosureColumnPage(
        title="政策解读",
        slug="interpretations",
        column_type="信息发布",
        content_kind=ColumnContent.INTERPRETATIONS,
    )
    column_root.add_child(instance=column)
    html = admin_client.get(
        f"/admin/pages/add/disclosure/policyinterpretationpage/{column.pk}/"
    ).content.decode()
    assert "/admin/policy_document_chooser/" in html
    assert PolicyInterpretationPage.objects.count() == 0


def offered_types(client, parent):
    """The page types 添加子页面 offers (with a single one, Wagtail goes straight to its form)."""
    response = client.get(f"/admin/pages/{parent.pk}/add_subpage/")
    html = response["Location"] if response.status_code == 302 else response.content.decode()
    return set(re.findall(rf"/admin/pages/add/(\w+/\w+)/{parent.pk}/", html))


def test_each_column_offers_only_the_page_types_that_belong_there(
    admin_client, disclosure_demo_site
):
    from disclosure.models import DisclosureColumnPage

    column = DisclosureColumnPage.objects.get
    assert offered_types(admin_client, column(slug="policies")) == {
        "disclosure/policydocumentpage",
        "disclosure/disclosurecolumnpage",
    }
    assert offered_types(admin_client, column(slug="interpretations")) == {
        "disclosure/policyinterpretationpage",
        "disclosure/disclosurecolumnpage",
    }
    assert offered_types(admin_client, column(slug="annual-reports")) == {
        "annual_reports/annualreportpage"
    }
    # A type a column does not hold cannot be created there by URL either.
    response = admin_client.get(
        f"/admin/pages/add/annual_reports/annualreportpage/{column(slug='policies').pk}/"
    )
    assert response.status_code in (302, 403)  # Wagtail: permission denied → dashboard
    assert not response.get("Location", "").startswith("/admin/pages/add/")


def test_editors_are_not_offered_to_edit_topics_or_publishers(client, make_document):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    editor = get_user_model().objects.create_user("bianji", password="pw-1234567")
    editor.groups.add(Group.objects.get(name="编辑"))
    client.force_login(editor)
    draft = make_document(publish=False)
    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert "改选其他主题分类" in html and "改选其他发布机构" in html
    assert "编辑该主题分类" not in html and "编辑该发布机构" not in html


def test_a_new_document_gets_no_false_index_number_hint_from_the_gate(make_document):
    from monitoring.gate import check_page

    draft = make_document(publish=False)
    assert draft.index_number is None
    assert not any("索引号" in d.message for _check, d in check_page(draft))
    # Once published a document without one is reported.
    published = make_document()
    published.index_number = None
    assert any("缺少公开要素：索引号" in d.message for _check, d in check_page(published))


def test_the_dashboard_lists_an_editors_drafts_even_after_a_reviewer_saved_them(
    client, make_document
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def person(username, group):
        user = get_user_model().objects.create_user(username, password="pw-1234567")
        user.groups.add(Group.objects.get(name=group))
        return user

    editor, reviewer = person("bianji", "编辑"), person("shenhe", "审核")
    draft = make_document(publish=False, owner=editor)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "编辑工作台" in html and "政策文件 · 新建政策文件" in html
    assert draft.title in html.split('id="staff-work-mine"')[1]
    # A reviewer acting in the editor may save the latest revision: still the editor's.
    draft.save_revision(user=reviewer)
    html = client.get("/admin/").content.decode()
    assert draft.title in html.split('id="staff-work-mine"')[1]
    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    assert "新建政策文件" not in html  # 审核 may not add pages
