"""您是不是要找: pinyin, initials and homophone typos, as functions and through the search views."""

from search_evaluation import corpus_records

from search.backends import database
from search.spelling import suggestion

VOCABULARY = ["低保", "最低生活保障", "公租房", "低保标准", "社保卡", "事业单位", "失业保险"]
VOCABULARY += ["医保"]


def test_pinyin_and_initials_become_the_term():
    assert suggestion("dibao", VOCABULARY) == "低保"
    assert suggestion("Di Bao", VOCABULARY) == "低保"
    assert suggestion("dbbz", VOCABULARY) == "低保标准"
    assert suggestion("yibao", VOCABULARY) == "医保"


def test_homophone_typos_are_corrected_inside_the_query():
    assert suggestion("公租防", VOCABULARY) == "公租房"
    assert suggestion("公租防申请条件", VOCABULARY) == "公租房申请条件"
    assert suggestion("社报卡补办", VOCABULARY) == "社保卡补办"


def test_nothing_to_suggest_for_real_words_and_unknown_input():
    # 事业 and 失业 sound alike, but both are words: neither is rewritten into the other.
    assert suggestion("事业", VOCABULARY) == ""
    assert suggestion("失业", VOCABULARY) == ""
    assert suggestion("低保", VOCABULARY) == ""
    assert suggestion("db", VOCABULARY) == ""  # two initials are too ambiguous
    assert suggestion("zzzqqq", VOCABULARY) == ""
    assert suggestion("", VOCABULARY) == ""


def test_a_pinyin_query_without_results_answers_the_term(client, db, database_settings):
    database.write(corpus_records())
    body = client.get("/search/api/", {"q": "yibao"}).json()
    assert body["suggestion"] == "医保"
    assert body["corrected"] is True
    assert body["total"] > 0
    direct = client.get("/search/api/", {"q": "医保"}).json()
    assert [h["title"] for h in body["hits"]] == [h["title"] for h in direct["hits"]]
    assert "以下是“医保”的结果" in body["notice"]
    html = client.get("/search/", {"q": "yibao"}).content.decode()
    assert "以下是“医保”的结果" in html


def test_a_typo_answers_the_corrected_words_when_the_typed_ones_match_only_in_part(
    client, db, database_settings
):
    database.write(corpus_records())
    body = client.get("/search/api/", {"q": "医保缴废"}).json()
    assert body["suggestion"] == "医保缴费"
    assert body["corrected"] is True and body["relaxed"] is False
    assert body["total"] > 0


def test_a_typo_with_results_gets_a_suggestion_link(client, db, database_settings):
    database.write(corpus_records())
    body = client.get("/search/api/", {"q": "城乡低保标准 公租防"}).json()
    assert body["total"] > 0 and body["corrected"] is False
    assert body["suggestion"] == "城乡低保标准 公租房"
    html = client.get("/search/", {"q": "城乡低保标准 公租防"}).content.decode()
    assert "您是不是要找：<a href=" in html and ">城乡低保标准 公租房</a>" in html
