"""Template tags of the disclosure pages."""

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("disclosure/includes/office_contact.html")
def office_contact(office, heading_level=2):
    """The receiving office's contact block, typed once in the admin and shown everywhere."""
    return {"office": office, "heading_tag": f"h{heading_level}"}


@register.simple_tag
def column_feed_url(column, kind="rss"):
    return reverse(f"disclosure:column_{kind}", args=[column.pk])


@register.simple_tag
def catalogue_export_url(column, file_format, query=""):
    url = reverse(f"disclosure:catalogue_{file_format}", args=[column.pk])
    return f"{url}?{query}" if query else url
