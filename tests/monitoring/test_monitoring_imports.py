"""Posts and messages: manual entry rules, CSV/XLSX import and RSS/Atom/JSON feed pulls."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from monitoring.importers import ImportError_, parse_feed, pull_account_feed, read_posts
from monitoring.models import AccountPost, InteractionMessage, NewMediaAccount

pytestmark = pytest.mark.django_db

POSTS_CSV = (
    "标题,发布时间,正文,编号\n"
    "一网通办新增事项,2024-06-03 09:30,正文一,p-1\n"
    "端午节工作安排,2024/06/04,正文二,p-2\n"
)


@pytest.fixture
def account(db):
    return NewMediaAccount.objects.create(
        platform="wechat", name="测试公众号", sponsor_unit="测试局", filing_status="filed"
    )


def upload(client, account, kind, name, content):
    return client.post(
        reverse("monitoring_admin:import"),
        {"account": account.pk, "kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_csv_import_is_idempotent(admin_client, account):
    response = upload(admin_client, account, "posts", "posts.csv", POSTS_CSV.encode())
    assert response.status_code == 302
    assert AccountPost.objects.filter(account=account).count() == 2
    upload(admin_client, account, "posts", "posts.csv", POSTS_CSV.encode())
    assert AccountPost.objects.filter(account=account).count() == 2
    post = AccountPost.objects.get(external_id="p-1")
    assert post.source == AccountPost.Source.FILE
    assert timezone.localtime(post.published_at).hour == 9  # Asia/Shanghai


def test_xlsx_messages_import(admin_client, account):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["留言内容", "留言时间", "回复内容", "回复时间", "账号"])
    sheet.append(["几点下班？", "2024-06-01 10:00", "18:00", "2024-06-01 11:00", "测试公众号"])
    sheet.append(["在哪办理？", "2024-06-02 10:00", None, None, "测试公众号"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(admin_client, account, "messages", "messages.xlsx", buffer.getvalue())
    assert response.status_code == 302
    messages = InteractionMessage.objects.filter(account=account).order_by("asked_at")
    assert [m.replied_at is not None for m in messages] == [True, False]


def test_bad_rows_are_all_reported_and_nothing_is_imported(admin_client, account):
    bad = "标题,发布时间\n好的一行,2024-06-01\n,2024-06-02\n坏日期,明天\n"
    response = upload(admin_client, account, "posts", "posts.csv", bad.encode())
    assert response.status_code == 200
    page = response.content.decode()
    assert "第3行：标题不能为空" in page and "第4行：发布时间无效" in page
    assert not AccountPost.objects.exists()


def test_missing_columns_and_wrong_file_type(account):
    with pytest.raises(ImportError_, match="缺少必需的列：标题"):
        read_posts("x.csv", "正文\n内容\n".encode())


def test_unknown_account_name_is_reported(admin_client, account):
    data = "标题,发布时间,账号\n一,2024-06-01,不存在的号\n"
    response = upload(admin_client, account, "posts", "posts.csv", data.encode())
    assert "没有名为“不存在的号”的账号" in response.content.decode()
    assert not AccountPost.objects.exists()


def test_gb18030_csv(admin_client, account):
    response = upload(admin_client, account, "posts", "p.csv", POSTS_CSV.encode("gb18030"))
    assert response.status_code == 302
    assert AccountPost.objects.filter(title="端午节工作安排").exists()


@pytest.mark.parametrize(
    ("path", "titles"),
    [
        ("/feed.xml", ["一网通办新增事项", "端午节工作安排"]),
        ("/atom.xml", ["Atom 条目"]),
        ("/feed.json", ["JSON 条目"]),
    ],
)
def test_feed_pull_from_a_local_server(account, local_server, path, titles):
    base, _ = local_server
    account.feed_url = base + path
    account.save()
    created, _ = pull_account_feed(account)
    assert created == len(titles)
    assert sorted(AccountPost.objects.values_list("title", flat=True)) == sorted(titles)
    assert set(AccountPost.objects.values_list("source", flat=True)) == {"feed"}
    # Pulling again creates nothing new.
    assert pull_account_feed(account) == (0, len(titles))


def test_rss_dates_and_bodies(feed_samples):
    first, second = parse_feed(feed_samples["rss"].encode())
    assert first.external_id == "rss-1"
    assert first.published_at.isoformat() == "2024-06-03T01:30:00+00:00"
    assert "伊金霍洛期" in first.body


def test_feed_errors_are_clear(account, local_server):
    base, _ = local_server
    account.feed_url = base + "/missing"
    account.save()
    with pytest.raises(ImportError_, match="HTTP 404"):
        pull_account_feed(account)
    with pytest.raises(ImportError_, match="JSON"):
        parse_feed(b"{not json")


def test_one_account_per_unit_per_platform_when_entering(account):
    second = NewMediaAccount(platform="wechat", name="另一个号", sponsor_unit="测试局 ")
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "同一单位在同一平台原则上只开设一个账号" in str(error.value)
    account.lifecycle = "closed"
    account.lifecycle_date = "2024-01-01"
    account.save()
    second.full_clean()  # allowed once the old account is closed


def test_matrix_lists_open_accounts_by_platform(client, account):
    NewMediaAccount.objects.create(
        platform="douyin", name="已关停的号", sponsor_unit="测试局", lifecycle="closed"
    )
    response = client.get(reverse("monitoring:matrix"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "测试公众号" in page and "微信公众号" in page
    assert "已关停的号" not in page
