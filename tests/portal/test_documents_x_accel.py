"""Document files behind nginx (portal/sendfile_nginx.py): Wagtail's serve view checks who may
read the document, then hands the file to nginx with X-Accel-Redirect instead of streaming it.
(tests/stack/ checks the same through a real nginx.)"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from portal.attachments import public_collection


@pytest.fixture
def x_accel(settings):
    settings.SENDFILE_BACKEND = "portal.sendfile_nginx"
    settings.SENDFILE_ROOT = settings.FILES_ROOT
    return settings


def document(title, public=True):
    """An upload (private in 待审附件, portal/attachments.py) and, when `public`, moved to 公开附件
    as publishing a page that uses it does."""
    doc = Document(title=title)
    doc.file.save(f"{title}.txt", ContentFile("正文 " + title), save=False)
    doc.save()
    if public:
        Document.objects.filter(pk=doc.pk).update(collection=public_collection())
        doc.refresh_from_db()
    return doc


@pytest.mark.django_db
def test_a_public_document_is_handed_to_nginx(client, x_accel):
    doc = document("public-notice")
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected_media/" + doc.file.name
    assert response.content == b""  # nginx sends the bytes
    assert "public-notice" in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_private_document_is_refused_before_nginx_sees_it(client, x_accel):
    doc = document("internal-memo", public=False)
    response = client.get(doc.url)
    assert response.status_code == 404 and "X-Accel-Redirect" not in response


@pytest.mark.django_db
def test_without_the_setting_the_app_streams_the_file(client):
    doc = document("streamed")
    response = client.get(doc.url)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == "正文 streamed".encode()
