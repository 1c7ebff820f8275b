"""Catalogue metadata rules: each bad value is rejected with a clear Chinese message."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from core.rules.metadata import DocumentMetadata, check_document_metadata
from disclosure.models import DisclosureAttribute, PolicyDocumentPage, Topic, Validity

TODAY = date(2026, 6, 1)


def check(**fields):
    meta = DocumentMetadata(title=fields.pop("title", "关于测试的通知"), **fields)
    return check_document_metadata(meta, summary_max_length=200, today=TODAY)


def test_good_metadata_passes():
    assert (
        check(
            document_number="伊政服发〔2021〕3号",
            summary="规定办理程序。",
            written_date=date(2021, 3, 1),
            publish_date=date(2021, 3, 3),
        )
        == {}
    )


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("伊政服发[2021]3号", "六角括号"),
        ("伊政服发（2021）3号", "六角括号"),
        ("伊政服发〔2021〕03号", "前导零"),
        ("伊政服发〔2021〕3", "以“号”结尾"),
    ],
)
def test_bad_document_numbers_are_rejected(number, expected):
    assert expected in check(document_number=number)["document_number"]


def test_non_disclosure_needs_a_reason():
    errors = check(disclosure_attribute="not_disclosed")
    assert errors["non_disclosure_reason"] == "公开属性为“不予公开”时必须填写不主动公开的理由。"
    errors = check(disclosure_attribute="on_request", non_disclosure_reason="  ")
    assert "依申请公开" in errors["non_disclosure_reason"]
    assert check(disclosure_attribute="on_request", non_disclosure_reason="涉及第三方") == {}


def test_summary_length_limit_and_no_repeat_of_the_title():
    assert "不能超过200个字，当前为201个字" in check(summary="字" * 201)["summary"]
    assert check(summary="字" * 200) == {}
    assert "不应重复文件名称" in check(title="关于X的通知", summary="关于X的通知")["summary"]


def test_dates_and_validity():
    assert "不能晚于今天" in check(written_date=date(2026, 6, 2))["written_date"]
    assert (
        "不能晚于发布日期"
        in check(written_date=date(2024, 5, 2), publish_date=date(2024, 5, 1))["written_date"]
    )
    assert "必须填写废止日期" in check(validity="repealed")["repeal_date"]
    assert (
        "不能早于生效日期"
        in check(
            effective_date=date(2024, 1, 1), repeal_date=date(2023, 1, 1), validity="repealed"
        )["repeal_date"]
    )


# The same rules on the page model (what the admin form and the importer run).


def unsaved_document(bureau, **fields):
    return PolicyDocumentPage(
        title=fields.pop("title", "关于测试的通知"),
        slug="test",
        publisher=bureau,
        written_date=date(2024, 3, 1),
        topic=Topic.objects.get(code="2.1"),
        genre="通知",
        **fields,
    )


@pytest.mark.django_db
def test_model_rejects_each_bad_field_with_its_message(bureau):
    page = unsaved_document(
        bureau,
        document_number="伊政服发(2024)1号",
        summary="概" * 201,
        disclosure_attribute=DisclosureAttribute.NOT_DISCLOSED,
        live=False,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    messages = error.value.message_dict
    assert "六角括号" in messages["document_number"][0]
    assert "不能超过200个字" in messages["summary"][0]
    assert "必须填写不主动公开的理由" in messages["non_disclosure_reason"][0]


@pytest.mark.django_db
@override_settings(DISCLOSURE_SUMMARY_MAX_LENGTH=10)
def test_summary_limit_is_configurable(bureau):
    page = unsaved_document(bureau, summary="十一个字的内容概述啊啊", live=False)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "不能超过10个字" in error.value.message_dict["summary"][0]


@pytest.mark.django_db
def test_only_proactive_documents_can_be_live(bureau):
    page = unsaved_document(
        bureau,
        disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        non_disclosure_reason="涉及第三方商业秘密（条例第十五条）",
        live=True,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert (
        "只有“主动公开”的文件可以在网站发布" in error.value.message_dict["disclosure_attribute"][0]
    )
    page.live = False
    page.clean()  # the record itself is fine as a draft


@pytest.mark.django_db
def test_repealed_document_metadata(bureau):
    page = unsaved_document(
        bureau, validity=Validity.REPEALED, repeal_date=date(2025, 1, 1), live=False
    )
    page.clean()
