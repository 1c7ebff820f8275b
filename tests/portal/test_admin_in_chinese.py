"""The admin staff use is in Chinese (issue 22): every string of Wagtail's admin JavaScript has
a zh-hans translation (Wagtail's own or the project's catalogs in locale/), and the admin pages
an editor works on show no untranslated English UI text."""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.demo import site as site_demo
from portal.models import ContentPage, HomePage

WAGTAIL_ADMIN_LOCALE = Path(wagtail.__file__).parent / "admin" / "locale"


def msgids(po_file):
    """The msgids of a .po file (singular forms; continuation lines joined)."""
    ids, current, reading = [], None, False
    for line in po_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current, reading = line[6:].strip()[1:-1], True
        elif reading and line.startswith('"'):
            current += line.strip()[1:-1]
        else:
            if reading and current:
                ids.append(ast.literal_eval(f'"{current}"'))
            reading = False
    return ids


def catalogs(domain):
    found = []
    for localedir in [*settings.LOCALE_PATHS, WAGTAIL_ADMIN_LOCALE]:
        try:
            found.append(gettext.translation(domain, localedir, languages=["zh_Hans"]))
        except FileNotFoundError:
            pass
    return found


def test_every_admin_javascript_string_has_a_chinese_translation():
    translations = catalogs("djangojs")
    assert len(translations) == 2, "the project's and Wagtail's djangojs catalogs"
    english = msgids(WAGTAIL_ADMIN_LOCALE / "en" / "LC_MESSAGES" / "djangojs.po")
    assert len(english) > 50
    missing = [text for text in english if all(t.gettext(text) == text for t in translations)]
    assert missing == []


class VisibleText(HTMLParser):
    """Text a person reads: text nodes outside script/style, and the attributes that are
    shown or read aloud (title, aria-label, placeholder, alt). Choices of a <select> are data
    (the account page lists every IANA time zone), not UI text."""

    SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "option"):
            self.skipping += 1
        self.parts += [value for name, value in attrs if name in self.SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "option") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


# Two or more English words in a row: UI text, not a code, an abbreviation or a name.
ENGLISH_PHRASE = re.compile(r"\b[A-Za-z]{2,}(?:[ '’-]+[A-Za-z]{2,})+\b")
# Shown on purpose: product names, and the example slug in Wagtail's Chinese help text
# (用于URL的页面名称，如http://domain.com/work/[my-work]/).
ALLOWED = {"Microsoft Authenticator", "my-work"}


def english_phrases(html):
    parser = VisibleText()
    parser.feed(html)
    found = set()
    for text in parser.parts:
        found.update(ENGLISH_PHRASE.findall(text))
    return sorted(found - ALLOWED)


@pytest.fixture
def editor_client(client, db):
    site_demo.load()
    user = get_user_model().objects.create_user("bianji", password="pw-1234567")
    user.groups.add(Group.objects.get(name="编辑"))
    client.force_login(user)
    page = ContentPage(title="政务公开工作推进会", slug="meeting", live=False)
    page.body = [("paragraph", "<p>会议要求贯彻落实政务公开工作要点。</p>")]
    home = HomePage.objects.get()
    home.add_child(instance=page)
    page.save_revision(user=user)
    client.editor_pages = {"home": home, "draft": page}
    return client


@pytest.mark.django_db
def test_the_admin_pages_an_editor_works_on_show_no_english(editor_client):
    home, draft = editor_client.editor_pages["home"], editor_client.editor_pages["draft"]
    urls = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{draft.pk}/edit/",
        f"/admin/pages/{draft.pk}/history/",
        f"/admin/pages/add/portal/contentpage/{home.pk}/",
        f"/admin/pages/{home.pk}/add_subpage/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/images/",
        "/admin/account/",
    ]
    found = {}
    for url in urls:
        response = editor_client.get(url)
        assert response.status_code == 200, url
        phrases = english_phrases(response.content.decode())
        if phrases:
            found[url] = phrases
    assert found == {}
