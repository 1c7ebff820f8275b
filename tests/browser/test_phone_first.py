"""The public site as a citizen meets it, at phone, tablet and desktop widths (issue 14).

One journey per test, by clicking what a person sees from the home page (a missing link or
button fails the test), so the demo is seeded once for many pages. Every page reached is
checked at 360, 390, 768 and 1280 px, in normal and in 长者模式:

- the document never scrolls sideways (scroll width ≤ viewport width);
- the 名称 cell or card title of lists is at least 12 characters (of the root font size) wide;
- nothing outside the header overlaps it;
- buttons, menu links and pagination links are at least 44 px high (tap targets);
- axe-core finds no serious or critical violation.

Each check saves a full-page screenshot to var/test-artifacts/screenshots/<page>-<width>.png
(git-ignored) for people to review.
"""

import io
import re
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from PIL import Image

from core.rules.identifiers import resident_id_check_char

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (360, 390, 768, 1280)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "screenshots"
FIRST17 = "15062719850312001"
VALID_ID = FIRST17 + resident_id_check_char(FIRST17)

# Measured in the page: sideways scrolling, elements over the header, small tap targets and
# the narrowest title of the list (selector given).
LAYOUT_SCRIPT = """(titleSelector) => {
    const header = document.querySelector('.site-header').getBoundingClientRect();
    const visible = (el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 1 && r.height > 1 && style.visibility !== 'hidden';
    };
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className
           ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const overlapping = [...document.querySelectorAll('main *, footer *')].filter((el) => {
        if (!visible(el)) return false;
        const r = el.getBoundingClientRect();
        return r.top < header.bottom - 1 && r.bottom > header.top + 1;
    }).map(describe).slice(0, 5);
    const small = [...document.querySelectorAll(
        'button, .button, .main-nav a, .nav-menu > summary, .pagination a, .home-hot a'
    )].filter(visible).filter((el) => el.getBoundingClientRect().height < 43.5)
      .map((el) => describe(el) + ' ' + el.textContent.trim().slice(0, 12)
           + ' ' + Math.round(el.getBoundingClientRect().height) + 'px').slice(0, 5);
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const titles = titleSelector
        ? [...document.querySelectorAll(titleSelector)].filter(visible) : [];
    const narrowest = titles.length
        ? Math.min(...titles.map((el) => el.getBoundingClientRect().width)) / rem : null;
    // The 47号 footer's labels (地址, 主办单位 ...) drawn on more than one line: squeezed.
    const squeezed = [...document.querySelectorAll('.footer-identity dt')].filter((dt) => {
        const range = document.createRange();
        range.selectNodeContents(dt);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
    }).map((dt) => dt.textContent.trim());
    return {
        scrollWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        overlapping, small, titles: titles.length, narrowest, squeezed,
    };
}"""


def check_widths(page, axe, name, titles=None):
    """Check the current page at every width (no reload: a POST result stays as it is)."""
    elder = "elder-mode" in (page.locator("html").get_attribute("class") or "")
    label = f"{name}-elder" if elder else name
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found = page.evaluate(LAYOUT_SCRIPT, titles)
        where = f"{label} at {width}px"
        assert found["viewport"] == width
        assert found["scrollWidth"] <= width, f"{where}: page scrolls sideways ({found})"
        assert found["overlapping"] == [], f"{where}: elements over the header {found}"
        assert found["small"] == [], f"{where}: tap targets under 44px {found['small']}"
        assert found["squeezed"] == [], f"{where}: footer labels squeezed {found['squeezed']}"
        if titles:
            assert found["titles"] > 0, f"{where}: no {titles} shown"
            assert found["narrowest"] >= 12, f"{where}: {titles} only {found['narrowest']:.1f}em"
        assert axe(page) == [], f"{where}: axe violations"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{label}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def go_home(page, site_url):
    page.goto(site_url + "/")


def entrance(page, name):
    """A tile of the home page's 政府信息公开 entrances."""
    region = page.get_by_role("region", name="政府信息公开", exact=True)
    return region.get_by_role("link", name=re.compile(f"^{name}"))


def set_elder_mode(page, on):
    page.get_by_role("button", name="长者模式" if on else "退出长者模式").click()
    page.wait_for_load_state()
    assert ("elder-mode" in (page.locator("html").get_attribute("class") or "")) is on


@pytest.fixture
def id_scan(tmp_path):
    path = tmp_path / "身份证.png"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (230, 230, 230)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_reading_pages_from_the_home_page_at_every_width(page, site_url, axe):
    """首页 → catalogue → document; 首页 → 政策解读, 年报, 指南, search results; all again in
    长者模式."""
    visited = []

    def visit(name, titles=None):
        check_widths(page, axe, name, titles)
        visited.append((name, page.url, titles))

    go_home(page, site_url)
    home = page.locator("main")
    # The home page is made of the editors' blocks: notice, search with 热门搜索, entrances,
    # the newest documents with 文号 and dates spread over the years.
    assert home.get_by_role("complementary", name="公告").is_visible()
    assert home.get_by_role("link", name="政务服务事项清单").is_visible()
    policies = home.get_by_role("region", name="政策文件")
    assert policies.get_by_text(re.compile(r"伊政服发〔20\d\d〕\d+号")).count() >= 3
    years = {text[:4] for text in policies.locator("time").all_inner_texts()}
    assert len(years) >= 3, years
    visit("home", ".home-latest .latest-list a")

    policies.get_by_role("link", name="更多政策文件").click()
    page.wait_for_url("**/xxgk/statutory/policies/")
    visit("catalogue", ".catalogue-table .title-cell")
    # At phone width the rows are cards with 名称 first.
    page.set_viewport_size({"width": 390, "height": 900})
    first_card = page.locator(".catalogue-table tbody tr").first
    title_box = first_card.locator(".title-cell").bounding_box()
    index_box = first_card.locator("td[data-label=索引号]").bounding_box()
    assert title_box["y"] < index_box["y"]
    first_card.locator(".title-cell a").click()
    page.wait_for_url("**/xxgk/statutory/policies/**")
    visit("document")

    go_home(page, site_url)
    page.get_by_role("region", name="政策解读").locator(".latest-list a").first.click()
    page.wait_for_url("**/xxgk/statutory/interpretations/**")
    visit("interpretation")

    go_home(page, site_url)
    entrance(page, "政府信息公开年报").click()
    page.wait_for_url("**/xxgk/annual-reports/")
    page.locator("main a[href*='/xxgk/annual-reports/']").first.click()
    page.wait_for_url("**/xxgk/annual-reports/**")
    visit("annual-report")

    go_home(page, site_url)
    entrance(page, "政府信息公开指南").click()
    page.wait_for_url("**/xxgk/guide/")
    visit("guide")

    go_home(page, site_url)
    page.get_by_role("searchbox", name="搜索内容").fill("政务服务")
    page.get_by_role("region", name="搜索政府信息").get_by_role("button", name="搜索").click()
    page.wait_for_url("**/search/?q=*")
    visit("search", ".search-hit h3")

    go_home(page, site_url)
    set_elder_mode(page, True)
    for name, url, titles in visited:
        page.goto(url)
        check_widths(page, axe, name, titles)


def test_phone_menu_folds_and_opens_without_javascript(page, site_url):
    plain = page.context.browser.new_context(
        java_script_enabled=False, locale="zh-CN", viewport={"width": 360, "height": 800}
    )
    phone = plain.new_page()
    phone.goto(site_url + "/")
    menu_link = phone.get_by_role("navigation", name="主导航").get_by_role(
        "link", name="政府信息公开"
    )
    assert not menu_link.is_visible()
    phone.locator(".nav-menu > summary").click()
    assert menu_link.is_visible()
    menu_link.click()
    phone.wait_for_url("**/xxgk/")
    # On a wide screen the menu is always open, no summary to tap.
    phone.set_viewport_size({"width": 1280, "height": 800})
    assert not phone.locator(".nav-menu > summary").is_visible()
    assert (
        phone.get_by_role("navigation", name="主导航").get_by_role("link", name="首页").is_visible()
    )
    plain.close()


def test_apply_and_look_up_two_clicks_from_home_at_every_width(page, site_url, axe, id_scan):
    go_home(page, site_url)
    # Click 1: the 依申请公开 entrance; click 2: the form.
    entrance(page, "依申请公开").click()
    page.wait_for_url("**/xxgk/apply/")
    assert page.get_by_role("heading", name="办理程序和期限").is_visible()
    check_widths(page, axe, "apply-column")
    page.get_by_role("link", name="在线提交申请").click()
    page.wait_for_url("**/applications/apply/**")
    check_widths(page, axe, "application-form", ".choice label")

    # The radio circle sits beside its label on one line, at phone width too.
    page.set_viewport_size({"width": 360, "height": 900})
    for text in ("公民", "法人或其他组织"):
        radio = page.get_by_label(text, exact=True).bounding_box()
        label = page.locator("label", has_text=re.compile(f"^{text}$")).bounding_box()
        assert 0 <= label["x"] - (radio["x"] + radio["width"]) < 20, (text, radio, label)
        assert abs((label["y"] + label["height"] / 2) - (radio["y"] + radio["height"] / 2)) < 6
        assert label["height"] < 50  # one line, not one character per line
    page.set_viewport_size({"width": 1280, "height": 900})

    # Only the block of the chosen applicant type shows.
    citizen = page.locator("[data-applicant-block=citizen]")
    organisation = page.locator("[data-applicant-block=organisation]")
    assert citizen.is_visible() and organisation.is_visible()
    page.get_by_label("法人或其他组织", exact=True).check()
    assert organisation.is_visible() and not citizen.is_visible()
    page.get_by_label("公民", exact=True).check()
    assert citizen.is_visible() and not organisation.is_visible()

    page.get_by_label("姓名").fill("王建国")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill(VALID_ID)
    page.get_by_label("身份证明或营业执照等证照的扫描件或照片").set_input_files(id_scan)
    page.get_by_label("联系电话").fill("13904770001")
    page.get_by_label("电子邮箱").fill("wang@example.com")
    page.get_by_label("所需信息的名称").fill("2024年政务服务事项清单")
    page.get_by_label("电子文档").check()
    page.get_by_label("电子邮件", exact=True).check()
    key = page.locator("input[name=captcha_0]").get_attribute("value")
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="下一步：核对申请内容").click()
    page.get_by_role("button", name="确认提交").wait_for()
    check_widths(page, axe, "review")
    page.get_by_role("button", name="确认提交").click()
    page.wait_for_url("**/applications/receipt/")
    number = page.locator("#receipt-number").inner_text()
    code = page.locator("#receipt-code").inner_text()
    check_widths(page, axe, "receipt")
    # Printable: the button prints; the print view is the receipt without the site shell.
    assert page.get_by_role("button", name="打印/保存为PDF").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".receipt").is_visible() and not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="打印/保存为PDF").is_visible()
    page.emulate_media(media="screen")
    set_elder_mode(page, True)
    check_widths(page, axe, "receipt")
    set_elder_mode(page, False)

    go_home(page, site_url)
    entrance(page, "依申请公开").click()
    page.get_by_role("link", name="查询办理进度").click()
    page.wait_for_url("**/applications/status/")
    check_widths(page, axe, "status")
    page.get_by_label("受理编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/applications/status/{number}/")
    check_widths(page, axe, "status-detail")

    set_elder_mode(page, True)
    for url in ("/xxgk/apply/", "/applications/apply/", "/applications/status/"):
        page.goto(site_url + url)
        check_widths(page, axe, url.strip("/").replace("/", "-"))


def test_applicant_blocks_both_show_without_javascript(page, site_url):
    plain = page.context.browser.new_context(java_script_enabled=False, locale="zh-CN")
    form = plain.new_page()
    form.goto(site_url + "/applications/")  # the old address leads to the one landing page
    form.wait_for_url("**/xxgk/apply/")
    form.get_by_role("link", name="在线提交申请").click()
    form.get_by_label("法人或其他组织", exact=True).check()
    assert form.locator("[data-applicant-block=citizen]").is_visible()
    assert form.locator("[data-applicant-block=organisation]").is_visible()
    plain.close()
