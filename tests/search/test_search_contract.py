"""One contract, two backends: every case runs against the database backend and against
the real Elasticsearch, over the labelled corpus plus a few documents made for these cases."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from search import service
from search.models import Synonym
from search.schema import SearchRecord


def _record(doc_id, title, body, **fields):
    return SearchRecord(
        doc_id=doc_id,
        content_type="portal.contentpage",
        content_type_label="内容页",
        title=title,
        url=f"/contract/{doc_id}/",
        body=body,
        published_at=timezone.make_aware(dt.datetime(2024, 9, 1)),
        **fields,
    )


@pytest.fixture(scope="module")
def extra_records():
    return [
        # Contains the phrase 政务服务平台 once, in the body only.
        _record("phrase", "数字化建设情况通报", "本年度完成政务服务平台升级改造，新增事项120项。"),
        # Contains 政务, 服务 and 平台 many times, in the title too, but never together.
        _record(
            "scattered",
            "政务信息化与便民服务平台运维通报",
            "政务公开、政务信息、便民服务、平台运维、服务质量、政务值班、平台安全等工作情况。",
        ),
        # 不动产 and 转移登记 close together but not adjacent; far apart in "far-words".
        _record("near-words", "二手房交易办理须知", "不动产权证书与二手房转移登记一窗受理。"),
        _record(
            "far-words",
            "登记窗口工作制度",
            "不动产中心窗口实行首问负责制、一次性告知制、限时办结制、预约服务制、延时服务制，"
            "窗口人员统一着装、挂牌上岗、文明用语。另：企业变更、注销、转移登记另行安排窗口。",
        ),
        # Text that must be escaped in snippets.
        _record(
            "markup", "关于规范标签<b>的说明", "报送材料中的 <script>alert(1)</script> 标签说明。"
        ),
    ]


def ids(results):
    return [hit.doc_id for hit in results.hits]


def all_ids(query, **kwargs):
    first = service.search(query, **kwargs)
    found = ids(first)
    for page in range(2, first.page_count + 1):
        found += ids(service.search(query, page=page, **kwargs))
    return found


def test_answers_from_the_chosen_backend(backend):
    results = service.search("异地就医")
    assert results.backend == backend
    assert not results.fell_back and results.notice == ""


def test_finds_documents_containing_the_words(backend):
    assert ids(service.search("异地就医"))[0] == "yb-yidi"
    assert "zj-gaizao" in ids(service.search("老旧小区 改造"))


def test_words_of_a_query_may_be_apart(backend):
    # 农民工 ... 工资 ... 拖欠 appear in another order and apart in rs-gongzi.
    assert "rs-gongzi" in ids(service.search("拖欠农民工工资"))


def test_no_match_on_scattered_single_characters(backend):
    # trap-yiyuan contains 医 (医院) and 保 (保证, 确保) but never 医保 or 医疗保障.
    found = all_ids("医保")
    assert "trap-yiyuan" not in found
    assert "yb-jijin" in found


def test_exact_phrase_ranks_first(backend):
    found = ids(service.search("政务服务平台"))
    assert "phrase" in found and "scattered" in found
    assert found.index("phrase") < found.index("scattered")


def test_exact_document_number(backend):
    for query in ("伊医保发〔2024〕3号", "伊医保发[2024]3号", " 伊医保发（2024）3号 "):
        results = service.search(query)
        assert results.exact_match, query
        assert ids(results) == ["yb-jiaofei"], query


def test_exact_index_number(backend):
    results = service.search("11150627mb1958097y/2024-00001")
    assert results.exact_match
    assert ids(results) == ["sj-kaiban"]


def test_unknown_document_number_falls_back_to_text_search(backend):
    results = service.search("伊医保发〔2019〕99号")
    assert not results.exact_match


def test_seeded_synonym_finds_the_long_form(backend):
    # yb-dabing says 医疗保障 and never 医保.
    assert "yb-dabing" in all_ids("医保")


def test_staff_synonyms_apply_to_the_next_search(backend):
    assert service.search("牧草地").total == 0
    Synonym.objects.create(terms="牧草地，草原")
    assert "nm-jiangbu" in ids(service.search("牧草地"))


def test_a_synonyms_words_may_be_close_together(backend):
    # The synonym 不动产转移登记 is in near-words as 不动产……转移登记, a few characters apart;
    # far-words has the same words too far apart to mean it.
    if backend == "database" and connection.vendor == "postgresql":
        pytest.skip("PostgreSQL's tsquery has exact distances only, no 'within N' operator")
    Synonym.objects.create(terms="房产过户，不动产转移登记")
    found = all_ids("房产过户")
    assert "near-words" in found
    assert "far-words" not in found


def test_facet_counts_match_filtered_totals(backend):
    results = service.search("通知")
    assert results.total > 10
    for key in ("topic", "publisher", "year", "genre", "validity", "content_type"):
        values = results.facets[key]
        assert values, key
        value = values[0]
        filtered = service.search("通知", filters={key: value.value})
        assert filtered.total == value.count, (key, value)
        assert next(v for v in filtered.facets[key] if v.value == value.value).selected


def test_filters_narrow_the_results(backend):
    results = service.search("", filters={"publisher": "伊金霍洛旗医疗保障局", "year": "2024"})
    assert results.total == 3
    assert all(hit.publisher == "伊金霍洛旗医疗保障局" for hit in results.hits)
    assert all(hit.published_at.year == 2024 for hit in results.hits)


def test_sort_by_date(backend):
    results = service.search("通知", sort="date")
    dates = [hit.published_at for hit in results.hits]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] >= max(hit.published_at for hit in service.search("通知").hits)


def test_highlighted_snippets_from_the_original_text(backend):
    hit = service.search("异地就医").hits[0]
    assert "<mark>异地就医</mark>" in hit.title_html or "<mark>异地就医</mark>" in hit.snippet_html
    assert "备案" in hit.snippet_html


def test_snippets_and_titles_are_escaped(backend):
    hit = next(h for h in service.search("标签说明").hits if h.doc_id == "markup")
    assert "<script>" not in hit.snippet_html and "&lt;script&gt;" in hit.snippet_html
    assert "<b>" not in hit.title_html and "&lt;b&gt;" in hit.title_html


def test_pagination(backend):
    first = service.search("通知")
    second = service.search("通知", page=2)
    assert len(first.hits) == 10
    assert len(second.hits) == min(10, first.total - 10)
    assert not set(ids(first)) & set(ids(second))
    assert first.page_count == second.page_count == -(-first.total // 10)


def test_title_suggestions(backend):
    titles = [item["title"] for item in service.suggest("老旧小区")]
    assert "伊金霍洛旗2024年城镇老旧小区改造实施方案" in titles


def test_nothing_found(backend):
    results = service.search("量子计算机")
    assert results.total == 0 and results.hits == []
