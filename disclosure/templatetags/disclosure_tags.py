"""Template tags of the disclosure pages."""

import html
from functools import lru_cache

import segno
from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Site

from disclosure.lifecycle import document_timeline
from disclosure.units import unit_of_page, unit_of_site

register = template.Library()


@register.inclusion_tag("disclosure/includes/office_contact.html")
def office_contact(office, heading_level=2):
    """The receiving office's contact block, typed once in the admin and shown everywhere."""
    return {"office": office, "heading_tag": f"h{heading_level}"}


@register.filter
def number_cells(values, width=1):
    """A table row's figures as <td class="number"> cells, escaped; a row of a single figure
    in a table `width` columns wide spans them all (Table 2's one-figure rows). The annual
    report's tables and the charts' data tables have hundreds of cells: joined here they
    render in a tenth of the time a template loop takes, and with the standard library's
    escaping in an eighth of format_html_join's (issue 15)."""
    span = f' colspan="{int(width)}"' if len(values) == 1 and int(width) > 1 else ""
    return mark_safe(
        "".join(f'<td class="number"{span}>{html.escape(str(v))}</td>' for v in values)
    )


@register.simple_tag
def column_feed_url(column, kind="rss"):
    return reverse(f"disclosure:column_{kind}", args=[column.pk])


@register.simple_tag
def catalogue_export_url(column, file_format, query=""):
    url = reverse(f"disclosure:catalogue_{file_format}", args=[column.pk])
    return f"{url}?{query}" if query else url


@register.simple_tag(takes_context=True)
def search_scope(context):
    """The unit the header search box searches by default (集约化), and whether it is chosen.

    On a unit's pages (or anywhere on a unit's own site) the box searches that unit, with a
    choice to search every unit instead; on the results page it keeps what the visitor chose.
    {"unit": name or "", "selected": bool}
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    results = context.get("results")
    filters = getattr(getattr(results, "query", None), "filters", None)
    if filters is not None:
        chosen = filters.get("unit", "")
        home = unit_of_site(site)
        return {"unit": chosen or (home.name if home else ""), "selected": bool(chosen)}
    page = context.get("page")
    # A page is found from its site's home page, so the unit of the site (the home page's) is
    # the page's unit or one of its ancestors': asking for the page's alone is enough.
    unit = unit_of_page(page) if getattr(page, "path", "") else unit_of_site(site)
    return {"unit": unit.name if unit else "", "selected": True}


@register.simple_tag(takes_context=True)
def page_qr_code(context, page):
    """The page's address as an inline SVG QR code (segno, drawn here: no outside service),
    for opening a document on a phone or from its printout."""
    return mark_safe(qr_code_svg(page.get_full_url(context["request"])))


@lru_cache(maxsize=4096)
def qr_code_svg(url):
    """The SVG of `url`'s QR code. Drawing one takes about 8 ms, a fifth of a document page's
    time (issue 15); it depends on the address alone, so each worker draws each address once
    (4,096 addresses, about 8 MB at most)."""
    qr = segno.make(url, error="m")
    # segno's own SVG markup; the URL inside it is escaped by segno
    return qr.svg_inline(scale=3, border=2, dark="#000", light="#fff", title=f"手机扫码打开：{url}")


@register.inclusion_tag("disclosure/includes/lifecycle.html", takes_context=True)
def document_lifecycle(context, page):
    """A policy document's stable addresses and its timeline (disclosure/lifecycle.py)."""
    request = context.get("request")
    return {
        "page": page,
        "request": request,
        "timeline": document_timeline(
            page,
            relations_in=context.get("relations_in", ()),
            interpretations=context.get("interpretations", ()),
        ),
        "site_root": request.build_absolute_uri("/").rstrip("/") if request else "",
    }
