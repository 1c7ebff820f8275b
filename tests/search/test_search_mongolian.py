"""Traditional Mongolian in search (docs/MONGOLIAN.md): the same normalisation for index
and query, so text typed with other code-point forms matches, and the language facet
(?lang=). Runs on both backends (Elasticsearch when SEARCH_TEST_ELASTICSEARCH_URL is set)."""

import datetime as dt
from urllib.parse import quote

import pytest

from search import service
from search.schema import SearchRecord
from search.text import normalize

# 伊金霍洛旗 with the vowel separator (U+180E) before the final ᠠ, as in careful typing.
EJIN_HORO = "ᠶᠢᠵᠢᠨ ᠬᠣᠷᠣᠭ\u180eᠠ ᠬᠣᠰᠢᠭᠤ"


def mongolian_record():
    return SearchRecord(
        doc_id="mn-guide",
        content_type="disclosure.disclosureguidepage",
        title="ᠵᠠᠰᠠᠭ\u202fᠤᠨ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ ᠢ ᠨᠡᠶᠢᠲᠡ ᠳᠦ ᠨᠡᠭᠡᠭᠡᠬᠦ ᠵᠢᠭᠠᠪᠤᠷᠢ",
        body=f"{EJIN_HORO} ᠶᠢᠨ ᠵᠠᠰᠠᠭ\u202fᠤᠨ ᠣᠯᠠᠨ ᠨᠡᠢᠲᠡ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠲᠣᠪᠴᠢᠶ\u180eᠠ",
        url="/mn-mong/xxgk/guide/",
        language="mn-mong",
        published_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    )


@pytest.fixture(scope="module")
def extra_records():
    return [mongolian_record()]


def ids(results):
    return [hit.doc_id for hit in results.hits]


def test_normalisation_removes_format_characters_and_unifies_suffix_spaces():
    assert normalize("ᠬᠣᠷᠣᠭ\u180eᠠ") == normalize("ᠬᠣᠷᠣᠭᠠ") == "ᠬᠣᠷᠣᠭᠠ"
    assert normalize("ᠬ\u180bᠣ\u180cᠷ\u180dᠣ\u180fᠭᠠ") == "ᠬᠣᠷᠣᠭᠠ"
    assert normalize("ᠬᠣ\u200dᠷᠣ\u200cᠭᠠ") == "ᠬᠣᠷᠣᠭᠠ"
    assert normalize("ᠵᠠᠰᠠᠭ\u202fᠤᠨ") == normalize("ᠵᠠᠰᠠᠭ ᠤᠨ") == "ᠵᠠᠰᠠᠭ ᠤᠨ"
    assert normalize("伊金霍洛旗 ＡＢＣ") == "伊金霍洛旗 abc"  # Chinese unchanged


@pytest.mark.parametrize(
    "query",
    [
        "ᠬᠣᠷᠣᠭ\u180eᠠ",  # as indexed
        "ᠬᠣᠷᠣᠭᠠ",  # typed without the vowel separator
        "ᠬᠣ\u180bᠷᠣᠭᠠ",  # with a free variation selector
        "ᠵᠠᠰᠠᠭ ᠤᠨ",  # an ordinary space before the suffix instead of NNBSP
    ],
)
def test_a_mongolian_query_finds_the_mongolian_page(backend, query):
    assert "mn-guide" in ids(service.search(query))


def test_the_language_filter(backend):
    assert ids(service.search("ᠬᠣᠷᠣᠭᠠ", {"language": "mn-mong"})) == ["mn-guide"]
    assert "mn-guide" not in ids(service.search("ᠬᠣᠷᠣᠭᠠ", {"language": "zh-hans"}))
    chinese = service.search("异地就医", {"language": "zh-hans"})
    assert ids(chinese) == ids(service.search("异地就医"))


def test_lang_parameter_on_the_page_and_the_api(backend, client):
    page = client.get("/search/", {"q": "ᠬᠣᠷᠣᠭᠠ", "lang": "mn-mong"})
    # The result links go through the click counter (/search/click/?url=…, encoded).
    linked = "url=" + quote("/mn-mong/xxgk/guide/", safe="")
    assert page.status_code == 200 and linked in page.content.decode()
    api = client.get("/search/api/", {"q": "ᠬᠣᠷᠣᠭᠠ", "lang": "zh-hans"}).json()
    assert all(hit["doc_id"] != "mn-guide" for hit in api["hits"])
    everything = client.get("/search/api/", {"q": "ᠬᠣᠷᠣᠭᠠ"}).json()
    assert any(hit["doc_id"] == "mn-guide" for hit in everything["hits"])
    bad = client.get("/search/", {"q": "x", "lang": "<script>"})
    assert bad.status_code == 200
