"""The disclosure catalogue in a real browser: browse a column, filter, open, download."""

import io

import pytest
from docx import Document as WordDocument

from disclosure.models import PolicyDocumentPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPORT_TITLE = "伊金霍洛旗政务服务局2021年度部门整体支出绩效评价报告"


def test_browse_filter_open_and_download(page, site_url, axe):
    page.goto(site_url + "/xxgk/")
    assert page.get_by_role("heading", level=1).inner_text() == "政府信息公开"
    page.get_by_role("navigation", name="下级栏目").get_by_role(
        "link", name="法定主动公开内容"
    ).click()
    page.wait_for_url("**/xxgk/statutory/")
    page.get_by_role("navigation", name="下级栏目").get_by_role("link", name="财政资金").click()
    page.wait_for_url("**/xxgk/statutory/finance/")
    table = page.get_by_role("table", name="财政资金目录")
    assert table.get_by_role("link", name=REPORT_TITLE).is_visible()
    assert table.get_by_role("link", name="伊金霍洛旗政务服务局2024年部门预算").is_visible()
    assert axe(page) == []

    # Filter by year with the plain form (no JavaScript involved in submitting it).
    page.get_by_label("发布年份").select_option(label="2022年")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/xxgk/statutory/finance/?*year=2022*")
    rows = page.get_by_role("table", name="财政资金目录").locator("tbody tr")
    titles = rows.locator("td:nth-child(2)").all_inner_texts()
    expected = sorted(
        PolicyDocumentPage.objects.live()
        .filter(publish_date__year=2022, path__startswith=_finance_path())
        .values_list("title", flat=True)
    )
    assert sorted(titles) == expected and REPORT_TITLE in titles
    assert "伊金霍洛旗政务服务局2024年部门预算" not in titles
    assert page.get_by_role("status").inner_text().startswith(f"共 {len(expected)} 条")
    assert axe(page) == []

    # Open the document: the metadata panel and the attachment with its type and size.
    page.get_by_role("link", name=REPORT_TITLE).click()
    page.wait_for_url("**/2021-performance-evaluation/")
    report = PolicyDocumentPage.objects.filter(slug="2021-performance-evaluation").first()
    panel = page.get_by_role("table", name="文件信息")
    assert panel.get_by_role("cell", name=report.index_number).is_visible()
    assert panel.get_by_role("cell", name="财政、金融、审计\\财政").is_visible()
    attachments = page.get_by_role("region", name="附件")
    assert "DOCX" in attachments.inner_text() and "KB" in attachments.inner_text()
    assert axe(page) == []

    with page.expect_download() as download_info:
        attachments.get_by_role("link").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    word = WordDocument(io.BytesIO(open(download.path(), "rb").read()))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "伊金霍洛旗政务服务局是伊金霍洛旗人民政府工作部门" in text


def test_document_links_to_its_interpretation_and_back(page, site_url, axe):
    page.goto(site_url + "/xxgk/statutory/policies/one-network-plan/")
    section = page.get_by_role("region", name="相关解读")
    section.get_by_role("link").first.click()
    page.wait_for_url("**/xxgk/statutory/interpretations/**")
    assert axe(page) == []
    page.get_by_role("complementary", name="解读的文件").get_by_role("link").click()
    page.wait_for_url("**/xxgk/statutory/policies/one-network-plan/")


def test_guide_is_accessible(page, site_url, axe):
    page.goto(site_url + "/xxgk/guide/")
    assert page.get_by_role("heading", name="受理机构：", exact=False).is_visible()
    assert axe(page) == []
    page.goto(site_url + "/xxgk/statutory/standard-catalogue/")
    assert axe(page) == []


def _finance_path():
    from wagtail.models import Page, Site

    bureau = Site.objects.get(is_default_site=True).root_page
    return Page.objects.descendant_of(bureau).get(slug="finance").path
