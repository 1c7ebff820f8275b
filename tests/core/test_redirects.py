"""core.redirects: which "next" targets are followed, and the fallback for the rest."""

import pytest
from django.test import RequestFactory

from core.redirects import redirect_to_next, safe_next_url


def request(secure=False, host="www.example.gov.cn"):
    return RequestFactory().get("/", secure=secure, HTTP_HOST=host)


@pytest.mark.parametrize(
    "target",
    [
        "/",
        "/xxgk/statutory/?page=2",
        "/admin/monitoring/findings/?severity=veto&p=2",
        "http://www.example.gov.cn/xxgk/",
        "https://www.example.gov.cn/xxgk/",
    ],
)
def test_paths_and_urls_on_this_site_are_followed(target):
    assert safe_next_url(request(), target) == target


@pytest.mark.parametrize(
    "target",
    [
        "",
        None,
        "foo",  # a bare word (even a view name) is not a target
        "portal:error_report",
        "https://evil.example/",
        "//evil.example",
        "//evil.example/xxgk/",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        " javascript:alert(1)",
        "http://[::1",  # urlsplit raises ValueError on these
        "https://www.example.gov.cn:99999999/",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "https://www.example.gov.cn.evil.example/",
        "mailto:someone@example.com",
    ],
)
def test_everything_else_gives_the_fallback(target):
    assert safe_next_url(request(), target) == "/"
    assert safe_next_url(request(), target, fallback="/admin/") == "/admin/"
    assert safe_next_url(request(), target, fallback="") == ""


def test_a_secure_request_is_not_sent_to_plain_http():
    assert safe_next_url(request(secure=True), "http://www.example.gov.cn/xxgk/") == "/"
    assert (
        safe_next_url(request(secure=True), "https://www.example.gov.cn/xxgk/")
        == "https://www.example.gov.cn/xxgk/"
    )
    assert safe_next_url(request(secure=True), "/xxgk/") == "/xxgk/"


def test_redirect_to_next_is_a_plain_url_redirect():
    response = redirect_to_next(request(), "/xxgk/")
    assert (response.status_code, response["Location"]) == (302, "/xxgk/")
    # A view name is never reversed: it is refused like any other bare word.
    response = redirect_to_next(request(), "wagtailadmin_home", fallback="/admin/")
    assert response["Location"] == "/admin/"
