from django import template

register = template.Library()


@register.filter
def percent(share):
    """0.857 -> "85.7%"; None (nothing to divide) -> "—"."""
    if share is None:
        return "—"
    return f"{share * 100:.1f}".rstrip("0").rstrip(".") + "%"


@register.filter
def days(value):
    """A median number of working days: 3 -> "3", 2.5 -> "2.5"; None -> "—"."""
    if value is None:
        return "—"
    return f"{value:.1f}".rstrip("0").rstrip(".")
