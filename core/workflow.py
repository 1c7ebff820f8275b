"""What the case workflows share: the 依申请公开 cases (disclosure/applications/workflow.py)
and the 互动交流 messages (interaction/workflow.py) are each a state machine as data — a
``Rule`` per action with the statuses it may start from — checked by plain functions that
raise ``TransitionNotAllowed`` with the reason in Chinese. This module holds the parts that
do not depend on which workflow it is.
"""

from enum import StrEnum

from django.http import Http404


class TransitionNotAllowed(Exception):
    """The action is impossible for the case as it is; str() is the Chinese reason."""


def rule_for(rules: dict, action: StrEnum, status: StrEnum, statuses: type[StrEnum], noun: str):
    """The rule of ``action`` when it may start from ``status``, else TransitionNotAllowed.

    ``statuses`` is the workflow's Status enum (to list, in order, where the action may be
    taken) and ``noun`` what the case is called in the message (申请, 留言).
    """
    rule = rules.get(action)
    if rule is None:
        raise TransitionNotAllowed(f"“{action.label}”不是可执行的办理操作")
    if status not in rule.sources:
        allowed = "、".join(s.label for s in statuses if s in rule.sources)
        raise TransitionNotAllowed(
            f"{noun}当前状态为“{status.label}”，不能执行“{action.label}”"
            f"（只能在“{allowed}”状态下执行）"
        )
    return rule


def action_form(actions: type[StrEnum], forms: dict, value: str):
    """The action named in an admin URL and its form class; 404 for any other name."""
    try:
        action = actions(value)
    except ValueError:
        raise Http404("未知的办理操作") from None
    form_class = forms.get(action)
    if form_class is None:
        raise Http404("未知的办理操作")
    return action, form_class
