"""Template filters of the 依申请公开 admin screens."""

from django import template

from disclosure.applications.forms import staff_name as _staff_name

register = template.Library()


@register.filter
def staff_name(user):
    """An officer as lists name them: 姓名（登录名）."""
    return _staff_name(user) if user else ""
