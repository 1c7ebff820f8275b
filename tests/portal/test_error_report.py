"""我为政府网站找错: validated, rate-limited, escaped, and visible to reviewers only."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.models import ErrorReport

GOOD = {
    "category": "typo",
    "page_url": "https://www.example.gov.cn/xxgk/",
    "description": "“政府信息公开指南”页面第二段有错别字。",
    "contact_name": "张三",
    "contact": "13800000000",
    "website": "",
}


@pytest.mark.django_db
def test_valid_report_is_stored_without_the_ip_address(client, demo_site):
    response = client.post("/report-error/", GOOD, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.description == GOOD["description"]
    assert report.status == ErrorReport.Status.NEW
    assert "10.1.2.3" not in report.client_hash and len(report.client_hash) == 64


@pytest.mark.django_db
def test_control_and_bidi_characters_are_dropped(client, demo_site):
    typed = {
        **GOOD,
        "description": " 第二段\u202e有错别字\x07。\n请核对。 ",
        "contact_name": "张\u2067三",
    }
    assert client.post("/report-error/", typed).status_code == 302
    report = ErrorReport.objects.get()
    assert report.description == "第二段有错别字。\n请核对。"
    assert report.contact_name == "张三"


@pytest.mark.django_db
def test_invalid_report_keeps_what_was_typed_and_saves_nothing(client, demo_site):
    response = client.post("/report-error/", {**GOOD, "description": "", "page_url": "not a url"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写问题描述。" in html
    assert "请输入有效的网址" in html
    assert 'value="13800000000"' in html  # nothing typed is lost
    assert ErrorReport.objects.count() == 0


@pytest.mark.django_db
def test_honeypot_field_blocks_bots(client, demo_site):
    response = client.post("/report-error/", {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 200
    assert ErrorReport.objects.count() == 0


@pytest.mark.django_db
def test_reports_are_rate_limited_per_client(client, demo_site, settings):
    settings.ERROR_REPORT_RATE_LIMIT_PER_HOUR = 3
    for _ in range(3):
        assert client.post("/report-error/", GOOD, REMOTE_ADDR="10.0.0.9").status_code == 302
    response = client.post("/report-error/", GOOD, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "过于频繁" in response.content.decode()
    assert ErrorReport.objects.count() == 3
    # Another client is not affected.
    assert client.post("/report-error/", GOOD, REMOTE_ADDR="10.0.0.10").status_code == 302


def staff_user(username, group_name):
    user = get_user_model().objects.create_user(username, password="pw-1234567")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.django_db
def test_reviewers_see_reports_escaped_in_the_admin(client, demo_site):
    client.post("/report-error/", {**GOOD, "description": "<script>alert('x')</script>出错了"})
    client.force_login(staff_user("reviewer", "内容监管"))
    response = client.get("/admin/snippets/portal/errorreport/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert" in html
    assert "<script>alert('x')</script>" not in html


@pytest.mark.django_db
def test_editors_cannot_read_reports(client, demo_site):
    client.post("/report-error/", GOOD)
    client.force_login(staff_user("editor", "编辑"))
    response = client.get("/admin/snippets/portal/errorreport/")
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_rate_limit_counts_clients_behind_a_trusted_proxy_separately(client, demo_site, settings):
    settings.ERROR_REPORT_RATE_LIMIT_PER_HOUR = 2
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    def post(forwarded, remote="10.0.0.5"):
        return client.post(
            "/report-error/", GOOD, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    assert [post("198.51.100.1"), post("198.51.100.1"), post("198.51.100.1")] == [302, 302, 429]
    assert post("198.51.100.2") == 302  # another citizen behind the same proxy
    # A client that talks to the site directly cannot escape its limit with a forged header.
    assert [post("192.0.2.1", remote="203.0.113.7"), post("192.0.2.2", remote="203.0.113.7")] == [
        302,
        302,
    ]
    assert post("192.0.2.3", remote="203.0.113.7") == 429
