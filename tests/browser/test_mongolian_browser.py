"""蒙古文版 (docs/MONGOLIAN.md) in Chromium: a citizen on the Chinese home page clicks the
language switcher and reads the Mongolian home in vertical script, with the self-hosted
font, no sideways page scroll at 390 and 1280 px and no serious axe-core violation; then
clicks on to the Mongolian 政府信息公开指南 and a Mongolian policy document."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.demo import read

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "screenshots"

# The demo's Mongolian texts (portal/demo_data/mongolian.yaml).
DEMO = read("mongolian")
TITLES = {entry["page"]: entry["title"] for entry in DEMO["translations"]}

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


# The 47号 footer's labels: each one's width, whether its text is cut off, and on how many
# lines its Chinese label (the text after the Mongolian one) is drawn.
FOOTER_LABELS = """() => [...document.querySelectorAll('.footer-identity dt')].map((dt) => {
    const chinese = [...dt.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).pop();
    const range = document.createRange();
    range.selectNodeContents(chinese);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    return {
        label: dt.textContent.trim(),
        width: dt.getBoundingClientRect().width,
        clipped: dt.scrollWidth > dt.clientWidth,
        chineseLines: lines.size,
    };
})"""


def check_mongolian_page(page, axe, name):
    """What every Mongolian page must be: mn-Mong, vertical text in the site's Mongolian font,
    no sideways page scroll and no serious axe-core violation at 390 and 1280 px, the footer's
    labels unsqueezed on the phone; screenshots mongolian-<name>-<width>.png."""
    state = page.evaluate(STATE)
    assert state["lang"] == "mn-Mong"
    assert state["writingMode"] == "vertical-lr"
    assert "loaded" in page.evaluate(FONT)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        state = page.evaluate(STATE)
        assert state["writingMode"] == "vertical-lr"
        assert state["scrollWidth"] <= width, f"{name} scrolls sideways at {width}px: {state}"
        assert axe(page) == [], f"axe violations on {name} at {width}px"
        page.screenshot(path=str(SCREENSHOTS / f"mongolian-{name}-{width}.png"), full_page=True)
        if width == 390:
            labels = page.evaluate(FOOTER_LABELS)
            assert labels, "no footer labels"
            for label in labels:
                # Above its value, the label has the footer's width: not squeezed beside it.
                assert label["width"] >= 150, f"footer label squeezed at 390px: {label}"
                assert not label["clipped"], f"footer label cut off at 390px: {label}"
                assert label["chineseLines"] == 1, f"footer label broken at 390px: {label}"


def test_citizen_walks_to_the_mongolian_guide_and_a_policy_document(page, site_url, axe):
    page.goto(site_url + "/")
    page.get_by_role("navigation", name="语言 / ᠬᠡᠯᠡ").get_by_role("link", name="ᠮᠣᠩᠭᠣᠯ").click()
    page.wait_for_url(site_url + "/mn-mong/")
    # The editor's Mongolian site name in the header, the Chinese one beside it.
    expect(page.locator(".site-title [lang=mn-Mong]")).to_have_text(DEMO["site_name"])

    # 政府信息公开 in the navigation, under the editor's 蒙古文标题, then its 下级栏目.
    navigation = page.get_by_role("navigation", name="主导航")
    link = navigation.get_by_role("link", name=DEMO["navigation"]["xxgk"], exact=True)
    assert link.get_attribute("lang") is None  # reads in the page's mn-Mong
    link.click()
    page.wait_for_url(site_url + "/mn-mong/xxgk/")
    columns = page.get_by_role("navigation", name="下级栏目")
    columns.get_by_role("link", name=TITLES["guide"]).click()
    page.wait_for_url(site_url + "/mn-mong/xxgk/guide/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES["guide"])
    check_mongolian_page(page, axe, "guide")

    # Back to 政府信息公开 (breadcrumbs), 政府信息公开制度, and a document its catalogue lists.
    page.get_by_role("navigation", name="当前位置").get_by_role("link", name="政府信息公开").click()
    page.wait_for_url(site_url + "/mn-mong/xxgk/")
    page.get_by_role("navigation", name="下级栏目").get_by_role(
        "link", name="政府信息公开制度"
    ).click()
    page.wait_for_url(site_url + "/mn-mong/xxgk/rules/")
    title = TITLES["proactive-disclosure-rules"]
    page.get_by_role("main").get_by_role("link", name=title).click()
    page.wait_for_url(site_url + "/mn-mong/xxgk/rules/proactive-disclosure-rules/")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    check_mongolian_page(page, axe, "document")
