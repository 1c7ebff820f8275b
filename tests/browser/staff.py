"""Helpers of the staff browser tests (test_staff_journey.py, test_units_editor.py): the
编辑/审核/签发 people of the demo office, logging in, the editor's footer and dashboard,
counting clicks."""

from django.contrib.auth import get_user_model

from disclosure.models import Organisation, UnitGroup

PASSWORD = "staff-pass-for-tests-1"
STAFF = {
    "editor": ("bianji", "editor", "王小明"),
    "reviewer": ("shenhe", "reviewer", "李丽"),
    "signer": ("qianfa", "signer", "张强"),
}
BUREAU = "伊金霍洛旗政务服务局"


def make_staff():
    """The bureau's own 编辑, 审核 and 签发: members of its unit groups (集约化, the demo makes
    the bureau a unit whose section has its own 三审 workflow)."""
    bureau = Organisation.objects.get(name=BUREAU)
    users = {}
    for key, (username, role, name) in STAFF.items():
        user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=name)
        user.groups.add(UnitGroup.objects.get(unit=bureau, role=role).group)
        users[key] = user
    return users


class Clicks:
    """Counts the clicks of each task, so the tests can report and bound them."""

    def __init__(self):
        self.counts = {}
        self.task = None

    def start(self, task):
        self.task = task
        self.counts[task] = 0

    def click(self, locator):
        locator.click()
        self.counts[self.task] += 1


def log_in(browser_page, site_url, role):
    """The login page is the only address typed: everything after it is clicked."""
    log_in_as(browser_page, site_url, STAFF[role][0], PASSWORD)


def log_in_as(browser_page, site_url, username, password):
    browser_page.goto(site_url + "/admin/login/")
    browser_page.locator("#id_username").fill(username)
    browser_page.locator("#id_password").fill(password)
    browser_page.locator("form button[type=submit]").first.click()
    browser_page.wait_for_url(site_url + "/admin/")


def new_person_page(browser_page):
    """A page in a browser context of its own: a second person at another desk."""
    context = browser_page.context.browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    return context.new_page()


def footer_action(browser_page, clicks, name):
    """An action in the editor's footer menu (保存草稿 is the button, the rest drop down)."""
    clicks.click(browser_page.get_by_role("button", name="更多动作"))
    clicks.click(browser_page.get_by_role("button", name=name, exact=True))


def workflow_action(browser_page, clicks, name, comment=None):
    footer_action(browser_page, clicks, name)
    if comment is not None:
        dialog = browser_page.get_by_role("dialog")
        dialog.get_by_label("评论").fill(comment)
        clicks.click(dialog.get_by_role("button", name=name))


def open_from_dashboard(browser_page, clicks, section, title):
    """The page as the dashboard's 编辑工作台 lists it in `section`."""
    table = browser_page.get_by_role("table", name=section)
    clicks.click(table.get_by_role("link", name=title))
    browser_page.wait_for_url("**/edit/")
