"""The language switcher and the hreflang links never point at a translation the public may
not see (portal/languages.py, portal/visibility.py)."""

import pytest
from wagtail.models import Locale, PageViewRestriction, Site
from wagtail_localize.models import TranslationSource

from portal.demo import site as site_demo
from portal.models import ContentPage

pytestmark = pytest.mark.django_db


def translate(page, code="mn-mong"):
    source, _created = TranslationSource.get_or_create_from_instance(page)
    source.create_or_update_translation(
        Locale.objects.get(language_code=code), copy_parent_pages=True, fallback=True
    )
    translation = page.get_translation(Locale.objects.get(language_code=code))
    translation.get_latest_revision().publish()  # the test's transaction never commits
    return translation


def test_a_restricted_translation_is_not_linked(client):
    site_demo.load()
    home = Site.objects.get(is_default_site=True).root_page.specific
    guide = home.add_child(instance=ContentPage(title="政府信息公开指南", slug="guide"))
    guide.save_revision().publish()
    mn_guide = translate(guide)

    html = client.get("/guide/").content.decode()
    assert 'href="/mn-mong/guide/"' in html and 'rel="alternate"' in html

    PageViewRestriction.objects.create(page=mn_guide, restriction_type="login")
    html = client.get("/guide/").content.decode()
    assert 'href="/mn-mong/guide/"' not in html and 'rel="alternate"' not in html
