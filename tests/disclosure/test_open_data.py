"""开放数据 (disclosure/open_data.py): the daily export of the public catalogue, its manifest,
the files served at /open-data/ and the page with the field dictionary, on the demo content."""

import csv
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from disclosure.catalogue import public_documents
from disclosure.models import DocumentAttachment, PolicyDocumentPage, PolicyInterpretationPage
from disclosure.open_data import FIELD_NAMES, FIELDS, export_open_data, file_path
from portal.settings.base import file_storages


@pytest.fixture
def storage(settings, tmp_path):
    """A private storage of its own, so "no export yet" means none."""
    settings.STORAGES = {
        **settings.STORAGES,
        **file_storages(tmp_path / "files", tmp_path / "media"),
    }
    return tmp_path / "files"


def stored(storage, name):
    return (storage / file_path(name)).read_bytes()


def records_of_every_file(storage):
    jsonl = [json.loads(line) for line in stored(storage, "catalogue.jsonl").splitlines()]
    text = stored(storage, "catalogue.csv").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    sheet = load_workbook(io.BytesIO(stored(storage, "catalogue.xlsx"))).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == [f.label for f in FIELDS]
    assert list(values[1]) == FIELD_NAMES
    return jsonl, rows, values[2:]


def test_export_counts_match_the_database(demo_site, storage):
    manifest = export_open_data()
    documents = public_documents().count()
    interpretations = PolicyInterpretationPage.objects.live().public().count()
    assert documents > 10 and interpretations > 0
    assert manifest["documents"] == documents
    assert manifest["interpretations"] == interpretations
    jsonl, rows, sheet_rows = records_of_every_file(storage)
    assert len(jsonl) == len(rows) == len(sheet_rows) == documents + interpretations
    assert {entry["name"]: entry["records"] for entry in manifest["files"]} == {
        "catalogue.jsonl": len(jsonl),
        "catalogue.csv": len(rows),
        "catalogue.xlsx": len(sheet_rows),
    }
    index_numbers = {r["index_number"] for r in jsonl if r["record_type"] == "政策文件"}
    assert index_numbers == set(public_documents().values_list("index_number", flat=True))
    assert set(jsonl[0]) == set(FIELD_NAMES)


def test_manifest_checksums_verify(demo_site, storage):
    manifest = export_open_data()
    on_disk = json.loads(stored(storage, "manifest.json"))
    assert on_disk["files"] == manifest["files"]
    for entry in on_disk["files"]:
        content = stored(storage, entry["name"])
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert len(content) == entry["bytes"]


def test_records_carry_relations_identifiers_and_public_attachments(demo_site, storage):
    export_open_data()
    jsonl, rows, _sheet = records_of_every_file(storage)
    by_title = {r["title"]: r for r in jsonl}
    old = PolicyDocumentPage.objects.get(slug="acceptance-with-deficiencies-2020")
    new = PolicyDocumentPage.objects.get(slug="repeal-acceptance-2020")
    old_record, new_record = by_title[old.title], by_title[new.title]
    assert old_record["permanent_url"].endswith(old.permalink)
    assert new_record["repeals"] == [old_record["permanent_url"]]
    assert new_record["permanent_url"] in old_record["replaced_by"]
    interpreted = next(r for r in jsonl if r["record_type"] == "政策解读" and r["interprets"])
    document = next(r for r in jsonl if r["permanent_url"] == interpreted["interprets"])
    assert interpreted["url"] in document["interpretations"]
    with_files = [r for r in jsonl if r["attachments"]]
    assert with_files
    url = with_files[0]["attachments"][0]["url"]
    assert url.startswith("http") and "/documents/" in url
    csv_row = next(r for r in rows if r["title"] == with_files[0]["title"])
    assert url in csv_row["attachments"]


def test_non_public_documents_and_files_never_appear(demo_site, storage):
    secret = PolicyDocumentPage.objects.get(slug="internal-finance-rules-2024")
    withdrawn = (
        PolicyDocumentPage.objects.live().filter(attachments__isnull=False).distinct().first()
    )
    attachment = DocumentAttachment.objects.filter(page=withdrawn).first()
    withdrawn.unpublish()
    attachment.document.refresh_from_db()
    assert attachment.document.collection.get_view_restrictions().exists()
    # A private file attached to a public document without a publish is not yet public.
    public = public_documents().exclude(pk=withdrawn.pk).first()
    DocumentAttachment.objects.create(page=public, document=attachment.document, title="未审附件")
    export_open_data()
    everything = b"".join(
        stored(storage, name) for name in ("catalogue.jsonl", "catalogue.csv")
    ).decode("utf-8")
    sheet = load_workbook(io.BytesIO(stored(storage, "catalogue.xlsx"))).active
    everything += "".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)
    for text in (secret.title, withdrawn.title, withdrawn.index_number, "未审附件"):
        assert text not in everything
    assert attachment.document.url not in everything


def test_page_before_the_first_export_says_so(client, demo_site, storage):
    response = client.get("/open-data/")
    assert response.status_code == 200
    assert "开放数据尚未生成" in response.content.decode()
    assert client.get("/open-data/catalogue.csv").status_code == 404
    assert client.get("/open-data/manifest.json").status_code == 404


def test_page_lists_files_and_field_dictionary_and_serves_them(client, demo_site, storage):
    call_command("export_open_data", stdout=io.StringIO())
    page = client.get("/open-data/").content.decode()
    manifest = json.loads(stored(storage, "manifest.json"))
    for entry in manifest["files"]:
        assert f'href="/open-data/{entry["name"]}"' in page
        assert entry["sha256"] in page
    for field in FIELDS:
        assert f"<code>{field.name}</code>" in page and field.label in page
    expected = {
        "catalogue.jsonl": "application/x-ndjson",
        "catalogue.csv": "text/csv",
        "catalogue.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    for name, content_type in expected.items():
        response = client.get(f"/open-data/{name}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
        assert response["Content-Disposition"] == f"attachment; filename*=UTF-8''{name}"
        assert "public" in response["Cache-Control"]
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == next(
            e["sha256"] for e in manifest["files"] if e["name"] == name
        )
    response = client.get("/open-data/manifest.json")
    assert response["Content-Type"].startswith("application/json")
    for name in ("../settings.py", "catalogue.json", "manifest.json.bak"):
        assert client.get(f"/open-data/{name}").status_code == 404


def test_footer_links_to_open_data(client, demo_site):
    assert 'href="/open-data/"' in client.get(demo_site.root_page.url).content.decode()
