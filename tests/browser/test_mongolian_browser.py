"""蒙古文版 (docs/MONGOLIAN.md) in Chromium: a citizen on the Chinese home page clicks the
language switcher and reads the Mongolian home in vertical script, with the self-hosted
font, no sideways page scroll at 390 and 1280 px and no serious axe-core violation."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "screenshots"

STATE = """() => {
    const content = document.querySelector('.page-content');
    return {
        lang: document.documentElement.lang,
        writingMode: content ? getComputedStyle(content).writingMode : null,
        scrollWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
    };
}"""

FONT = """async () => {
    await document.fonts.ready;
    const faces = [...document.fonts].filter((f) => f.family.includes('Mongolian'));
    await Promise.all(faces.map((f) => f.load().catch(() => null)));
    return faces.map((f) => f.status);
}"""


def test_citizen_switches_to_the_mongolian_home(page, site_url, axe):
    page.goto(site_url + "/")
    switcher = page.get_by_role("navigation", name="语言 / ᠬᠡᠯᠡ")
    switcher.get_by_role("link", name="ᠮᠣᠩᠭᠣᠯ").click()
    page.wait_for_url(site_url + "/mn-mong/")
    state = page.evaluate(STATE)
    assert state["lang"] == "mn-Mong"
    assert state["writingMode"] == "vertical-lr"
    assert "loaded" in page.evaluate(FONT)
    assert page.get_by_role("note").first.is_visible()  # 机器翻译 notice
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        state = page.evaluate(STATE)
        assert state["scrollWidth"] <= width, f"page scrolls sideways at {width}px: {state}"
        assert axe(page) == [], f"axe violations at {width}px"
        page.screenshot(path=str(SCREENSHOTS / f"mongolian-home-{width}.png"), full_page=True)
    # 长者模式 on the Mongolian page: larger type, still vertical, still no sideways page scroll.
    page.get_by_role("button", name="长者模式").click()
    expect(page.get_by_role("button", name="退出长者模式")).to_be_visible()
    assert page.evaluate("document.documentElement.className").split() == [
        "elder-mode",
        "lang-mongolian",
    ]
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        state = page.evaluate(STATE)
        assert state["writingMode"] == "vertical-lr"
        assert state["scrollWidth"] <= width, f"长者模式 scrolls sideways at {width}px: {state}"
        page.screenshot(path=str(SCREENSHOTS / f"mongolian-elder-{width}.png"), full_page=True)
    page.get_by_role("button", name="退出长者模式").click()
    expect(page.get_by_role("button", name="长者模式")).to_be_visible()

    # Back to Chinese through the switcher.
    page.get_by_role("navigation", name="语言 / ᠬᠡᠯᠡ").get_by_role("link", name="中文").click()
    page.wait_for_url(site_url + "/")
    assert page.evaluate(STATE)["lang"] == "zh-Hans"
