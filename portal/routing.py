"""Finding the page a URL names in two queries instead of two per level of the tree (issue 15).

Wagtail's `Page.route` walks the URL one slug at a time: for each level it reads the child
with that slug and then its specific page, so a policy document five levels below the home
page costs about ten queries before anything is rendered. `route_below(root, ...)` reads
every page on the path at once by `url_path` (Wagtail keeps each page's `url_path` equal to
its ancestors' slugs joined, also when a page is moved or renamed), then the specific page of
the last one. What Wagtail's routing does is kept:

- a page whose class routes its own sub-paths (a `RoutablePageMixin` page such as the 年度报告
  or the 指南, or any class overriding `route`) receives the rest of the path, as it would;
- a missing slug, or a last page that is not live, is a 404 (drafts below live pages are
  walked through, as Wagtail does; view restrictions are checked later by Wagtail's serve
  hooks, as before);
- each page found carries its parent (Treebeard's `_cached_parent_obj`), and the last page
  its ancestors below the tree root, read by the breadcrumbs and the column meta tags
  (`portal.templatetags.portal_tags.ancestors_below_root`) and by the view restriction check
  (`portal.visibility.RoutedViewRestrictions`); the last page also carries its
  locale (the translation notice and the language switcher read it), and the relations its
  class names in `serve_select_related`.

`route_for_request` is where a page request starts (portal/views.py `serve`, in place of
Wagtail's view of the same name): Wagtail's `Page.route_for_request` reads the active Locale
and the specific home page before it routes; with the default language active (the Chinese
site, unprefixed URLs) the home page is read with the path instead, and when it is in that
language and routes like `HomePage`, the path is routed from it directly. Anything else (the
Mongolian site, a root of another class) takes Wagtail's own way, as before.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import translation
from wagtail.models import Page

from portal import languages
from portal.sites import site_for_request


def _routes_itself(page) -> bool:
    """Whether the page's class has routing of its own (sub-paths or an override)."""
    return page.specific_class is not None and page.specific_class.route is not Page.route


def _specific(page):
    """The specific page, with the relations its class names in `serve_select_related` (those
    its page view shows: a policy document's 主题分类 and 发布机构) read in the same query."""
    related = getattr(page.specific_class, "serve_select_related", ())
    if not related:
        return page.specific
    return page.specific_class._default_manager.select_related(*related).get(pk=page.pk)


def pages_on_path(root, path_components) -> dict:
    """{depth: page} of `root` and every page on the path below it, in one query (each with
    its locale)."""
    url_paths = [root.url_path] + [
        root.url_path + "/".join(path_components[:length]) + "/"
        for length in range(1, len(path_components) + 1)
    ]
    return {
        page.depth: page
        for page in Page.objects.filter(
            path__startswith=root.path, depth__gte=root.depth, url_path__in=url_paths
        ).select_related("locale")
    }


def route_below(root, request, path_components, on_path=None):
    """The RouteResult for `path_components` below `root` (a specific page), or Http404.
    `on_path`: the pages on the path, when the caller has read them (`pages_on_path`)."""
    if any("\x00" in component for component in path_components):
        raise Http404  # PostgreSQL refuses NUL in a query; no slug contains one
    if on_path is None:
        on_path = pages_on_path(root, path_components)
    parent = root
    ancestors = [root]
    for index in range(len(path_components)):
        page = on_path.get(root.depth + index + 1)
        if page is None:
            raise Http404
        page._cached_parent_obj = parent
        remaining = path_components[index + 1 :]
        if remaining and _routes_itself(page):
            specific = page.specific
            specific._cached_parent_obj = parent
            if root.depth == 2:
                specific._ancestors_below_root = ancestors
            return specific.route(request, remaining)
        parent = page
        if remaining:
            ancestors.append(page)
    specific = _specific(parent)
    specific._cached_parent_obj = parent._cached_parent_obj
    specific.locale = parent.locale  # read with the path: the language switcher needs it
    if root.depth == 2:  # the ancestors the breadcrumbs list start at the home page
        specific._ancestors_below_root = ancestors
    return specific.route(request, [])


def route_for_request(request, path):
    """The RouteResult of a page request (what Wagtail's `Page.route_for_request` finds), or
    None for a 404."""
    site = site_for_request(request)
    if site is None:
        return None
    if "\x00" in path:
        return None  # PostgreSQL refuses NUL in a query; no slug contains one
    path_components = [component for component in path.split("/") if component]
    try:
        # The default language's site (unprefixed URLs): its home page is read with the path.
        if path_components and translation.get_language() == languages.DEFAULT:
            on_path = pages_on_path(site.root_page, path_components)
            home = on_path.get(site.root_page.depth)
            if home is not None and _is_default_language_home(home):
                return route_below(home, request, path_components, on_path)
        return site.root_page.localized.specific.route(request, path_components)
    except Http404:
        return None


def _is_default_language_home(page) -> bool:
    """Whether `page` routes its path like HomePage and is in the default language (so that,
    with the default language active, Wagtail's `localized` would keep it)."""
    from portal.models import HomePage  # local import: portal.models imports this module

    if page.specific_class is None or page.specific_class.route is not HomePage.route:
        return False
    return page.locale.language_code == languages.DEFAULT
