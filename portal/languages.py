"""The site's languages: codes, names, and a page's counterpart in the other language.

Chinese (zh-hans) is the default language, served at the unprefixed URLs; traditional
Mongolian script (mn-mong, BCP 47 tag mn-Mong) is served under /mn-mong/ (docs/MONGOLIAN.md).
Wagtail keeps one Locale row per code; translations of a page share its translation_key.
"""

from dataclasses import dataclass

from django.utils import translation
from wagtail.models import Page

from portal.visibility import public_only

DEFAULT = "zh-hans"
MONGOLIAN = "mn-mong"


@dataclass(frozen=True)
class Language:
    code: str  # Django's and Wagtail's code, the URL prefix
    tag: str  # the BCP 47 tag for lang= and hreflang=
    native_name: str  # the name in its own script, on the language switcher
    chinese_name: str


LANGUAGES = {
    DEFAULT: Language(DEFAULT, "zh-Hans", "中文", "简体中文"),
    MONGOLIAN: Language(MONGOLIAN, "mn-Mong", "ᠮᠣᠩᠭᠣᠯ", "蒙古文"),
}

# The site chrome's labels in Mongolian (header, footer, switcher, translation notice).
# Draft wording, to be reviewed by a native reader (docs/MONGOLIAN.md).
# On Mongolian pages each label is shown beside its Chinese original (the 47号 footer fields
# included: their values, names and codes, stay Chinese).
MONGOLIAN_LABELS = {
    "site_name": "ᠵᠠᠰᠠᠭ ᠤᠨ ᠣᠯᠠᠨ ᠨᠡᠢᠲᠡ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ ᠢ ᠨᠡᠶᠢᠲᠡ ᠳᠦ ᠨᠡᠭᠡᠭᠡᠬᠦ",
    "search": "ᠬᠠᠶᠢᠬᠤ",
    "home": "ᠨᠢᠭᠤᠷ",
    "navigation": "ᠪᠠᠭᠠᠨ᠎ᠠ ᠶᠢᠨ ᠵᠠᠮᠴᠢ",
    "machine": "ᠮᠠᠰᠢᠨ ᠣᠷᠴᠢᠭᠤᠯᠭ᠎ᠠ",
    "draft": "ᠨᠣᠶᠢᠷᠠᠭ ᠣᠷᠴᠢᠭᠤᠯᠭ᠎ᠠ",
    "sitemap": "ᠰᠠᠢᠲ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠵᠢᠷᠤᠭ",
    "contact": "ᠬᠠᠷᠢᠯᠴᠠᠬᠤ",
    "privacy": "ᠨᠢᠭᠤᠴᠠ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ",
    "open_data": "ᠨᠡᠭᠡᠭᠡᠯᠲᠡᠲᠡᠢ ᠲᠣᠭ᠎ᠠ ᠪᠠᠷᠢᠮᠲᠠ",
    "error_report": "ᠠᠯᠳᠠᠭ᠎ᠠ ᠮᠡᠳᠡᠭᠳᠡᠬᠦ",
    "sponsor": "ᠡᠵᠡᠮᠰᠢᠭᠴᠢ ᠨᠢᠭᠡᠴᠡ",
    "organizer": "ᠬᠠᠷᠢᠭᠤᠴᠠᠬᠤ ᠨᠢᠭᠡᠴᠡ",
    "address": "ᠬᠠᠶᠢᠭ",
    "phone": "ᠤᠲᠠᠰᠤ",
    "email": "ᠴᠠᠬᠢᠮ ᠰᠢᠤᠳᠠᠩ",
    "site_id_code": "ᠰᠠᠢᠲ ᠤᠨ ᠲᠡᠮᠳᠡᠭ ᠤᠨ ᠺᠣᠳ",
}


def language(code=None):
    """The Language of `code`, or of the active language (the default when unknown)."""
    code = (code or translation.get_language() or DEFAULT).lower()
    return LANGUAGES.get(code, LANGUAGES[DEFAULT])


def home_path(code):
    """The address of language `code`'s home: "/" for the default, else its URL prefix."""
    return "/" if code == DEFAULT else f"/{code}/"


def originals(pages):
    """`pages` in the default language only: a translation is the same document in another
    language (docs/MONGOLIAN.md), never listed or counted twice."""
    return pages.filter(locale__language_code=DEFAULT)


def is_default_locale(page):
    """True for a page in the default language (or a page whose locale is not set)."""
    return not page.locale_id or page.locale.language_code == DEFAULT


@dataclass
class Translations:
    """What the language switcher and the hreflang links of one page need, read at once."""

    chain: list  # the page, then its ancestors below the tree root, nearest first
    rows: list  # live, public pages sharing a translation_key with one of them, any locale


def translations_of(page) -> Translations:
    """One query, whatever the page's depth, so a page view adds no query per ancestor (issue
    15); the view restrictions are read as well when the page or an ancestor has a
    translation (portal/visibility.py). The ancestors come from the routing when it found the
    page (portal/routing.py)."""
    ancestors = [] if page.depth <= 2 else getattr(page, "_ancestors_below_root", None)
    if ancestors is None:
        ancestors = list(Page.objects.ancestor_of(page).filter(depth__gte=2))
    chain = [page, *reversed(ancestors)]
    keys = {candidate.translation_key for candidate in chain}
    # What the switcher and the alternates read of each row: its address, its locale and the
    # path public_only checks (whole pages cost a millisecond more on every page).
    rows = (
        Page.objects.live()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("path", "url_path", "translation_key", "locale__language_code")
    )
    # The page and its ancestors are the page being shown; their translations are linked
    # only when the public may see them.
    on_chain = {candidate.pk for candidate in chain}
    own = [row for row in rows if row.pk in on_chain]
    translations = public_only(row for row in rows if row.pk not in on_chain)
    return Translations(chain, own + translations)


def language_code_of(page, found: Translations | None = None) -> str:
    """The language code of the page's locale."""
    for row in (found or translations_of(page)).rows:
        if row.pk == page.pk:
            return row.locale.language_code
    return page.locale.language_code if page.locale_id else DEFAULT


def counterpart(page, code, found: Translations | None = None):
    """The page to link for `page` in language `code`: its live translation; else its nearest
    ancestor with a live translation (the section); else that language's home. None when the
    language has no live page at all."""
    found = found or translations_of(page)
    if language_code_of(page, found) == code:
        return page
    in_language = {
        row.translation_key: row for row in found.rows if row.locale.language_code == code
    }
    for candidate in found.chain:
        if candidate.translation_key in in_language:
            return in_language[candidate.translation_key]
    return None


def translated_targets(targets, code):
    """{translation_key: live public page in language `code`} for the pages `targets` (the
    main navigation's and the home page's links), in one query, none for the default
    language; a link with no translation stays Chinese."""
    if code == DEFAULT or not targets:
        return {}
    keys = {target.translation_key for target in targets}
    rows = Page.objects.live().public().filter(translation_key__in=keys, locale__language_code=code)
    return {row.translation_key: row for row in rows}


def alternates(page, found: Translations | None = None):
    """(Language, page) for every language with a live translation of `page` itself, for
    <link rel="alternate" hreflang>: only real translations, never the section fallback."""
    rows = (found or translations_of(page)).rows
    matches = [
        (LANGUAGES[row.locale.language_code], row)
        for row in rows
        if row.translation_key == page.translation_key and row.locale.language_code in LANGUAGES
    ]
    matches.sort(key=lambda item: item[0].code)
    return matches if len(matches) > 1 else []


def withdraw_translations(sender, instance, **kwargs):
    """page_unpublished receiver (connected in apps.py): an original just unpublished takes
    its live translations with it, since a withdrawn document is withdrawn in every language
    (docs/MONGOLIAN.md). Each translation's own unpublish then makes the attachments private
    again once no live page shows them (portal/attachments.py)."""
    if not is_default_locale(instance):
        return
    for translation_page in instance.get_translations().live().specific():
        translation_page.unpublish()
