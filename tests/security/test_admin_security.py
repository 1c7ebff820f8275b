"""Admin sign-in security: django-axes lockout, password validators, the TOTP second factor
for the roles that see personal data, and the Content-Security-Policy header."""

import logging
import time

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# Here force_login is Django's own: these tests walk the second factor themselves.
pytestmark = pytest.mark.second_factor

PASSWORD = "Correct-horse-7731"


def code_for(device, at=None):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at or time.time()
    return f"{totp.token():0{device.digits}d}"


def staff(username, *groups, **extra):
    user = User.objects.create_user(username, password=PASSWORD, **extra)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def attempt(client, username, password, address="198.51.100.1"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.django_db
def test_wrong_passwords_lock_the_account_out_and_the_lockout_is_logged(caplog):
    staff("bianji", "编辑")
    client = Client()
    for _ in range(4):
        assert attempt(client, "bianji", "wrong-password").status_code == 200
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        assert attempt(client, "bianji", "wrong-password").status_code == 429  # the 5th
    response = attempt(client, "bianji", PASSWORD)  # the right password, too late
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("login locked out: account bianji" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_client_guessing_many_accounts_is_locked_out_but_others_are_not():
    staff("shenhe", "审核")
    client = Client()
    for number in range(5):
        attempt(client, f"nobody{number}", "wrong-password", address="198.51.100.9")
    assert attempt(client, "shenhe", PASSWORD, address="198.51.100.9").status_code == 429
    response = attempt(Client(), "shenhe", PASSWORD, address="198.51.100.10")
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_lockout_follows_the_client_address_behind_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    staff("qianfa", "签发")
    client = Client()
    for number in range(5):
        client.post(
            "/admin/login/",
            {"username": f"nobody{number}", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    other = Client().post(
        "/admin/login/",
        {"username": "qianfa", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.6",
    )
    assert other.status_code == 302  # another visitor behind the same proxy


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1-short", "太短"),
        ("4829105738291", "只包含数字"),
        ("password1234", "太常见"),
        ("bianji-bianji", "相似"),
    ],
)
@pytest.mark.django_db
def test_password_validators(password, message):
    user = User(username="bianji-bianji", email="bianji@example.gov.cn")
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    assert message in " ".join(error.value.messages)
    validate_password("Gov-disclosure-2026!", user)


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["依申请公开经办", "依申请公开负责人", "管理员"])
def test_personal_data_roles_register_and_use_a_totp_device(group):
    user = staff("officer", group)
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/setup/")
    page = client.get(response["Location"])
    assert "<svg" in page.content.decode() and "扫描" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post("/admin/second-factor/setup/?next=/admin/", {"code": code_for(device)})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    # A new session asks for the code again; the next code of the same device passes.
    second = Client()
    second.force_login(user)
    response = second.get("/admin/account/")
    assert response["Location"].startswith("/admin/second-factor/?next=")
    refused = second.post(response["Location"], {"code": "123456"})
    assert "动态验证码不正确" in refused.content.decode()
    time.sleep(1.1)  # django-otp makes the next try wait after a wrong code (1 s, then 2 s…)
    device.refresh_from_db()
    passed = second.post(response["Location"], {"code": code_for(device, time.time() + 30)})
    assert passed.status_code == 302 and passed["Location"] == "/admin/account/"
    assert second.get("/admin/account/").status_code == 200


@pytest.mark.django_db
def test_superusers_need_the_second_factor_and_editors_do_not():
    root = User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(root)
    assert client.get("/admin/")["Location"].startswith("/admin/second-factor/setup/")
    editor = staff("bianji2", "编辑")
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_code_page_loads_the_admin_icons_before_the_second_factor():
    """Wagtail's icons.js inserts what /admin/sprite/ returns into the page: a redirect to the
    code page put a hidden copy of the code form there, and the typed code was lost."""
    user = staff("officer3", "依申请公开经办")
    client = Client()
    client.force_login(user)
    sprite = client.get("/admin/sprite/")
    assert sprite.status_code == 200 and b"<svg" in sprite.content
    assert b"id_code" not in sprite.content
    assert client.get("/admin/account/")["Location"].startswith("/admin/second-factor/setup/")


@pytest.mark.django_db
def test_the_second_factor_page_keeps_next_on_the_site():
    user = staff("officer2", "依申请公开经办")
    client = Client()
    client.force_login(user)
    client.get("/admin/second-factor/setup/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        "/admin/second-factor/setup/?next=//evil.example/", {"code": code_for(device)}
    )
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_content_security_policy_on_public_pages_and_the_admin(policy_column):
    public = Client().get("/")
    policy = public["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    client = Client()
    client.force_login(staff("bianji3", "编辑"))
    admin = client.get("/admin/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in admin
    # Wagtail's editor widgets are inline scripts: the admin allows them, the public site not.
    assert "script-src 'self' 'unsafe-inline'" in admin


@pytest.mark.django_db
def test_a_huge_search_on_the_error_report_list_is_refused_politely(policy_column):
    client = Client(raise_request_exception=False)
    client.force_login(staff("jianguan", "内容监管"))
    url = "/admin/snippets/portal/errorreport/"
    assert client.get(url, {"q": "链接"}).status_code == 200
    response = client.get(url, {"q": "链" * 100_000})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "检索词过长" in response.content.decode()


@pytest.mark.django_db
def test_a_units_application_officers_need_the_second_factor_too():
    """集约化: a unit's 依申请公开 group holds the officers' permissions under another name."""
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="某单位依申请公开经办")
    group.permissions.add(
        Permission.objects.get(codename="view_application", content_type__app_label="applications")
    )
    user = staff("unit-officer")
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith("/admin/second-factor/setup/")
