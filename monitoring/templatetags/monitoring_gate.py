"""Template tags of the 内容安全审查 screens."""

from django import template

from monitoring.models import GateReview

register = template.Library()


@register.simple_tag
def latest_gate_review(task_state):
    """The latest GateReview of a 内容安全审查 step (what 强制通过 would override), or None."""
    return GateReview.objects.filter(task_state=task_state).order_by("-pk").first()
