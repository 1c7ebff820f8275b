"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The browser is never downloaded by a tool: Playwright launches /usr/bin/chromium.
axe-core (from npm, see package.json) is evaluated in pages to check accessibility.

Pages run under the site's real Content-Security-Policy: a test fails when the browser reports
a violation in the console (`page` fixture). Staff sign in with `staff_login`, which passes
the TOTP second factor the way a person does: it reads the key the set-up page shows (as an
authenticator app would from the QR code), or the registered device, and types the code.
"""

import base64
import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect, sync_playwright
from wagtail.models import Site
from working_calendar import enter_next_year_weekends_only

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run next to
# one unless told that this test-only thread is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class DemoDatabase:
    """The seeded demo for each browser test. `seed_demo` takes tens of seconds and every
    browser test starts from an emptied database (its changes are flushed after it). On SQLite
    the first test seeds and keeps a copy of the whole database (sqlite3's backup API); later
    tests get that copy back in milliseconds. Other databases seed every time. Fixtures that
    add data of their own ask for `site_url` first, so the copy replaces nothing of theirs."""

    copy = None

    @classmethod
    def load(cls):
        connection = connections["default"]
        if connection.vendor != "sqlite":
            call_command("seed_demo", stdout=open(os.devnull, "w"))
            return
        connection.ensure_connection()
        assert not get_user_model().objects.exists(), "a fixture added data before site_url"
        if cls.copy is None:
            call_command("seed_demo", stdout=open(os.devnull, "w"))
            cls.copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(cls.copy)
        else:
            cls.copy.backup(connection.connection)


@pytest.fixture
def site_url(live_server, transactional_db):
    """The live server's URL with the demo site seeded and served on its host: the default
    Site answers at the live server's address, so full page URLs (Wagtail writes them when an
    installation has several Sites, 集约化) reach it; the other Sites keep their own hosts."""
    DemoDatabase.load()
    # A journey started in December reaches deadlines in the next year (working_calendar).
    enter_next_year_weekends_only()
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    Site.clear_site_root_paths_cache()
    return live_server.url


@pytest.fixture
def page(site_url):
    """A fresh browser page. Playwright starts only after the database is set up and stops
    before it is flushed, so its event loop never wraps Django's test-database handling."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        violations = []
        page.on(
            "console",
            lambda message: (
                violations.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        yield page
        context.close()
        browser.close()
        # Connections the test opened while Playwright's loop ran belong to that context;
        # close them here or PostgreSQL refuses to drop the test database at the end.
        connections.close_all()
        assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core in the page; return violations of the given impact levels."""
    # Colours are judged as they settle: a message still fading in (Wagtail's admin messages)
    # is half transparent, and on a loaded machine axe would catch it mid-animation.
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running' || "
        "a.effect?.getComputedTiming().iterations === Infinity)",
        timeout=10_000,
    )
    # Evaluated, not added as an inline <script>: the page's CSP allows no inline script.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    assert len(result["passes"]) > 10, "axe-core did not run its rules"
    return [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in impacts
    ]


@pytest.fixture
def axe():
    return axe_violations


def _code(key: bytes, at: float) -> str:
    """The 6-digit TOTP code (RFC 6238, 30-second steps) of `key` at time `at`."""
    generator = TOTP(key, step=30, t0=0, digits=6)
    generator.time = at
    return f"{generator.token():06d}"


def log_in(page, site_url, username, password):
    """Sign in to the admin as `username`; pass the second factor when the account needs it."""
    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").first.click()
    # The page after the password, fully loaded: typing into the code field of a page still
    # loading sent an empty code ("请输入6位动态验证码。", seen under CI's load).
    page.wait_for_url(lambda url: urlsplit(url).path != "/admin/login/")
    page.wait_for_load_state("load")
    code_field = page.get_by_label("动态验证码")
    if "/admin/second-factor/setup/" in page.url:
        # What an authenticator app reads from the QR code: the key, shown beside it too.
        secret = page.locator(".second-factor-secret").first.inner_text().replace(" ", "")
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        code = _code(key, time.time())
        code_field.fill(code)
        expect(code_field).to_have_value(code)
        page.get_by_role("button", name="完成设置").first.click()
    elif "/admin/second-factor/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        # The code the authenticator shows now, unless it is the one just used (at set-up in
        # the same 30-second step), which is not accepted twice: then the next step's. Always
        # typing the next step's failed when set-up had been verified a step late: django-otp
        # then records a drift of -1 and accepts no code from the step after the current one.
        now = time.time()
        at = now + 30 if int(now // 30) <= device.last_t else now
        code = _code(device.bin_key, at)
        code_field.fill(code)
        expect(code_field).to_have_value(code)
        page.get_by_role("button", name="验证").first.click()
    try:
        page.wait_for_url(site_url + "/admin/")
    except Exception:
        errors = page.locator(".error-message, .help-critical, .messages").all_inner_texts()
        raise AssertionError(f"sign-in as {username} stopped at {page.url}: {errors}") from None


@pytest.fixture
def staff_login():
    """staff_login(page, site_url, username, password): see log_in."""
    return log_in
