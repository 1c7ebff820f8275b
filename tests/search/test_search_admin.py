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
