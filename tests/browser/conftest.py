"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The browser is never downloaded by a tool: Playwright launches /usr/bin/chromium.
axe-core (from npm, see package.json) is injected into pages to check accessibility.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import sync_playwright

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


@pytest.fixture
def site_url(live_server, transactional_db):
    """The live server's URL with the demo site seeded and served on its host."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    return live_server.url


@pytest.fixture
def page(site_url):
    """A fresh browser page. Playwright starts only after the database is set up and stops
    before it is flushed, so its event loop never wraps Django's test-database handling."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()
        browser.close()
        # Connections the test opened while Playwright's loop ran belong to that context;
        # close them here or PostgreSQL refuses to drop the test database at the end.
        connections.close_all()


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core in the page; return violations of the given impact levels."""
    page.add_script_tag(path=str(AXE_SCRIPT))
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
