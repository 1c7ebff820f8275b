"""The language switcher and the hreflang links never point at a translation the public may
not see (portal/languages.py, portal/visibility.py)."""

import pytest
from wagtail.models import PageViewRestriction, Site

from portal.demo import site as site_demo
from portal.models import ContentPage

pytestmark = pytest.mark.django_db


def test_a_restricted_translation_is_not_linked(client, translate):
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
