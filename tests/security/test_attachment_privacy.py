"""A file attached to a page that is not live, or not 主动公开, is 404 to the public on every
route, and public once the page is published as 主动公开 (portal/attachments.py)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from wagtail.documents import get_document_model

from portal.attachments import PRIVATE_COLLECTION, PUBLIC_COLLECTION
from search import service

NOT_DISCLOSED = {"disclosure_attribute": "not_disclosed", "non_disclosure_reason": "条例第十四条"}


def public_routes_show(client, document, page):
    """Where the public could meet the document; {route: True when it is there}."""
    column = page.get_parent()
    text = {
        "api listing": client.get("/api/v2/documents/").content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "rss": client.get(f"/disclosure/columns/{column.pk}/rss.xml").content.decode(),
        "atom": client.get(f"/disclosure/columns/{column.pk}/atom.xml").content.decode(),
        "csv": client.get(f"/disclosure/columns/{column.pk}/catalogue.csv").content.decode(
            "utf-8-sig"
        ),
    }
    found = {name: document.url in body or document.title in body for name, body in text.items()}
    found["serve"] = client.get(document.url).status_code == 200
    found["api detail"] = client.get(f"/api/v2/documents/{document.pk}/").status_code == 200
    return found


@pytest.mark.django_db
def test_a_new_upload_is_private_and_404_to_the_public(upload):
    document = upload("secret draft attachment")
    assert document.collection.name == PRIVATE_COLLECTION
    client = Client()
    assert client.get(document.url).status_code == 404
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
    assert document.title not in client.get("/api/v2/documents/").content.decode()


@pytest.mark.django_db
def test_the_file_is_stored_where_no_web_server_serves(upload):
    document = upload()
    path = Path(document.file.path).resolve()
    assert path.is_relative_to(Path(settings.FILES_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not document.file.url.startswith(settings.MEDIA_URL)


@pytest.mark.django_db
def test_attachment_of_a_not_disclosed_draft_is_hidden_everywhere(upload, policy_document):
    document = upload("draft 不予公开")
    page = policy_document(document, publish=False, **NOT_DISCLOSED)
    document.refresh_from_db()
    assert document.collection.name == PRIVATE_COLLECTION
    shown = public_routes_show(Client(), document, page)
    assert not any(shown.values()), shown


@pytest.mark.django_db
def test_publishing_makes_public_and_unpublishing_hides_again(upload, policy_document):
    document = upload("published attachment")
    page = policy_document(document, publish=False)
    client = Client()
    assert client.get(document.url).status_code == 404

    page.save_revision().publish()
    page.refresh_from_db()
    document.refresh_from_db()
    assert document.collection.name == PUBLIC_COLLECTION
    shown = public_routes_show(client, document, page)
    assert shown["serve"] and shown["api detail"] and shown["api listing"], shown
    assert client.get(page.url).content.decode().count(document.url) >= 1

    page.unpublish()
    document.refresh_from_db()
    assert document.collection.name == PRIVATE_COLLECTION
    shown = public_routes_show(client, document, page)
    assert not any(shown.values()), shown


@pytest.mark.django_db
def test_removing_an_attachment_from_a_published_page_hides_it(upload, policy_document):
    kept, removed = upload("kept"), upload("removed")
    page = policy_document(kept)
    page.attachments.create(document=removed)
    page.save_revision().publish()
    client = Client()
    assert client.get(removed.url).status_code == 200
    page = type(page).objects.get(pk=page.pk)
    page.attachments.filter(document=removed).delete()
    page.attachments = [attachment for attachment in page.attachments.all()]
    page.save_revision().publish()
    assert client.get(removed.url).status_code == 404
    assert client.get(kept.url).status_code == 200


@pytest.mark.django_db
def test_a_file_two_pages_use_stays_public_while_one_of_them_is(upload, policy_document):
    document = upload("shared")
    first, second = policy_document(document), policy_document(document)
    first.unpublish()
    assert Client().get(document.url).status_code == 200
    second.unpublish()
    assert Client().get(document.url).status_code == 404


@pytest.mark.django_db
def test_staff_still_download_a_private_attachment(upload):
    document = upload()
    editor = User.objects.create_user("editor1", password="x-long-password-1")
    editor.groups.add(Group.objects.get(name="编辑"))
    client = Client()
    client.force_login(editor)
    assert client.get(document.url).status_code == 200


@pytest.mark.django_db
def test_an_editor_cannot_upload_into_a_public_collection(policy_column, make_pdf):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import Collection

    editor = User.objects.create_user("editor2", password="x-long-password-1")
    editor.groups.add(Group.objects.get(name="编辑"))
    client = Client()
    client.force_login(editor)
    public = Collection.objects.get(name=PUBLIC_COLLECTION)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "编辑上传的附件",
            "file": SimpleUploadedFile("upload.pdf", make_pdf("x"), "application/pdf"),
            "collection": public.pk,
        },
    )
    assert response.status_code in (200, 302)
    document = get_document_model().objects.get(title="编辑上传的附件")
    assert document.collection.name == PRIVATE_COLLECTION
    assert Client().get(document.url).status_code == 404


@pytest.mark.django_db
def test_the_search_index_holds_an_attachment_only_while_public(
    upload, policy_document, django_capture_on_commit_callbacks
):
    document = upload("Zanzibar7731 internal memo")
    with django_capture_on_commit_callbacks(execute=True):
        page = policy_document(document, publish=False)
    assert service.search("Zanzibar7731").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    assert service.search("Zanzibar7731").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert service.search("Zanzibar7731").total == 0
