"""Which pages of a short list the public may see (Wagtail's page view restrictions).

Wagtail's `PageQuerySet.public()` reads every view restriction each time a queryset is built,
whether or not the query then finds a page. On a page view most of the short lists it filters
are empty (a document's 解读, a page's translations), so `public_only` reads the restrictions
only when there is a page to check (issue 15). Same rule as `public()`: a page is hidden when
it or one of its ancestors carries a restriction (a restriction of any type: password, login,
groups).
"""

from wagtail.models import PageViewRestriction


def public_only(pages) -> list:
    """The pages of `pages` (pages or an evaluated queryset) below no view restriction."""
    pages = list(pages)
    if not pages:
        return []
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    return [page for page in pages if not page.path.startswith(restricted)]
