"""manage.py import_documents: good and bad rows, dry run, re-runs, attachments."""

import csv
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.documents import get_document_model

from disclosure.models import DocumentAttachment, IndexNumberCounter, PolicyDocumentPage

HEADER = [
    "索引号", "名称", "文号", "发布机构", "成文日期", "发布日期", "主题分类", "文种",
    "有效性", "公开属性", "不公开理由", "内容概述", "正文", "附件", "栏目",
]  # fmt: skip
DEFAULTS = {"发布机构": "伊金霍洛旗政务服务局", "成文日期": "2019-05-01", "主题分类": "2.1",
            "文种": "通知"}  # fmt: skip


def row(fields):
    """A table row: the given columns, the defaults above, and blanks."""
    values = {**DEFAULTS, **fields}
    return [values.get(name, "") for name in HEADER]


GOOD = [
    row(
        {
            "索引号": "11150627011580001G/2019-00031",
            "名称": "关于印发政务服务中心管理办法的通知",
            "文号": "伊政服发〔2019〕5号",
            "成文日期": "2019-03-04",
            "发布日期": "2019-03-06",
            "有效性": "有效",
            "内容概述": "规定政务服务中心窗口管理要求。",
            "正文": "第一条 为规范管理……\n第二条 窗口实行AB岗。",
            "附件": "管理办法.pdf",
        }
    ),
    row(
        {
            "名称": "关于2019年政务公开工作要点的通知",
            "发布机构": "11150627011580001G",
            "成文日期": "2019-04-01",
            "发布日期": "2019-04-03",
            "主题分类": "综合政务\\政务公开",
            "栏目": "policies",
        }
    ),
]
BAD = [
    row({"名称": "文号写错的文件", "文号": "伊政服发[2019]9号"}),
    row({"名称": "不予公开却没有理由", "公开属性": "不予公开"}),
    row({"名称": "机构不存在", "发布机构": "某某局"}),
    row({"名称": "附件缺失", "附件": "管理办法.pdf；不存在.docx"}),
    row({"名称": "日期写错", "成文日期": "2019-13-01"}),
    row({"名称": "内容概述太长", "内容概述": "很" * 201}),
]


def write_legacy(tmp_path, encoding="utf-8-sig", rows=GOOD + BAD):
    attachments = tmp_path / "files"
    attachments.mkdir(exist_ok=True)
    (attachments / "管理办法.pdf").write_bytes(b"%PDF-1.4\n% legacy document\n%%EOF\n")
    table = tmp_path / "legacy.csv"
    with table.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return table, attachments


@pytest.fixture
def legacy(tmp_path, bureau, policy_column):
    return write_legacy(tmp_path)


def run(table, attachments, *extra):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(
        "import_documents",
        str(table),
        "--attachments",
        str(attachments),
        "--column",
        "policies",
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_good_and_bad_rows(legacy):
    table, attachments = legacy
    files_before = get_document_model().objects.count()
    out, err = run(table, attachments)
    assert "共 8 行：已导入 2 行，已存在跳过 0 行，拒绝 6 行。" in out
    assert "第4行［文号］文号年份应使用六角括号〔〕" in out
    assert "第5行［不公开理由］公开属性为“不予公开”时必须填写不主动公开的理由。" in out
    assert "第6行［发布机构］找不到“某某局”" in out
    assert "第7行［附件］附件目录中找不到“不存在.docx”" in out
    assert "第8行［成文日期］“2019-13-01”不是有效日期" in out
    assert "第9行［内容概述］内容概述不能超过200个字" in out
    assert "导入" in err  # the progress bar
    kept = PolicyDocumentPage.objects.get(document_number="伊政服发〔2019〕5号")
    assert kept.live and kept.index_number == "11150627011580001G/2019-00031"
    assert kept.publish_date == date(2019, 3, 6)
    assert [a.file_type for a in kept.attachments.all()] == ["PDF"]
    allocated = PolicyDocumentPage.objects.get(title="关于2019年政务公开工作要点的通知")
    assert allocated.index_number == "11150627011580001G/2019-00032"  # after the imported one
    assert allocated.topic.full_name == "综合政务\\政务公开"
    # Rejected rows left nothing behind: no page, no attachment, no stored file.
    assert PolicyDocumentPage.objects.count() == 2
    assert get_document_model().objects.count() == files_before + 1
    assert DocumentAttachment.objects.count() == 1


@pytest.mark.django_db
def test_rerun_is_idempotent(legacy):
    table, attachments = legacy
    run(table, attachments)
    out, _ = run(table, attachments)
    assert "已导入 0 行，已存在跳过 2 行，拒绝 6 行" in out
    assert PolicyDocumentPage.objects.count() == 2
    assert IndexNumberCounter.objects.get(year=2019).last_serial == 32


@pytest.mark.django_db
def test_dry_run_saves_nothing(legacy, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")  # an empty media folder for this test
    table, attachments = legacy
    out, _ = run(table, attachments, "--dry-run")
    assert "【试运行，未保存】共 8 行：可导入 2 行" in out
    assert "第4行［文号］" in out
    assert PolicyDocumentPage.objects.count() == 0
    assert get_document_model().objects.count() == 0
    assert IndexNumberCounter.objects.count() == 0
    stored = [path.name for path in (tmp_path / "media").rglob("*") if path.is_file()]
    assert stored == []


@pytest.mark.django_db
def test_xlsx_input_and_draft_mode(tmp_path, bureau, policy_column):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["名称", "发布机构", "成文日期", "主题分类", "文种", "公开属性", "不公开理由"])
    sheet.append(
        ["表格导入的文件", "伊金霍洛旗政务服务局", date(2020, 6, 1), "4.1", "报告", "", ""]
    )
    sheet.append(
        [
            "依申请公开的文件",
            "伊金霍洛旗政务服务局",
            date(2020, 6, 2),
            "4.1",
            "报告",
            "依申请公开",
            "涉及第三方商业秘密",
        ]
    )
    path = tmp_path / "legacy.xlsx"
    workbook.save(path)
    out, _ = run(path, tmp_path, "--draft")
    assert "已导入 2 行" in out
    drafts = PolicyDocumentPage.objects.order_by("written_date")
    assert [(d.title, d.live, d.index_number) for d in drafts] == [
        ("表格导入的文件", False, None),
        ("依申请公开的文件", False, None),
    ]
    assert drafts[1].non_disclosure_reason == "涉及第三方商业秘密"


@pytest.mark.django_db
def test_unreadable_input_is_a_clear_error(tmp_path, policy_column):
    bad = tmp_path / "legacy.csv"
    bad.write_text("名称,作者\n文件,某人\n", encoding="utf-8")
    with pytest.raises(CommandError, match="表头缺少必需的列：发布机构、成文日期、主题分类、文种"):
        call_command("import_documents", str(bad))
    with pytest.raises(CommandError, match="只支持 CSV 或 XLSX"):
        other = tmp_path / "legacy.txt"
        other.write_text("x")
        call_command("import_documents", str(other))


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8", "utf-16"])
def test_csv_from_chinese_offices_in_any_encoding(tmp_path, bureau, policy_column, encoding):
    # Excel on a Chinese Windows saves "CSV" as GB18030/GBK; UTF-16 here carries a BOM.
    table, attachments = write_legacy(tmp_path, encoding)
    out, _ = run(table, attachments)
    assert "共 8 行：已导入 2 行，已存在跳过 0 行，拒绝 6 行。" in out
    assert "第6行［发布机构］找不到“某某局”" in out
    assert "第7行［附件］附件目录中找不到“不存在.docx”" in out
    kept = PolicyDocumentPage.objects.get(document_number="伊政服发〔2019〕5号")
    assert kept.title == "关于印发政务服务中心管理办法的通知"
    assert kept.publisher.name == "伊金霍洛旗政务服务局"
    assert PolicyDocumentPage.objects.get(topic__code="2.1", title__startswith="关于2019年")


@pytest.mark.django_db
def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path, bureau, policy_column):
    blank = [""] * len(HEADER)
    table, attachments = write_legacy(tmp_path, rows=[GOOD[1], blank, BAD[2], blank, blank])
    out, _ = run(table, attachments)
    assert "共 2 行：已导入 1 行，已存在跳过 0 行，拒绝 1 行。" in out
    assert "第4行［发布机构］找不到“某某局”" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "无法读取 legacy.csv：文件是空的。"),
        (b"\x81\x30\xff\xfa\xfe", "无法读取 legacy.csv：无法识别文件的编码"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "无法读取 legacy.csv：文件不是文本格式的 CSV"),
    ],
)
def test_empty_or_garbage_csv_is_a_clear_error(tmp_path, policy_column, content, message):
    bad = tmp_path / "legacy.csv"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_documents", str(bad))
    assert PolicyDocumentPage.objects.count() == 0


@pytest.mark.django_db
def test_damaged_xlsx_is_a_clear_error(tmp_path, policy_column):
    bad = tmp_path / "legacy.xlsx"
    bad.write_bytes(b"PK\x03\x04 damaged in transit")
    with pytest.raises(
        CommandError, match="无法读取 legacy.xlsx：无法读取 XLSX 文件，请确认文件未损坏。"
    ):
        call_command("import_documents", str(bad))
