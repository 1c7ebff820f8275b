"""The site's languages: codes, names, and a page's counterpart in the other language.

Chinese (zh-hans) is the default language, served at the unprefixed URLs; traditional
Mongolian script (mn-mong, BCP 47 tag mn-Mong) is served under /mn-mong/ (docs/MONGOLIAN.md).
Wagtail keeps one Locale row per code; translations of a page share its translation_key.
"""

from dataclasses import dataclass

from django.utils import translation
from wagtail.models import Locale, Page

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
MONGOLIAN_LABELS = {
    "site_name": "ᠵᠠᠰᠠᠭ ᠤᠨ ᠣᠯᠠᠨ ᠨᠡᠢᠲᠡ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ ᠢ ᠨᠡᠶᠢᠲᠡ ᠳᠦ ᠨᠡᠭᠡᠭᠡᠬᠦ",
    "search": "ᠬᠠᠶᠢᠬᠤ",
    "home": "ᠨᠢᠭᠤᠷ",
    "machine": "ᠮᠠᠰᠢᠨ ᠣᠷᠴᠢᠭᠤᠯᠭ᠎ᠠ",
    "draft": "ᠨᠣᠶᠢᠷᠠᠭ ᠣᠷᠴᠢᠭᠤᠯᠭ᠎ᠠ",
}


def language(code=None):
    """The Language of `code`, or of the active language (the default when unknown)."""
    code = (code or translation.get_language() or DEFAULT).lower()
    return LANGUAGES.get(code, LANGUAGES[DEFAULT])


def is_default_locale(page):
    """True for a page in the default language (or a page whose locale is not set)."""
    return not page.locale_id or page.locale.language_code == DEFAULT


def counterpart(page, code):
    """The page to link for `page` in language `code`: its live translation; else its nearest
    ancestor with a live translation (the section); else that language's home. None when the
    language has no live page at all."""
    try:
        locale = Locale.objects.get(language_code=code)
    except Locale.DoesNotExist:
        return None
    if page.locale_id == locale.pk:
        return page
    for candidate in [page, *reversed(page.get_ancestors().filter(depth__gt=1))]:
        translated = (
            Page.objects.live()
            .public()
            .filter(translation_key=candidate.translation_key, locale=locale)
        ).first()
        if translated is not None:
            return translated
    return None


def alternates(page):
    """(Language, page) for every language with a live translation of `page` itself, for
    <link rel="alternate" hreflang>: only real translations, never the section fallback."""
    found = []
    for translated in (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .order_by("locale__language_code")
    ):
        code = translated.locale.language_code
        if code in LANGUAGES:
            found.append((LANGUAGES[code], translated))
    return found if len(found) > 1 else []
