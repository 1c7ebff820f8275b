"""Every check, positive and negative, on hand-built inventories (no database)."""

from datetime import UTC, datetime, timedelta

import pytest

from monitoring.checks import ALL_CHECKS, CHECKS_BY_CODE
from monitoring.checks.base import (
    ACCOUNTS,
    SITE,
    Account,
    Attachment,
    Column,
    Image,
    Inventory,
    Message,
    PolicyDocument,
    Severity,
    Target,
    TextItem,
    Thresholds,
)
from monitoring.conf import DEFAULT_COLUMN_CLASSES
from monitoring.rules.links import ERROR, OK, LinkResult
from monitoring.rules.matcher import Term

NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)
POST = Target("post", 1, "发文", account_id=1)
PAGE = Target("page", 2, "页面", page_id=2)


def inventory(**kwargs):
    kwargs.setdefault("thresholds", Thresholds(column_classes=DEFAULT_COLUMN_CLASSES))
    return Inventory(now=NOW, **kwargs)


def detect(code, inv):
    return list(CHECKS_BY_CODE[code].detect(inv))


def text(body, scope=ACCOUNTS, target=POST, **kwargs):
    return TextItem(scope, target, body, **kwargs)


DICTIONARIES = {
    "severe": [Term("伊金霍洛期", "伊金霍洛旗", "行政区划"), Term("落马某某", "", "落马官员")],
    "sensitive": [Term("网络赌博", "", "违法广告")],
    "typo": [Term("再接再励", "再接再厉")],
}


def test_every_check_has_code_name_severity_and_indicator():
    codes = [check.code for check in ALL_CHECKS]
    assert len(codes) == len(set(codes))
    for check in ALL_CHECKS:
        assert check.code and check.name and check.indicator
        assert isinstance(check.severity, Severity)


@pytest.mark.parametrize(
    ("code", "bad", "good"),
    [
        ("SEVERE_ERROR", "贯彻落实伊金霍洛期工作要点", "贯彻落实伊金霍洛旗工作要点"),
        ("SEVERE_ERROR", "会见了落马某某", "会见了群众代表"),
        ("SENSITIVE_WORD", "打击网络赌博", "打击电信诈骗"),
        ("TYPO", "望再接再励", "望再接再厉"),
    ],
)
def test_dictionary_checks(code, bad, good):
    assert detect(code, inventory(dictionaries=DICTIONARIES, texts=[text(good)])) == []
    found = detect(code, inventory(dictionaries=DICTIONARIES, texts=[text(bad)]))
    assert len(found) == 1
    assert "【" in found[0].excerpt


def test_severe_error_suggests_the_right_form_and_reads_attachments():
    item = text("正文没有问题", attachments=[Attachment("名单.docx", "伊金霍洛期政务服务局")])
    [found] = detect("SEVERE_ERROR", inventory(dictionaries=DICTIONARIES, texts=[item]))
    assert found.suggestion == "伊金霍洛旗"
    assert "附件“名单.docx”" in found.message


def test_personal_data_checks():
    from core.rules.identifiers import resident_id_check_char

    resident_id = "15062719850101123" + resident_id_check_char("15062719850101123")
    card = "4111111111111111"
    cases = [
        ("PII_RESIDENT_ID", f"身份证号{resident_id}", "身份证号请向窗口出示"),
        ("PII_BANK_CARD", f"收款卡号{card}", "收款账户请联系财务"),
        ("PII_MOBILE", "联系人手机13812345678", "联系电话0477-8600000"),
    ]
    for code, bad, good in cases:
        assert detect(code, inventory(texts=[text(good)])) == [], code
        [found] = detect(code, inventory(texts=[text(bad)]))
        assert "*" in found.excerpt  # masked, never the full number
        assert resident_id not in found.message and card not in found.message


def test_broken_link_check_reports_only_failures():
    item = text("见链接", links=["http://127.0.0.1/ok", "http://127.0.0.1/gone"])
    results = {
        "http://127.0.0.1/ok": LinkResult("http://127.0.0.1/ok", OK, 200),
        "http://127.0.0.1/gone": LinkResult("http://127.0.0.1/gone", ERROR, 404),
    }
    [found] = detect("BROKEN_LINK", inventory(texts=[item], link_results=results))
    assert found.key == "http://127.0.0.1/gone"
    assert "404" in found.message
    results["http://127.0.0.1/gone"] = LinkResult("http://127.0.0.1/gone", OK, 200)
    assert detect("BROKEN_LINK", inventory(texts=[item], link_results=results)) == []


def account(
    days_since_post,
    *,
    is_open=True,
    filed=True,
    interaction=True,
    unit="某局",
    platform="weibo",
    pk=1,
):
    last = None if days_since_post is None else NOW - timedelta(days=days_since_post)
    return Account(
        Target("account", pk, f"账号{pk}", account_id=pk),
        platform,
        "微博",
        unit,
        is_open,
        filed,
        interaction,
        last,
    )


def test_account_stale():
    assert detect("ACCOUNT_STALE", inventory(accounts=[account(13)])) == []
    assert len(detect("ACCOUNT_STALE", inventory(accounts=[account(15)]))) == 1
    assert len(detect("ACCOUNT_STALE", inventory(accounts=[account(None)]))) == 1
    assert detect("ACCOUNT_STALE", inventory(accounts=[account(90, is_open=False)])) == []


def test_account_without_interaction_and_not_filed():
    assert detect("ACCOUNT_NO_INTERACTION", inventory(accounts=[account(1)])) == []
    assert (
        len(detect("ACCOUNT_NO_INTERACTION", inventory(accounts=[account(1, interaction=False)])))
        == 1
    )
    assert detect("ACCOUNT_NOT_FILED", inventory(accounts=[account(1)])) == []
    assert len(detect("ACCOUNT_NOT_FILED", inventory(accounts=[account(1, filed=False)]))) == 1


def test_one_account_per_unit_per_platform():
    same = [account(1, pk=1), account(1, pk=2)]
    assert len(detect("ACCOUNT_DUPLICATE", inventory(accounts=same))) == 2
    other_unit = [account(1, pk=1), account(1, pk=2, unit="另一局")]
    assert detect("ACCOUNT_DUPLICATE", inventory(accounts=other_unit)) == []
    closed = [account(1, pk=1), account(1, pk=2, is_open=False)]
    assert detect("ACCOUNT_DUPLICATE", inventory(accounts=closed)) == []
    other_platform = [account(1, pk=1, platform="other"), account(1, pk=2, platform="other")]
    assert detect("ACCOUNT_DUPLICATE", inventory(accounts=other_platform)) == []


def home(days):
    return {
        "home_page": Column(Target("site", 1, "首页"), "首页", True, None),
        "home_page_updated": NOW - timedelta(days=days),
    }


def test_home_page_stale():
    assert detect("HOME_PAGE_STALE", inventory(**home(10))) == []
    assert len(detect("HOME_PAGE_STALE", inventory(**home(15)))) == 1


def column(pk, title, days, column_type="信息发布", has_content=True):
    latest = None if days is None else NOW - timedelta(days=days)
    return Column(Target("column", pk, title), column_type, has_content, latest)


def test_column_windows_by_class():
    columns = [
        column(1, "工作动态", 15),  # 2-week class, stale
        column(2, "工作动态二", 10),  # 2-week class, fresh
        column(3, "通知公告", 100),  # 6-month class, fresh
        column(4, "政策文件", 200),  # 6-month class, stale
        column(5, "机构概况", 900),  # no class: no window
    ]
    found = detect("COLUMN_STALE", inventory(columns=columns))
    assert sorted(d.target.id for d in found) == [1, 4]


def test_column_class_from_column_type():
    found = detect("COLUMN_STALE", inventory(columns=[column(1, "本局消息", 20, "要闻")]))
    assert len(found) == 1


def test_empty_columns():
    columns = [column(1, "空栏目", None, has_content=False), column(2, "有内容", 1)]
    found = detect("EMPTY_COLUMN", inventory(columns=columns))
    assert [d.target.id for d in found] == [1]


def test_column_veto_thresholds():
    four_stale = [column(i, f"工作动态{i}", 30) for i in range(4)]
    assert detect("COLUMNS_VETO", inventory(columns=four_stale, **home(1))) == []
    five_stale = [column(i, f"工作动态{i}", 30) for i in range(5)]
    [found] = detect("COLUMNS_VETO", inventory(columns=five_stale, **home(1)))
    assert found.key == "stale"
    empty = [column(i, f"空{i}", None, has_content=False) for i in range(5)]
    assert [d.key for d in detect("COLUMNS_VETO", inventory(columns=empty))] == ["empty"]
    long_stale = [column(i, f"政策文件{i}", 400) for i in range(10)]
    keys = [d.key for d in detect("COLUMNS_VETO", inventory(columns=long_stale))]
    assert keys == ["stale", "long_stale"]


def message(days, replied=False, valid=True, scope=ACCOUNTS, pk=1):
    asked = NOW - timedelta(days=days)
    return Message(scope, Target("message", pk, "留言"), asked, NOW if replied else None, valid)


def test_unanswered_messages_deduct_then_veto():
    assert detect("MESSAGE_UNANSWERED", inventory(messages=[message(4)])) == []
    assert len(detect("MESSAGE_UNANSWERED", inventory(messages=[message(6)]))) == 1
    assert detect("MESSAGE_UNANSWERED", inventory(messages=[message(6, replied=True)])) == []
    assert detect("MESSAGE_UNANSWERED", inventory(messages=[message(6, valid=False)])) == []
    assert detect("MESSAGE_UNANSWERED_VETO", inventory(messages=[message(89)])) == []
    assert len(detect("MESSAGE_UNANSWERED_VETO", inventory(messages=[message(91)]))) == 1
    # beyond the veto limit it is reported once, as the veto
    assert detect("MESSAGE_UNANSWERED", inventory(messages=[message(91)])) == []


def test_policy_document_checks():
    complete = PolicyDocument(PAGE, [], lacks_interpretation=False)
    lacking = PolicyDocument(PAGE, ["成文日期", "内容概述"], lacks_interpretation=True)
    assert detect("PAGE_MISSING_METADATA", inventory(policy_documents=[complete])) == []
    [found] = detect("PAGE_MISSING_METADATA", inventory(policy_documents=[lacking]))
    assert "成文日期、内容概述" in found.message
    assert detect("POLICY_WITHOUT_INTERPRETATION", inventory(policy_documents=[complete])) == []
    assert len(detect("POLICY_WITHOUT_INTERPRETATION", inventory(policy_documents=[lacking]))) == 1


def test_images_without_alt_text():
    good = text("", scope=SITE, target=PAGE, images=[Image("logo.png", "本局标志")])
    bad = text("", scope=SITE, target=PAGE, images=[Image("photo.jpg", "  ")])
    assert detect("IMAGE_WITHOUT_ALT", inventory(texts=[good])) == []
    assert len(detect("IMAGE_WITHOUT_ALT", inventory(texts=[bad]))) == 1


def test_fingerprint_is_stable_and_distinguishes_targets():
    check = CHECKS_BY_CODE["SEVERE_ERROR"]
    first = detect(
        "SEVERE_ERROR", inventory(dictionaries=DICTIONARIES, texts=[text("伊金霍洛期")])
    )[0]
    again = detect(
        "SEVERE_ERROR", inventory(dictionaries=DICTIONARIES, texts=[text("又是伊金霍洛期")])
    )[0]
    other = detect(
        "SEVERE_ERROR",
        inventory(dictionaries=DICTIONARIES, texts=[text("伊金霍洛期", target=PAGE, scope=SITE)]),
    )[0]
    assert check.fingerprint(first) == check.fingerprint(again)
    assert check.fingerprint(first) != check.fingerprint(other)
