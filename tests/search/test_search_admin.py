"""Staff edit synonyms in the admin; the roles have the right permissions."""

import pytest
from django.contrib.auth.models import Group, User

from search.models import SearchQueryDaily, Synonym


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("admin", "admin@example.com", "password-123456")
    client.force_login(user)
    return client


def test_synonyms_are_edited_in_the_admin(admin_client):
    response = admin_client.get("/admin/snippets/search/synonym/", {"q": "医保"})
    assert response.status_code == 200
    assert "医保，医疗保障" in response.content.decode()

    response = admin_client.post(
        "/admin/snippets/search/synonym/add/", {"terms": "防汛", "enabled": "on"}
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "至少需要两个不同的词" in response.content.decode()
    assert not Synonym.objects.filter(terms="防汛").exists()

    admin_client.post(
        "/admin/snippets/search/synonym/add/", {"terms": "防汛、防洪", "enabled": "on"}
    )
    assert Synonym.objects.get(terms="防汛、防洪").term_list() == ["防汛", "防洪"]


def test_query_statistics_are_listed(admin_client):
    SearchQueryDaily.objects.create(query="异地就医", day="2024-05-01", count=7, had_results=True)
    response = admin_client.get("/admin/snippets/search/searchquerydaily/")
    assert response.status_code == 200 and "异地就医" in response.content.decode()


def test_roles_may_edit_synonyms_and_read_statistics(db):
    for name in ("管理员", "内容监管"):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"change_synonym", "add_synonym", "view_searchquerydaily"} <= codenames
        assert "change_searchquerydaily" not in codenames
    assert not Group.objects.get(name="编辑").permissions.filter(codename="change_synonym").exists()


def test_unreadable_attachments_are_listed_and_recognised_again(admin_client):
    """无法检索的附件: what extraction or OCR could not read, with 重新识别; bad input gets a
    message, never an error page."""
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.documents import get_document_model

    from search.models import ExtractedText

    Document = get_document_model()
    blurred = Document.objects.create(title="模糊的扫描件", file=ContentFile(b"x", name="a.png"))
    read = Document.objects.create(title="识别成功的扫描件", file=ContentFile(b"x", name="b.png"))
    ExtractedText.objects.create(
        document_id=blurred.pk, ocr_error="未识别出文字", ocr_at=timezone.now()
    )
    ExtractedText.objects.create(document_id=read.pk, text="档案查阅须知", ocr=True)

    menu = admin_client.get("/admin/search-analytics/").content.decode()
    assert '"url": "/admin/search-unreadable/"' in menu  # in the sidebar's menu
    page = admin_client.get("/admin/search-unreadable/").content.decode()
    assert "模糊的扫描件" in page and "未识别出文字" in page
    assert "识别成功的扫描件" not in page

    again = admin_client.post("/admin/search-unreadable/", {"document": blurred.pk}, follow=True)
    assert again.status_code == 200 and "已重新识别“模糊的扫描件”" in again.content.decode()
    for bad in ["", "abc", "999999", "1 OR 1=1"]:
        response = admin_client.post("/admin/search-unreadable/", {"document": bad}, follow=True)
        assert response.status_code == 200 and "找不到该附件" in response.content.decode()
