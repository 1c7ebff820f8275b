"""Short lists on a page view keep to what the public may see (portal/visibility.py): a 解读
below a view restriction is not listed on its document, and the restrictions are read only
when there is a page to check (issue 15)."""

import pytest
from wagtail.models import PageViewRestriction

from portal.visibility import public_only

pytestmark = pytest.mark.django_db


def test_a_restricted_interpretation_is_not_listed_on_its_document(
    client, make_document, make_interpretation
):
    document = make_document()
    shown = make_interpretation(document, "公开的解读")
    hidden = make_interpretation(document, "仅内部可见的解读")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")

    assert document.live_interpretations() == [shown]
    html = client.get(document.url).content.decode()
    assert "公开的解读" in html and "仅内部可见的解读" not in html


def test_a_page_below_a_restricted_ancestor_is_not_public(
    column_root, policy_column, make_document
):
    child = make_document(parent=policy_column)
    assert public_only([policy_column, child, column_root]) == [policy_column, child, column_root]
    PageViewRestriction.objects.create(page=policy_column, restriction_type="login")
    assert public_only([policy_column, child, column_root]) == [column_root]


def test_nothing_to_check_reads_no_restrictions(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert public_only([]) == []
        assert public_only(page for page in []) == []
