"""The admin side: page editors, snippets, topics as data, attachments, role permissions."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from disclosure.models import (
    DisclosureColumnPage,
    DisclosureGuidePage,
    DisclosureIndexPage,
    DocumentAttachment,
    PolicyDocumentPage,
    PolicyInterpretationPage,
    StandardCataloguePage,
    Topic,
)


@pytest.mark.django_db
def test_topic_tree_is_seeded_as_data():
    top = Topic.objects.filter(parent=None).order_by("sort_order")
    assert top.count() == 22
    assert top.first().name == "国务院组织机构" and top.last().name == "其他"
    finance = Topic.objects.get(name="财政、金融、审计")
    assert [t.name for t in finance.children.order_by("sort_order")][:3] == ["财政", "税务", "银行"]
    assert Topic.objects.get(code="2.1").full_name == "综合政务\\政务公开"
    assert Topic.objects.filter(parent__isnull=False).count() > 100


@pytest.mark.django_db
def test_every_page_type_opens_in_the_editor(admin_client, disclosure_demo_site):
    for model in (
        DisclosureIndexPage,
        DisclosureColumnPage,
        DisclosureGuidePage,
        PolicyDocumentPage,
        PolicyInterpretationPage,
        StandardCataloguePage,
    ):
        page = model.objects.live().first()
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, model
    # Each column offers the page types of its content kind (disclosure/models/column_content.py).
    policies = DisclosureColumnPage.objects.get(slug="policies")
    interpretations = DisclosureColumnPage.objects.get(slug="interpretations")
    for name, column in (
        ("policydocumentpage", policies),
        ("disclosurecolumnpage", policies),
        ("policyinterpretationpage", interpretations),
    ):
        response = admin_client.get(f"/admin/pages/add/disclosure/{name}/{column.pk}/")
        assert response.status_code == 200, name
    refused = admin_client.get(
        f"/admin/pages/add/disclosure/policyinterpretationpage/{policies.pk}/"
    )
    assert refused.status_code == 302
    html = admin_client.get(
        f"/admin/pages/{PolicyDocumentPage.objects.live().first().pk}/edit/"
    ).content.decode()
    assert "首次发布时自动生成，此后不再改变。" in html  # 索引号 is shown, not editable


@pytest.mark.django_db
def test_snippets_are_listed(admin_client, disclosure_demo_site):
    for model in ("organisation", "disclosureoffice", "topic"):
        response = admin_client.get(f"/admin/snippets/disclosure/{model}/")
        assert response.status_code == 200, model
    assert (
        "伊金霍洛旗政务服务局"
        in admin_client.get("/admin/snippets/disclosure/organisation/").content.decode()
    )


@pytest.mark.django_db
def test_attachment_types_are_checked(make_document):
    page = make_document()
    Document = get_document_model()
    accepted = Document(title="附件")
    accepted.file.save("附件.ofd", ContentFile(b"ofd"), save=True)
    DocumentAttachment(page=page, document=accepted).clean()
    refused = Document(title="程序")
    refused.file.save("setup.exe", ContentFile(b"MZ"), save=True)
    with pytest.raises(ValidationError) as error:
        DocumentAttachment(page=page, document=refused).clean()
    assert "附件只接受 PDF、OFD、DOC、DOCX、XLS、XLSX、WPS、ET 格式" in str(error.value)


@pytest.mark.django_db
def test_roles_can_choose_and_maintain_disclosure_data():
    editors = Group.objects.get(name="编辑").permissions.values_list("codename", flat=True)
    assert {"view_organisation", "view_topic", "view_timeliness_reports"} <= set(editors)
    assert "change_organisation" not in editors
    admins = Group.objects.get(name="管理员").permissions.values_list("codename", flat=True)
    assert {"add_organisation", "change_disclosureoffice", "change_topic"} <= set(admins)
