"""The content-review knowledge: the shipped dictionaries, their loader, context and pattern
rules, the out-of-list detector, 误报 feeding the allow-list, and the measured quality on the
labelled set in tests/monitoring/data/ (goals: recall ≥ 90 % on planted misspellings and
expressions, ≤ 1 false alarm per 10,000 characters of clean official text)."""

from pathlib import Path

import pytest
from django.conf import settings

from monitoring import dictionaries, evaluation, services
from monitoring.models import DictionaryRelease, DictionaryTerm, Finding
from monitoring.rules.matcher import Term, TermMatcher

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def evaluator():
    return evaluation.Evaluator(Path(settings.VAR_DIR) / "cache")


@pytest.fixture(scope="module")
def planted():
    return evaluation.read_planted(DATA / "review_planted.yaml")


def clean_texts():
    return (
        evaluation.read_paragraphs(DATA / "review_clean.txt")
        + evaluation.demo_texts(ROOT / "portal" / "demo_data")
        + evaluation.corpus_texts(ROOT / "tests" / "search" / "data" / "relevance_corpus.json")
    )


def test_shipped_dictionaries_are_valid_sourced_and_large_enough():
    entries = dictionaries.shipped_entries()
    assert dictionaries.check_entries(entries) == []
    typos = [e for e in entries if e.kind == "typo"]
    expressions = [e for e in entries if e.kind in ("severe", "caution")]
    assert len(typos) >= 3000
    assert len(expressions) >= 300
    assert all(e.source for e in entries)
    rights = {e.right for e in entries}
    for town in ("阿勒腾席热", "乌兰木伦", "札萨克镇", "纳林陶亥", "红庆河镇", "苏布尔嘎"):
        assert any(town in right for right in rights), town
    # Every rule with context is one that a plain string could not express.
    assert any(e.context.get("pattern") for e in entries)
    assert any(e.context.get("followed_by") for e in entries)
    assert any(e.context.get("not_preceded_by") for e in entries)


def test_no_wrong_form_occurs_in_clean_official_text():
    clean = "\n".join(clean_texts())
    plain = [e.wrong for e in dictionaries.shipped_entries() if not e.context]
    assert [wrong for wrong in plain if wrong in clean] == []


@pytest.mark.parametrize(
    ("text", "found", "suggestion"),
    [
        ("截止目前，全旗已办结", "截止目前", "截至目前"),
        ("截止2024年底", "截止2024年", "截至2024年"),
        ("报名截至日期为", "截至日期", "截止日期"),
        ("要认真的落实", "认真的落实", "认真地落实"),
        ("同比增长5～8%", "5～8%", "5%～8%"),
        ("每户3-5万元", "3-5万元", "3万元～5万元"),
        ("（国办发[2017]47号）", "国办发[2017]47号", "国办发〔2017〕47号"),
        ("伊政服发〔2025〕03号", "〔2025〕03号", "〔2025〕3号"),
        ("据报道，台湾总统日前", "台湾总统", "台湾地区领导人"),
        ("（一）、总体要求", "（一）、", "（一）"),
    ],
)
def test_context_and_pattern_rules_report_the_span_and_its_correction(text, found, suggestion):
    terms = evaluation.shipped_dictionaries()
    matches = [m for kind in terms for m in TermMatcher(terms[kind]).find(text)]
    assert (found, suggestion) in [(text[m.start : m.end], m.suggestion) for m in matches]


@pytest.mark.parametrize(
    "text",
    [
        "截止到目前",  # 截止到 is right
        "报名截止日期",
        "2024年12月31日",  # contains 2月31日
        "2024年10月",  # contains 0月
        "同比增长5%～8%",
        "农村长期稳定",  # contains 村长
        "由此可见，自己的工作",
        "（国办发〔2017〕47号）",
        "按装机容量计算",
    ],
)
def test_context_rules_leave_the_right_forms_alone(text):
    terms = evaluation.shipped_dictionaries()
    found = [
        m for kind in ("typo", "severe", "caution") for m in TermMatcher(terms[kind]).find(text)
    ]
    assert found == [], [(text[m.start : m.end], m.term.wrong) for m in found]


def test_terms_sharing_a_literal_are_all_kept():
    matcher = TermMatcher(
        [
            Term("截至", "截止", followed_by="^日期"),
            Term("截至", "截至", followed_by="^到"),
        ]
    )
    assert [m.suggestion for m in matcher.find("截至日期；截至到")] == ["截止日期", "截至到"]


def test_unlisted_defects_are_in_no_shipped_list(planted):
    wrong_forms = {e.wrong for e in dictionaries.shipped_entries()}
    unlisted = [d["wrong"] for item in planted for d in item["defects"] if d["kind"] == "unlisted"]
    assert len(unlisted) >= 15
    assert [w for w in unlisted if any(w in form or form in w for form in wrong_forms)] == []


def test_review_quality_meets_the_goals(evaluator, planted):
    result = evaluator.run(planted, clean_texts())
    figures = result.figures()
    assert result.clean_characters > 25000
    assert result.recall_of(evaluation.KINDS) >= 0.9, figures["missed"]
    assert result.recall_of(evaluation.KINDS, heldout=True) >= 0.9, figures["missed"]
    for kind in ("listed", "expression", "context", "pattern", "local"):
        assert result.recall(kind) >= 0.9, (kind, figures["missed"])
    assert result.recall("unlisted") >= 0.7, figures["missed"]
    assert result.false_alarms_per_10k <= 1.0, figures["false_alarm_examples"]
    assert result.planted_false_alarms <= 2, figures["false_alarm_examples"]


def test_out_of_list_detector_reports_with_confidence_and_skips_allowed_words(evaluator):
    text = "改革进入深水区，必须敢于啃硬骨头，迎男而上。"
    [(check, detection)] = evaluator.findings(text)
    assert check.code in ("TYPO_LIKELY", "TYPO_SUSPECT")
    assert detection.suggestion == "迎难而上"
    assert 0 < detection.data["confidence"] <= 1
    assert "【迎男而上】" in detection.excerpt and detection.excerpt.endswith("。")
    assert evaluator.model.find(text, allowed=frozenset({"迎男而上"})) == []


# --------------------------------------------------------------------------- the loader


@pytest.mark.django_db
def test_migrate_loads_the_shipped_dictionaries():
    shipped = DictionaryTerm.objects.filter(origin=DictionaryTerm.Origin.SHIPPED)
    assert shipped.filter(kind="typo").count() >= 3000
    assert shipped.filter(kind__in=["severe", "caution"]).count() >= 300
    release = DictionaryRelease.objects.get()
    assert release.version == dictionaries.release()[0]
    assert services.load_shipped_dictionaries() is None  # up to date: nothing to do


@pytest.mark.django_db
def test_loader_updates_shipped_entries_and_keeps_staff_edits_and_deletions():
    from django.forms import modelform_factory

    from monitoring.models.dictionary import DictionaryTermForm

    fields = ["kind", "wrong", "right", "category", "note", "source", "active"]
    form_class = modelform_factory(DictionaryTerm, form=DictionaryTermForm, fields=fields)

    untouched = DictionaryTerm.objects.get(shipped_key="typos:typo:记忆尤新")
    untouched.right = "旧版本的写法"
    untouched.save()
    edited = DictionaryTerm.objects.get(shipped_key="typos:typo:再接再励")
    form = form_class(
        instance=edited,
        data={
            **{name: getattr(edited, name) for name in ("kind", "wrong", "category", "source")},
            "right": "再接再厉",
            "note": "本单位补充说明",
            "active": "on",
        },
    )
    assert form.is_valid(), form.errors
    form.save()
    edited.refresh_from_db()
    assert edited.origin == DictionaryTerm.Origin.STAFF
    DictionaryTerm.objects.filter(shipped_key="typos:typo:按步就班").delete()

    release = services.load_shipped_dictionaries(force=True)
    assert release.counts["updated"] == 1
    untouched.refresh_from_db()
    assert untouched.right == "记忆犹新"
    edited.refresh_from_db()
    assert edited.note == "本单位补充说明"
    assert not DictionaryTerm.objects.filter(shipped_key="typos:typo:按步就班").exists()
    assert release.counts["kept_staff"] == 1 and release.counts["kept_deleted"] == 1


@pytest.mark.django_db
def test_monitor_dictionaries_command_reports_status():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("monitor_dictionaries", "status", stdout=out)
    assert "错别字" in out.getvalue() and "随系统发布" in out.getvalue()
    out = StringIO()
    call_command("monitor_dictionaries", "load", stdout=out)
    assert "已是最新版本" in out.getvalue()


@pytest.mark.django_db
def test_marking_an_out_of_list_finding_false_positive_puts_the_word_on_the_allow_list(
    django_user_model,
):
    reviewer = django_user_model.objects.create_user(username="reviewer", password="pw-x")
    finding = Finding.objects.create(
        fingerprint="f" * 40,
        check_code="TYPO_SUSPECT",
        severity="hint",
        scope="site",
        target_kind="page",
        target_label="页面",
        message="疑似错别字（词库外）",
        data={"word": "迎男而上", "found": "迎男而上"},
    )
    services.review(finding, "false_positive", "本地专有名称", reviewer)
    allowed = DictionaryTerm.objects.get(kind=DictionaryTerm.Kind.ALLOW, wrong="迎男而上")
    assert allowed.origin == DictionaryTerm.Origin.STAFF
    from monitoring.models import active_terms

    assert "迎男而上" in [term.wrong for term in active_terms()["allow"]]
