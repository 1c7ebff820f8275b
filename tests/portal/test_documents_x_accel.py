"""Document files behind nginx (portal/sendfile_nginx.py): Wagtail's serve view checks who may
read the document, then hands the file to nginx with X-Accel-Redirect instead of streaming it.
(tests/stack/ checks the same through a real nginx.)"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction


@pytest.fixture
def x_accel(settings):
    settings.SENDFILE_BACKEND = "portal.sendfile_nginx"
    settings.SENDFILE_ROOT = settings.MEDIA_ROOT
    return settings


def document(title, collection=None):
    doc = Document(title=title, collection=collection or Collection.get_first_root_node())
    doc.file.save(f"{title}.txt", ContentFile("正文 " + title), save=False)
    doc.save()
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
    private = Collection.get_first_root_node().add_child(name="内部材料")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    doc = document("internal-memo", private)
    response = client.get(doc.url)
    assert response.status_code == 302 and "X-Accel-Redirect" not in response


@pytest.mark.django_db
def test_without_the_setting_the_app_streams_the_file(client):
    doc = document("streamed")
    response = client.get(doc.url)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == "正文 streamed".encode()
