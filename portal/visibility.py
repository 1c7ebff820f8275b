"""Which pages of a short list the public may see (Wagtail's page view restrictions).

Wagtail's `PageQuerySet.public()` reads every view restriction each time a queryset is built,
whether or not the query then finds a page. On a page view most of the short lists it filters
are empty (a document's 解读, a page's translations), so `public_only` reads the restrictions
only when there is a page to check (issue 15). Same rule as `public()`: a page is hidden when
it or one of its ancestors carries a restriction (a restriction of any type: password, login,
groups).
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction


def public_only(pages) -> list:
    """The pages of `pages` (pages or an evaluated queryset) below no view restriction."""
    pages = list(pages)
    if not pages:
        return []
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    return [page for page in pages if not page.path.startswith(restricted)]


class RoutedViewRestrictions:
    """A page type's view restrictions read in one query when the page was found by the
    routing (portal/routing.py), which read its ancestors already: Wagtail's serve hook asks
    `get_view_restrictions` on every page view, and Wagtail's own reads the ancestors first
    (issue 15). Same rule as Wagtail's: the restrictions of the page and of each ancestor,
    the tree root's included, an alias's being its original's. A page not found by the
    routing (`_ancestors_below_root` unset) is asked Wagtail's way. Every page type has it
    (tests/test_architecture.py)."""

    def get_view_restrictions(self):
        ancestors = getattr(self, "_ancestors_below_root", None)
        if ancestors is None:
            return super().get_view_restrictions()
        page_ids = {page.alias_of_id or page.pk for page in (self, *ancestors)}
        return PageViewRestriction.objects.filter(Q(page_id__in=page_ids) | Q(page__depth=1))
