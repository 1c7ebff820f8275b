"""Query understanding, identifiers, snippets and attachment extraction: plain Python."""

import io

import docx

from search.extract import extract_text
from search.text import (
    clean_query,
    exact_identifier,
    highlight,
    query_units,
    relax,
    split_terms,
    unit_parts,
)


def texts(query, groups=None):
    return [unit.text for unit in query_units(query, groups)]


def test_single_characters_stick_to_a_neighbour():
    assert texts("一网通办") == ["一网通办"]
    assert texts("2024年预算执行") == ["2024年", "预算", "执行"]
    assert texts("税") == ["税"]  # a one-character query stays what it is


def test_stop_characters_and_question_words_are_dropped():
    assert texts("低保 的 标准") == ["低保", "标准"]
    assert texts("营业执照怎么办") == ["营业执照"]
    assert texts("的") == ["的"]


def test_question_words_split_what_jieba_glues():
    # 找谁 would otherwise stick to the unit before it ("批宅基地找谁").
    assert texts("批宅基地找谁") == ["批宅基地"]
    assert texts("养老金认证找谁") == texts("养老金认证")
    assert not any("哪" in t for t in texts("补贴打到哪张卡上"))
    assert texts("工地灰尘太大") == ["工地", "灰尘", "大"]


def test_units_made_of_generic_words_only_rank():
    units = query_units("退休了去哪里办手续")
    assert [(u.text, u.required) for u in units] == [("退休", True), ("办手续", False)]
    assert [u.required for u in query_units("办理流程")] == [True, True]  # nothing else asked


def test_neighbouring_units_that_are_a_term_join():
    groups = [["注册公司", "企业开办"], ["拆迁", "房屋征收"]]
    units = query_units("注册一个公司要多少钱", groups)
    assert [u.text for u in units] == ["注册公司"] and "企业开办" in units[0].variants
    # A unit the dictionary knows on its own keeps its synonyms: no join.
    assert texts("拆迁 补偿", groups + [["拆迁补偿", "征收补偿"]]) == ["拆迁", "补偿"]


def test_relaxed_compound_keeps_its_synonyms():
    groups = [["退伍军人", "退役军人"]]
    relaxed = relax(query_units("退伍军人 待遇", groups), groups)
    assert [u.text for u in relaxed] == ["退伍军人", "退伍", "军人", "待遇"]
    assert "退役军人" in relaxed[0].variants and relaxed[0].parts == []


def test_synonyms_expand_units():
    units = query_units("医保 报销", [["医保", "医疗保障"]])
    assert units[0].text == "医保" and units[0].alternatives == ["医疗保障"]
    units = query_units("城乡居民医疗保障", [["医保", "医疗保障"]])
    assert "医保" in units[-1].variants


def test_unit_parts_cover_the_unit():
    assert unit_parts("安全检查") == ["安全", "检查"]
    assert unit_parts("贷款额度") == ["贷款", "额度"]
    assert unit_parts("医保") == []


def test_exact_identifiers():
    assert exact_identifier("伊政办发〔2023〕12号") == ("document_number", "伊政办发〔2023〕12号")
    assert exact_identifier("伊政办发[2023]12号") == ("document_number", "伊政办发〔2023〕12号")
    assert exact_identifier("伊政办发（2023）12号") == ("document_number", "伊政办发〔2023〕12号")
    assert exact_identifier("11150627011580001g/2023-00012") == (
        "index_number",
        "11150627011580001G/2023-00012",
    )
    assert exact_identifier("政府信息公开") is None
    assert exact_identifier("2023年12号") is None


def test_split_terms():
    assert split_terms("医保，医疗保障、 医疗保险,医保") == ["医保", "医疗保障", "医疗保险"]


def test_highlight_escapes_and_marks_the_original_text():
    html = highlight("本条所称<医保>是指基本医疗保障。", ["医保", "医疗保障"])
    assert html == "本条所称&lt;<mark>医保</mark>&gt;是指基本<mark>医疗保障</mark>。"
    long_text = "甲" * 200 + "异地就医" + "乙" * 200
    snippet = highlight(long_text, ["异地", "就医"], length=60)
    assert "<mark>异地就医</mark>" in snippet and snippet.startswith("…") and snippet.endswith("…")


def test_docx_text_is_extracted():
    document = docx.Document()
    document.add_paragraph("草原防火责任书")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "签订单位"
    table.rows[0].cells[1].text = "各镇人民政府"
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    text = extract_text("a.DOCX", buffer)
    assert "草原防火责任书" in text and "各镇人民政府" in text
    assert extract_text("a.txt", io.BytesIO(b"x")) == ""


def test_order_numbers_are_exact_identifiers():
    # One 文号 pattern (core.rules.identifiers) for validation and search (issue 13).
    assert exact_identifier("国务院令第711号") == ("document_number", "国务院令第711号")
    assert exact_identifier("伊政服发[2024]第3号") == ("document_number", "伊政服发〔2024〕第3号")
    assert exact_identifier("国务院令") is None


def test_control_characters_never_reach_a_query():
    # A lone NUL once reached SQLite's full-text query (an "unterminated string" error).
    assert clean_query("\x00") == ""
    assert clean_query("低\x00保\u202e") == "低保"
    assert clean_query(" 退休金\t怎么领\n") == "退休金 怎么领"
