"""Public disclosure pages: the column tree, catalogue browsing, item pages, guide, links."""

from datetime import date

import pytest
from django.test import override_settings
from wagtail.models import Page

from disclosure.models import (
    DisclosureGuidePage,
    DisclosureIndexPage,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    StandardCataloguePage,
    Topic,
)
from portal.models import HomePage


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_demo_builds_the_column_tree_and_catalogue(disclosure_demo_site):
    root = DisclosureIndexPage.objects.get(slug="xxgk")
    assert [p.title for p in root.get_children()] == [
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "依申请公开",
    ]
    assert isinstance(root.get_children().get(slug="guide").specific, DisclosureGuidePage)
    live = PolicyDocumentPage.objects.live()
    assert live.count() >= 30
    assert all(doc.index_number for doc in live)
    assert len({doc.index_number for doc in live}) == live.count()
    report = PolicyDocumentPage.objects.get(slug="2021-performance-evaluation")
    assert report.get_parent().title == "财政资金"
    assert report.topic.full_name == "财政、金融、审计\\财政"
    assert report.attachments.count() == 1
    assert PolicyInterpretationPage.objects.live().count() >= 5


@pytest.mark.django_db
def test_new_column_root_gets_the_configured_level1_columns_as_drafts(site_shell):
    home = HomePage.objects.get()
    root = DisclosureIndexPage(title="政府信息公开", slug="xxgk2")
    home.add_child(instance=root)
    with override_settings(
        DISCLOSURE_LEVEL1_COLUMNS=[
            {"slug": "guide", "title": "公开指南", "kind": "guide"},
            {"slug": "content", "title": "法定主动公开内容", "kind": "column"},
        ]
    ):
        root.ensure_level1_columns()
        root.ensure_level1_columns()  # idempotent
    children = root.get_children()
    assert [(p.slug, p.title, p.live) for p in children] == [
        ("guide", "公开指南", False),
        ("content", "法定主动公开内容", False),
    ]


@pytest.mark.django_db
def test_admin_hook_fills_a_new_column_root(site_shell, rf, admin_user):
    from wagtail import hooks

    home = HomePage.objects.get()
    root = DisclosureIndexPage(title="政府信息公开", slug="xxgk3")
    home.add_child(instance=root)
    request = rf.get("/admin/")
    request.user = admin_user
    for hook in hooks.get_hooks("after_create_page"):
        hook(request, root)
    assert [p.slug for p in root.get_children()] == [
        "guide",
        "rules",
        "statutory",
        "annual-reports",
        "apply",
    ]


@pytest.mark.django_db
def test_document_page_shows_metadata_panel_and_article_meta_tags(client, make_document):
    doc = make_document(
        title="关于推行容缺受理的通知",
        document_number="伊政服发〔2024〕6号",
        keywords="容缺受理,清单管理",
        publish_date=date(2024, 4, 10),
    )
    html = html_of(client, doc.url)
    panel = html.split('<table class="metadata-panel">')[1].split("</table>")[0]
    for label, value in [
        ("索引号", doc.index_number),
        ("主题分类", "综合政务\\政务公开"),
        ("发布机构", "伊金霍洛旗政务服务局"),
        ("成文日期", "2024-03-01"),
        ("发布日期", "2024-04-10"),
        ("文号", "伊政服发〔2024〕6号"),
        ("有效性", "有效"),
    ]:
        assert f'<th scope="row">{label}</th><td>{value}' in panel, label
    assert '<meta name="ArticleTitle" content="关于推行容缺受理的通知">' in html
    # yyyy-MM-dd HH:mm; 00:00 when the page's first publication was not on its 发布日期.
    assert '<meta name="PubDate" content="2024-04-10 00:00">' in html
    assert '<meta name="ContentSource" content="伊金霍洛旗政务服务局">' in html


@pytest.mark.django_db
def test_document_and_interpretation_link_both_ways(client, disclosure_demo_site):
    interpretation = PolicyInterpretationPage.objects.get(slug="one-network-plan-interpretation")
    document = interpretation.policy_document
    document_html = html_of(client, document.url)
    section = document_html.split('id="interpretations-heading"')[1].split("</section>")[0]
    assert f'<a href="{interpretation.url}">{interpretation.title}</a>' in section
    interpretation_html = html_of(client, interpretation.url)
    aside = interpretation_html.split('id="interpreted-heading"')[1].split("</aside>")[0]
    assert f'<a href="{document.url}">{document.title}</a>' in aside
    # The structured parts are shown under their headings.
    assert "<h2>背景依据</h2>" in interpretation_html
    assert "<h2>新旧政策差异</h2>" in interpretation_html
    # The deliberately uninterpreted document says so.
    missing = PolicyDocumentPage.objects.get(slug="efficient-one-thing-plan")
    assert "暂无解读。" in html_of(client, missing.url)


@pytest.mark.django_db
def test_amending_and_replacing_links_show_on_both_documents(client, disclosure_demo_site):
    old = PolicyDocumentPage.objects.get(slug="acceptance-with-deficiencies-2020")
    new = PolicyDocumentPage.objects.get(slug="acceptance-with-deficiencies-2024")
    assert f'本文件替代了：<a href="{old.url}">' in html_of(client, new.url)
    old_html = html_of(client, old.url)
    assert f'本文件已被<a href="{new.url}">{new.title}</a>替代' in old_html
    assert "<td>废止（废止日期：2024-04-08）</td>" in old_html


@pytest.mark.django_db
def test_column_catalogue_filters_sorts_and_pages(client, make_document, policy_column):
    topic_a = Topic.objects.get(code="2.1")
    topic_b = Topic.objects.get(code="4.1")
    make_document(title="甲文件", topic=topic_a, publish_date=date(2024, 5, 1), genre="通知")
    make_document(title="乙文件", topic=topic_b, publish_date=date(2025, 5, 1), genre="意见")
    make_document(
        title="丙文件",
        topic=topic_b,
        publish_date=date(2025, 6, 1),
        genre="通知",
        validity="expired",
    )
    url = policy_column.url

    def titles(query):
        html = html_of(client, url + query)
        table = html.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in html else ""
        return [t for t in ("甲文件", "乙文件", "丙文件") if t in table], html

    assert titles("")[0] == ["甲文件", "乙文件", "丙文件"]
    assert titles("?topic=4")[0] == ["乙文件", "丙文件"]  # a class includes its sub-classes
    assert titles("?topic=2.1")[0] == ["甲文件"]
    assert titles("?year=2025")[0] == ["乙文件", "丙文件"]
    assert titles("?genre=通知&validity=valid")[0] == ["甲文件"]
    html = html_of(client, url + "?sort=publish_date")
    assert html.index("甲文件") < html.index("乙文件") < html.index("丙文件")
    html = html_of(client, url)
    assert html.index("丙文件") < html.index("乙文件") < html.index("甲文件")
    # Filter choices show only values used here, with counts; bad values are reported.
    _, html = titles("?topic=99&year=abc")
    assert "部分筛选条件无效" in html
    assert "财政、金融、审计（2）" in html
    assert "2025年" in html and "2023年" not in html


@pytest.mark.django_db
@override_settings(DISCLOSURE_CATALOGUE_PAGE_SIZE=2)
def test_catalogue_pagination_keeps_the_filters(client, make_document, policy_column):
    for day in range(1, 6):
        make_document(title=f"分页文件{day}", publish_date=date(2025, 1, day))
    html = html_of(client, policy_column.url + "?year=2025")
    assert "第 1 / 3 页" in html
    assert 'href="?year=2025&amp;page=2"' in html
    html = html_of(client, policy_column.url + "?year=2025&page=3")
    assert "分页文件1" in html and "分页文件5" not in html


@pytest.mark.django_db
def test_restricted_and_draft_documents_stay_off_the_public_site(
    client, make_document, policy_column
):
    make_document(title="公开的文件")
    make_document(
        title="不予公开的文件",
        publish=False,
        disclosure_attribute="not_disclosed",
        non_disclosure_reason="内部事务信息",
    )
    html = html_of(client, policy_column.url)
    assert "公开的文件" in html and "不予公开的文件" not in html
    assert "不予公开的文件" not in client.get("/api/v2/policy-documents/").content.decode()


@pytest.mark.django_db
def test_admin_refuses_to_publish_a_non_proactive_document(admin_client, make_document):
    draft = make_document(publish=False)
    url = f"/admin/pages/{draft.pk}/edit/"
    form = admin_client.get(url).context["form"]
    post = {
        **_form_post_data(form),
        "disclosure_attribute": "on_request",
        "non_disclosure_reason": "涉及第三方",
        "action-publish": "action-publish",
    }
    response = admin_client.post(url, post)
    assert response.status_code == 200
    assert "只有“主动公开”的文件可以在网站发布" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live and draft.index_number is None
    # The same form as 主动公开 publishes, and the 索引号 is allocated then.
    post.update(disclosure_attribute="proactive", non_disclosure_reason="")
    assert admin_client.post(url, post).status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.index_number.startswith("11150627011580001G/")


def _form_post_data(form):
    """POST data that re-submits a Wagtail page edit form unchanged."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if field.__class__.__name__ == "BlockField":
            data[f"{name}-count"] = "0"  # an empty StreamField
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    for prefix in form.formsets:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return data


@pytest.mark.django_db
def test_guide_has_every_part_and_the_shared_contact_block(client, disclosure_demo_site):
    guide = DisclosureGuidePage.objects.get()
    html = html_of(client, guide.url)
    for _name, heading, _text in guide.sections():
        assert f"<h2>{heading}</h2>" in html
    contact = html.split('class="office-contact"')[1].split("</section>")[0]
    office = guide.office
    for value in (
        office.name,
        office.address,
        office.postcode,
        office.office_hours,
        office.phone,
        office.fax,
        office.email,
    ):
        assert value in contact
    assert 'href="/applications/apply/"' in contact
    # The same block, typed once, on the 依申请公开 column.
    apply_html = html_of(client, "/xxgk/apply/")
    assert office.address in apply_html.split('class="office-contact"')[1]
    # Print view: the guide without the site chrome.
    printed = html_of(client, guide.url + "print/")
    assert "一、政府信息的分类与编排体系" in printed and 'class="site-header"' not in printed
    assert "版本日期" in printed


@pytest.mark.django_db
def test_standard_catalogue_page_renders_rows(client, disclosure_demo_site):
    page = StandardCataloguePage.objects.get()
    html = html_of(client, page.url)
    assert '<th scope="col">公开渠道和载体</th>' in html
    assert "<td>政府网站、公开查阅点</td>" in html
    assert html.count("<tr>") == len(page.rows) + 1


@pytest.mark.django_db
def test_column_meta_tags_on_disclosure_pages(client, disclosure_demo_site):
    html = html_of(client, "/xxgk/statutory/finance/")
    assert '<meta name="ColumnName" content="政府信息公开">' in html
    assert '<meta name="ColumnType" content="政府信息公开">' in html


@pytest.mark.django_db
def test_sitemap_lists_public_documents(client, disclosure_demo_site):
    xml = client.get("/sitemap.xml").content.decode()
    for doc in PolicyDocumentPage.objects.live():
        assert doc.url in xml
    withheld = Page.objects.get(slug="internal-finance-rules-2024")
    assert not withheld.live and withheld.url_path.rstrip("/").split("/")[-1] not in xml
