"""The handlers' side in the Wagtail admin: the queue with deadlines, a message's page, the
actions (受理, 不予受理, 分配, 转办, 答复 with drafts, 公开, 撤回), the writer's details (masked
unless allowed, every full view logged), 设为常见问题 and the statistics."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.permissions import permission_required
from core.rules.working_days import CalendarYearMissing
from core.workflow import action_form
from disclosure.calendar import working_calendar
from disclosure.models import Organisation

from . import conf, redaction, services, statistics, workflow
from .forms import ACTION_FORMS, handlers
from .listing import rating_summary
from .models import FaqPage, Message
from .personal_data import can_view_in_full, masked
from .workflow import Action, Status, TransitionNotAllowed

view_required = permission_required("interaction.view_message")
change_required = permission_required("interaction.change_message")


def _clock(message, calendar, today):
    """(due date, working days left, calendar error) of an open message; Nones when closed.
    A message submitted while the calendar lacked its year gets its due date once staff have
    entered the year."""
    if not message.is_open:
        return None, None, None
    try:
        due = message.due_on or workflow.reply_due(
            calendar, message.period_start, message.period_days
        )
        return due, workflow.remaining(calendar, today, due), None
    except CalendarYearMissing as error:
        return None, None, str(error)


@view_required
def queue(request):
    today = timezone.localdate()
    calendar = working_calendar()
    found = Message.objects.select_related("department", "officer", "topic")
    status = request.GET.get("status", "open")
    if status == "open":
        found = found.filter(status__in=[s.value for s in workflow.OPEN_STATUSES])
    elif status in {s.value for s in Status}:
        found = found.filter(status=status)
    kind = request.GET.get("kind", "")
    if kind in {k.value for k in workflow.Kind}:
        found = found.filter(kind=kind)
    department = request.GET.get("department", "")
    if department.isdigit():
        found = found.filter(department_id=int(department))
    officer = request.GET.get("officer", "")
    if officer == "me":
        found = found.filter(officer=request.user)
    elif officer == "none":
        found = found.filter(officer__isnull=True)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        found = found.filter(Q(number__icontains=query) | Q(title__icontains=query))
    due = request.GET.get("due", "")
    soon = conf.reminder_working_days()
    rows, errors = [], set()
    for message in found:
        due_on, remaining, error = _clock(message, calendar, today)
        if error:
            errors.add(error)
        if due == "soon" and not (remaining is not None and 0 <= remaining <= soon):
            continue
        if due == "overdue" and not (remaining is not None and remaining < 0):
            continue
        rows.append({"message": message, "due": due_on, "remaining": remaining, "error": error})
    rows.sort(key=lambda row: (row["remaining"] is None, row["remaining"] or 0))
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    context = {
        "page_title": "互动交流留言办理",
        "header_icon": "mail",
        "rows": page,
        "statuses": [("open", "全部未办结")]
        + [(s.value, s.label) for s in Status]
        + [("all", "全部")],
        "kinds": [(k.value, k.label) for k in workflow.Kind],
        "departments": Organisation.objects.all(),
        "filters": {
            "status": status,
            "kind": kind,
            "department": department,
            "officer": officer,
            "due": due,
            "q": query,
        },
        "soon": soon,
        "calendar_errors": sorted(errors),
    }
    return render(request, "interaction/admin/queue.html", context)


@view_required
def detail(request, pk):
    message = get_object_or_404(
        Message.objects.select_related("department", "officer", "topic", "closed_by"), pk=pk
    )
    due_on, remaining, clock_error = _clock(message, working_calendar(), timezone.localdate())
    actions = []
    if request.user.has_perm("interaction.change_message"):
        for action in workflow.allowed_actions(message.facts()):
            if action == Action.SAVE_DRAFT:
                continue  # part of the reply form
            if action in (Action.PUBLISH, Action.UNPUBLISH) and not request.user.has_perm(
                "interaction.publish_message"
            ):
                continue
            actions.append(action)
    page = message.public_page_or_none
    context = {
        "page_title": f"留言 {message.number}",
        "header_icon": "mail",
        "message": message,
        "masked": masked(message),
        "may_view_full": can_view_in_full(request.user, message),
        "due": due_on,
        "remaining": remaining,
        "clock_error": clock_error,
        "actions": actions,
        "events": message.events.select_related("actor", "department"),
        "public_page": page,
        "faq": FaqPage.objects.filter(promoted_from=message).first(),
        "may_promote": bool(
            page and page.live and request.user.has_perm("interaction.publish_message")
        ),
        "rating": rating_summary(message),
        "accesses": message.personal_data_accesses.select_related("user")[:20],
    }
    return render(request, "interaction/admin/detail.html", context)


@require_POST
@view_required
def personal_data(request, pk):
    """The writer's details in full (POST only: every view is a deliberate, logged act)."""
    message = get_object_or_404(Message, pk=pk)
    try:
        data = services.reveal_personal_data(message, request.user)
    except PermissionDenied as error:
        flash.error(request, str(error))
        return redirect("interaction_admin:detail", pk=pk)
    context = {
        "page_title": f"留言人信息 {message.number}",
        "header_icon": "user",
        "message": message,
        "data": data,
    }
    return render(request, "interaction/admin/personal_data.html", context)


def _initial(message, action):
    if action == Action.REPLY:
        return {"text": message.reply_draft}
    if action == Action.PUBLISH:
        text = services.public_text(message)
        return {"title": text.title, "question": text.question, "answer": text.answer}
    return {}


@change_required
def action(request, pk, action):
    """One workflow action on a message. The reply form also saves drafts; the publish form
    starts from the text without personal data and shows what was removed."""
    message = get_object_or_404(Message, pk=pk)
    action, form_class = action_form(Action, ACTION_FORMS, action)
    try:
        workflow.check(action, message.facts())
    except TransitionNotAllowed as error:
        flash.error(request, str(error))
        return redirect("interaction_admin:detail", pk=pk)
    kwargs = {"message": message} if action == Action.TRANSFER else {}
    form = form_class(request.POST or None, initial=_initial(message, action), **kwargs)
    draft = action == Action.REPLY and "save_draft" in request.POST
    if request.method == "POST" and form.is_valid():
        performed = Action.SAVE_DRAFT if draft else action
        try:
            services.perform(
                message,
                performed,
                actor=request.user,
                note=form.cleaned_data["note"],
                **form.params(),
            )
        except (TransitionNotAllowed, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            if draft:
                flash.success(request, "答复草稿已保存。")
                return redirect("interaction_admin:action", pk=pk, action=action.value)
            flash.success(request, f"已{action.label}。")
            if action == Action.PUBLISH:
                problems = services.publication_problems(**form.params())
                for warning in problems.warnings:
                    flash.warning(request, f"请核对：{warning}")
            return redirect("interaction_admin:detail", pk=pk)
    context = {
        "page_title": f"{action.label}：{message.number}",
        "header_icon": "mail",
        "message": message,
        "action": action,
        "form": form,
    }
    if action == Action.PUBLISH:
        removed = services.public_text(message).removed
        context["removed"] = redaction.describe(removed)
    return render(request, "interaction/admin/action.html", context)


@require_POST
@permission_required("interaction.publish_message")
def promote(request, pk):
    """设为常见问题, then on to the new entry's editor to link its policy documents."""
    message = get_object_or_404(Message, pk=pk)
    try:
        faq = services.promote_to_faq(message, actor=request.user)
    except (TransitionNotAllowed, PermissionDenied) as error:
        flash.error(request, str(error))
        return redirect("interaction_admin:detail", pk=pk)
    flash.success(request, f"已设为常见问题“{faq.title}”，可在此关联依据的政策文件和解读。")
    return redirect(reverse("wagtailadmin_pages:edit", args=[faq.pk]))


@view_required
def statistics_view(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year)
    from_month = today.replace(year=year, month=1, day=1)
    rows = statistics.monthly(from_month, 12)
    context = {
        "page_title": f"{year}年互动交流办理统计",
        "header_icon": "table",
        "year": year,
        "years": range(today.year, 2018, -1),
        "rows": rows,
        "overall": statistics.total(rows, f"{year}年合计"),
        "open": statistics.open_count(),
        "handlers": handlers(),
        "reply_days": [(kind.label, conf.reply_working_days(kind.value)) for kind in workflow.Kind],
    }
    return render(request, "interaction/admin/statistics.html", context)
