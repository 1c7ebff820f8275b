"""Template tags for the site shell: navigation, breadcrumbs and the 国办 meta tags."""

from django import template
from django.template.loader import render_to_string
from wagtail.models import Page, Site

from portal import languages
from portal.metadata import article_context
from portal.models import NavigationSettings

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    current = context.get("page")
    site = Site.find_for_request(request)
    code = languages.language().code  # the active language, from the URL prefix
    links = []
    if site:
        # for_request: read once per request, shared with the footer's `settings` lookup.
        nav = NavigationSettings.for_request(request)
        nav_links = nav.links()
        # On a Mongolian page a link goes to the Mongolian section when one is live; a link
        # with none stays Chinese and says so (lang=).
        translated = languages.translated_targets([link.page for link in nav_links], code)
        for link in nav_links:
            target = link.page
            title = link.title or target.title
            lang = ""
            hreflang = ""
            if target.translation_key in translated:
                target = translated[target.translation_key]
                title = target.title
            elif code != languages.DEFAULT:
                lang = languages.LANGUAGES[languages.DEFAULT].tag
            # The editor's 蒙古文标题 comes first on Mongolian pages; a link to a Chinese page
            # then reads in Mongolian and says where it goes (hreflang instead of lang).
            if code == languages.MONGOLIAN and link.mongolian_title:
                title = link.mongolian_title
                lang, hreflang = "", lang
            active = bool(
                current and (current.pk == target.pk or current.path.startswith(target.path))
            )
            links.append(
                {
                    "url": target.get_url(request),
                    "title": title,
                    "lang": lang,
                    "hreflang": hreflang,
                    "active": active,
                    "current": bool(current and current.pk == target.pk),
                }
            )
    home = languages.home_path(code)
    return {"links": links, "request": request, "home": home, "labels": _labels(code)}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": None}
    ancestors = ancestors_below_root(page)
    labels = _labels(languages.language().code)
    return {"ancestors": ancestors, "page": page, "request": context["request"], "labels": labels}


def ancestors_below_root(page):
    """The page's ancestors from the home page down, read once per page object (the
    breadcrumbs and the column meta tags both need them)."""
    if not hasattr(page, "_ancestors_below_root"):
        page._ancestors_below_root = list(Page.objects.ancestor_of(page).filter(depth__gte=2))
    return page._ancestors_below_root


# What the column meta tags read of a column (栏目) when it is an ancestor of the page shown.
COLUMN_META_FIELDS = (
    "title",
    "depth",
    "content_type",
    "search_description",
    "column_type",
    "summary",
    "keywords",
)


def column_of(page):
    """The column (栏目) a page belongs to: its top-level ancestor below the home page (for an
    ancestor, the fields the column meta tags read rather than the whole page: a column's
    body is the larger part of it, issue 15)."""
    if page is None:
        return None
    if page.depth <= 3:
        return page.specific
    column = next(a for a in ancestors_below_root(page) if a.depth == 3)
    model = column.specific_class or Page
    names = {field.name for field in model._meta.concrete_fields}
    fields = [name for name in COLUMN_META_FIELDS if name in names]
    return model._default_manager.only(*fields).get(pk=column.pk)


@register.inclusion_tag("includes/meta_tags.html", takes_context=True)
def site_meta_tags(context):
    """SiteName/SiteDomain/SiteIDCode and ColumnName/ColumnType/ColumnDescription/ColumnKeywords."""
    request = context["request"]
    page = context.get("page")
    identity = context["settings"]["portal"]["SiteIdentity"]
    column = column_of(page)
    if column is not None:
        column_name = column.title if column.depth > 2 else "首页"
        column_type = getattr(column, "column_type", "") or column.specific_class._meta.verbose_name
        description = column.search_description or getattr(column, "summary", "") or ""
        keywords = getattr(column, "keywords", "")
    else:
        column_name = context.get("column_name", "")
        column_type = context.get("column_type", "")
        description = ""
        keywords = ""
    return {
        "site_name": identity.site_name,
        "site_domain": request.get_host().split(":")[0],
        "site_id_code": identity.site_id_code,
        "column_name": column_name,
        "column_type": column_type,
        "column_description": description,
        "column_keywords": keywords,
    }


@register.simple_tag(takes_context=True)
def article_meta(context):
    """The article meta set, canonical link, Open Graph and JSON-LD of an article-like page
    (portal/metadata.py); nothing on other pages."""
    page = context.get("page")
    if not isinstance(page, Page):
        return ""
    identity = context["settings"]["portal"]["SiteIdentity"]
    values = article_context(page.specific, context["request"], identity.site_name)
    return render_to_string("includes/article_meta.html", values) if values else ""


def _labels(code):
    """The site chrome's labels in language `code` (portal/languages.py); {} for Chinese."""
    return languages.MONGOLIAN_LABELS if code == languages.MONGOLIAN else {}


@register.simple_tag(takes_context=True)
def site_language(context):
    """The page's language and the language switcher's links (portal/languages.py): each
    other language's counterpart of this page, or its section or home when untranslated; and
    the hreflang alternates (real translations only)."""
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    found = languages.translations_of(page) if page is not None else None
    code = languages.language_code_of(page, found) if page is not None else None
    current = languages.language(code)
    links = []
    for other in languages.LANGUAGES.values():
        if other.code == current.code:
            continue
        target = languages.counterpart(page, other.code, found) if page is not None else None
        if target is not None:
            url = target.url
        else:
            url = languages.home_path(other.code)
        links.append((other, url))
    request = context.get("request")
    alternates = []
    if page is not None:
        for other, translated in languages.alternates(page, found):
            alternates.append((other, translated.get_full_url(request)))
    return {
        "current": current,
        "home": languages.home_path(current.code),
        "mongolian": current.code == languages.MONGOLIAN,
        "labels": _labels(current.code),
        "links": links,
        "alternates": alternates,
    }
