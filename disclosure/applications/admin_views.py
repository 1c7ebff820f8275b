"""The officers' side in the Wagtail admin: queue, case page, registration, actions,
letters, personal data (masked unless allowed, every full view logged), fees, statistics."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.permissions import permission_required
from core.rules import fees
from core.rules.annual_report import TABLE3_COLUMNS, TABLE3_ROWS
from core.rules.deadlines import (
    correction_notice_window,
    fee_payment_due,
    reply_due_date,
    third_party_reply_due,
)
from core.rules.working_days import CalendarYearMissing
from core.workflow import action_form
from disclosure.calendar import working_calendar
from disclosure.units import user_scope

from . import conf, letter_files, letters, roles, services, statistics, workflow
from .forms import (
    ACTION_FORMS,
    DEFAULT_REASONS,
    AssignForm,
    FeeCalculatorForm,
    LetterForm,
    RegisterApplicationForm,
)
from .models import (
    AccessChange,
    Application,
    IdentityDocument,
    Letter,
    Notification,
    OfficeHeadApproval,
)
from .personal_data import can_view_in_full, masked
from .units import cases_for, officers, registration_units
from .uploads import UploadRejected, check_upload
from .workflow import Action, Status, TransitionNotAllowed

view_required = permission_required("applications.view_application")
change_required = permission_required("applications.change_application")


def _case(request, pk, queryset=None):
    """The application `pk` if the user may see it (集约化: their units' cases), else 404."""
    return get_object_or_404(cases_for(request.user, queryset), pk=pk)


def _reading(application, calendar, today):
    """(ClockReading or None, error message or None) for the queue and the case page."""
    if not application.is_open or application.received_on is None:
        return None, None
    try:
        return application.read_clock(calendar, today), None
    except CalendarYearMissing as error:
        return None, str(error)


QUERY_MAX_LENGTH = 100  # a 受理编号 or part of an information title; longer input is cut

DUE_FILTERS = [
    ("soon", "即将到期"),
    ("overdue", "已超期"),
    ("correction_soon", "补正告知即将到期（收到后第5至7个工作日）"),
    ("correction_late", "补正告知超期"),
]


def _correction_window(application, calendar, today):
    """Where an 办理中 case stands with its 补正 notice, when none was sent yet."""
    if application.status != Status.ACCEPTED or application.correction_requested_on:
        return None
    if application.received_on is None:
        return None
    try:
        return correction_notice_window(calendar, application.received_on, today)
    except CalendarYearMissing:
        return None


def _queue_order(row):
    """Overdue and soon-due first; cases without a running clock (待补正, closed) last."""
    reading = row["reading"]
    if reading is None or reading.remaining is None:
        return (1, 0)
    return (0, reading.remaining)


@view_required
def queue(request):
    today = timezone.localdate()
    calendar = working_calendar()
    cases = cases_for(
        request.user,
        Application.objects.select_related("officer", "unit").prefetch_related("consultations"),
    )
    unit_choices = _unit_choices(request.user)
    unit = request.GET.get("unit", "")
    if unit.isdigit() and any(str(u.pk) == unit for u in unit_choices):
        cases = cases.filter(unit_id=int(unit))
    else:
        unit = ""
    status = request.GET.get("status", "open")
    if status == "open":
        cases = cases.filter(
            status__in=[s.value for s in workflow.OPEN_STATUSES]
            + [Status.AWAITING_CONFIRMATION.value]
        )
    elif status in {s.value for s in Status}:
        cases = cases.filter(status=status)
    officer = request.GET.get("officer", "")
    if officer == "me":
        cases = cases.filter(officer=request.user)
    elif officer == "none":
        cases = cases.filter(officer__isnull=True)
    elif officer.isdigit():
        cases = cases.filter(officer_id=int(officer))
    query = request.GET.get("q", "").strip()
    query_cut = len(query) > QUERY_MAX_LENGTH
    query = query[:QUERY_MAX_LENGTH]
    if query:
        cases = cases.filter(Q(number__icontains=query) | Q(information_title__icontains=query))
    due = request.GET.get("due", "")
    if due == "correction_late":
        cases = cases.filter(correction_notice_late=True)
    soon = conf.reminder_working_days()
    rows, calendar_errors = [], set()
    for application in cases:
        reading, error = _reading(application, calendar, today)
        if error:
            calendar_errors.add(error)
        window = _correction_window(application, calendar, today)
        if due == "soon" and not (reading and reading.remaining is not None):
            continue
        if due == "soon" and not 0 <= reading.remaining <= soon:
            continue
        if due == "overdue" and not (reading and reading.overdue):
            continue
        if due == "correction_soon" and not (window and window.warn):
            continue
        rows.append(
            {"application": application, "reading": reading, "error": error, "window": window}
        )
    rows.sort(key=_queue_order)
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    context = {
        "page_title": "依申请公开办理",
        "header_icon": "form",
        "rows": page,
        "statuses": [("open", "全部未办结")]
        + [(s.value, s.label) for s in Status]
        + [("all", "全部")],
        "status": status,
        "officers": officers(),
        "officer": officer,
        "unit_choices": unit_choices,
        "unit": unit,
        "due": due,
        "due_filters": DUE_FILTERS,
        "q": query,
        "query_cut": query_cut,
        "query_max": QUERY_MAX_LENGTH,
        "soon": soon,
        "calendar_errors": sorted(calendar_errors),
        "failed_notifications": Notification.objects.filter(
            sent_at__isnull=True, attempts__gt=0
        ).count(),
        "today": today,
    }
    return render(request, "applications/admin/queue.html", context)


@view_required
def detail(request, pk):
    application = _case(
        request, pk, Application.objects.select_related("officer", "extension_approved_by", "unit")
    )
    today = timezone.localdate()
    calendar = working_calendar()
    reading, clock_error = _reading(application, calendar, today)
    correction_window = None
    if (
        application.status == Status.ACCEPTED
        and application.received_on
        and not application.correction_requested_on
    ):
        try:
            correction_window = correction_notice_window(calendar, application.received_on, today)
        except CalendarYearMissing as error:
            clock_error = str(error)
    actions = []
    if request.user.has_perm("applications.change_application"):
        actions = services.available_actions(application, request.user, today)
    document = IdentityDocument.objects.filter(application=application).first()
    context = {
        "page_title": f"申请 {application.number}",
        "header_icon": "form",
        "application": application,
        "masked": masked(application),
        "may_view_full": can_view_in_full(request.user, application),
        "reading": reading,
        "clock_error": clock_error,
        "correction_window": correction_window,
        "actions": actions,
        "transitions": application.transitions.select_related("actor"),
        "consultations": application.consultations.all(),
        "letters": application.letters.all(),
        "document": document,
        "accesses": application.personal_data_accesses.select_related("user")[:20],
        "notifications": application.notifications.all()[:20],
    }
    return render(request, "applications/admin/detail.html", context)


@require_POST
@change_required
def resend_notification(request, pk, notification_pk):
    notification = get_object_or_404(Notification, pk=notification_pk, application_id=pk)
    try:
        services.resend_notification(notification)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        notification.refresh_from_db()
        messages.success(request, f"已重新发送：{notification.state}。")
    return redirect("applications_admin:detail", pk=pk)


@require_POST
@view_required
def personal_data(request, pk):
    """Show the personal data in full (POST only, so every view is a deliberate, logged act)."""
    application = _case(request, pk)
    try:
        data = services.reveal_personal_data(application, request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("applications_admin:detail", pk=pk)
    context = {
        "page_title": f"申请人完整个人信息 {application.number}",
        "header_icon": "user",
        "application": application,
        "data": data,
    }
    return render(request, "applications/admin/personal_data.html", context)


@require_POST
@view_required
def identity_document(request, pk):
    application = _case(request, pk)
    try:
        content_type, data = services.reveal_identity_document(application, request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("applications_admin:detail", pk=pk)
    except IdentityDocument.DoesNotExist as error:
        messages.error(request, str(error))
        return redirect("applications_admin:detail", pk=pk)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@permission_required("applications.add_application")
def register(request):
    """Register an application that came in person, by post, fax or email (Art.31 dates)."""
    units = registration_units(request.user)
    everywhere = user_scope(request.user, "applications.add_application").everything
    if not units.exists() and not everywhere:
        raise PermissionDenied("您所在单位尚未设置政府信息公开受理机构，无法登记申请。")
    form = RegisterApplicationForm(
        request.POST or None,
        request.FILES or None,
        officers=officers(),
        units=units,
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        document = None
        if request.FILES.get("id_document"):
            try:
                document = services.UploadedDocument(*check_upload(request.FILES["id_document"]))
            except UploadRejected as error:
                form.add_error("id_document", str(error))
        if not form.errors:
            application, code = services.create_application(
                form.application_fields(),
                channel=form.cleaned_data["channel"],
                actor=request.user,
                received_on=form.cleaned_data["received_on"],
                receipt_note=form.cleaned_data["receipt_note"],
                officer=form.cleaned_data["officer"],
                document=document,
            )
            context = {
                "page_title": "申请已登记",
                "header_icon": "form",
                "application": application,
                "code": code,
            }
            return render(request, "applications/admin/registered.html", context)
    return render(
        request,
        "applications/admin/register.html",
        {"page_title": "登记申请", "header_icon": "form", "form": form},
    )


def _unit_choices(user):
    """The units the queue can be filtered by (none when the user sees only one)."""
    choices = list(user_scope(user, "applications.view_application").units())
    return choices if len(choices) > 1 else []


def _preview_params(form, application):
    """Values for drafting the letter of an action before it is performed."""
    params = form.letter_params()
    action_date = form.cleaned_data["effective_on"]
    if form.letter_kind == "extension":
        params["new_due"] = reply_due_date(
            working_calendar(),
            application.received_on,
            corrected_on=application.corrected_on,
            paused=application.clock_facts().paused,
            extension_days=form.cleaned_data["days"],
        )
    if form.letter_kind == "consultation":
        received = form.cleaned_data.get("consultee_received_on") or action_date
        params["reply_due_on"] = third_party_reply_due(working_calendar(), received)
    if form.letter_kind == "fee":
        scale = form.cleaned_data["scale"]
        amount, facts = services.fee_amount(application, scale, pages=form.params()["pages"])
        params["amount"] = f"{amount:.2f}"
        received = form.cleaned_data.get("notice_received_on") or action_date
        params["fee_due_on"] = fee_payment_due(
            working_calendar(), received, conf.fee_payment_working_days()
        )
        if scale == fees.BY_PAGES:
            params["basis"] = f"按量计收，共{facts['pages']}页"
        else:
            params["basis"] = f"按件计收，为您本月提交的第{facts['filed_earlier'] + 1}件申请"
    return params


RESOLUTION_OF_ACTION = {
    Action.CORRECTION_LAPSED: "other_1",
    Action.PAYMENT_LAPSED: "other_2",
    Action.WITHDRAW: workflow.WITHDRAWN_RESOLUTION,
}


def submit_label(action: Action, sends_letter: bool) -> str:
    """确认受理, not 确认确认受理."""
    label = action.label if action.label.startswith("确认") else f"确认{action.label}"
    return f"{label}并发送告知书" if sends_letter else label


@change_required
def action(request, pk, action):
    """Perform one workflow action. Actions that send a letter take two steps: the officer
    fills in the facts, then edits the drafted letter and confirms; 返回修改 goes back to the
    facts with everything typed still there."""
    application = _case(request, pk)
    action, form_class = action_form(Action, ACTION_FORMS, action)
    today = timezone.localdate()
    if action not in services.available_actions(application, request.user, today):
        try:
            workflow.check_status(action, application.facts(today))
            services.check_permission(application, action, request.user)
            message = (
                f"答复期限已届满，“{action.label}”须由政府信息公开工作机构负责人补记并书面说明理由"
            )
        except (TransitionNotAllowed, PermissionDenied) as error:
            message = str(error)
        messages.error(request, message)
        return redirect("applications_admin:detail", pk=pk)
    kwargs = {"application": application}
    try:
        kwargs["late_due"] = services.decided_late(application, action, today)
    except CalendarYearMissing as error:
        messages.error(request, f"期限无法计算：{error}")
        return redirect("applications_admin:detail", pk=pk)
    if form_class is AssignForm:
        kwargs["officers"] = officers(application.unit)
    initial = {"reason": DEFAULT_REASONS.get(action, ""), "effective_on": today}
    if action in (Action.CONFIRM, Action.RECORD_CONSULTEE_RECEIPT):
        initial["received_on"] = today
    if action == Action.RECORD_FEE_NOTICE_RECEIPT:
        initial["received_on"] = today
    form = form_class(request.POST or None, initial=initial, **kwargs)
    letter_form = None
    step = request.POST.get("step", "facts")
    context = {
        "page_title": f"{action.label}：{application.number}",
        "header_icon": "form",
        "application": application,
        "action": action,
        "form": form,
        "submit_label": submit_label(action, False),
        "send_label": submit_label(action, True),
        "late_due": kwargs["late_due"],
    }
    if request.method == "POST" and step != "edit" and form.is_valid():
        resolution = (
            form.resolution() if hasattr(form, "resolution") else RESOLUTION_OF_ACTION.get(action)
        )
        try:
            _require_late_reason(form, application, action)
            if form.letter_kind and step == "facts":
                params = _preview_params(form, application)
                if resolution:
                    params["resolution"] = resolution
                title, body = letters.draft(form.letter_kind, application, **params)
                recipient = params.get("consultee", application.name)
                letter_form = LetterForm(
                    initial={"title": title, "body": body, "recipient": recipient}
                )
            else:
                letter = None
                if form.letter_kind:
                    letter_form = LetterForm(request.POST)
                    if not letter_form.is_valid():
                        raise _ShowAgain
                    letter = services.LetterDraft(form.letter_kind, **letter_form.cleaned_data)
                services.perform(
                    application,
                    action,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    effective_on=form.cleaned_data["effective_on"],
                    resolution=resolution if action == Action.REPLY else None,
                    letter=letter,
                    late_reason=form.cleaned_data.get("late_reason", ""),
                    **form.params(),
                )
                messages.success(request, f"已{action.label}。")
                return redirect("applications_admin:detail", pk=pk)
        except _ShowAgain:
            pass
        except (TransitionNotAllowed, PermissionDenied, CalendarYearMissing) as error:
            form.add_error(None, str(error))
            letter_form = None
    if letter_form is not None:
        context["facts"] = [
            (field.label, _shown(form, field)) for field in form if field.name != "late_reason"
        ]
    context["letter_form"] = letter_form
    return render(request, "applications/admin/action.html", context)


def _require_late_reason(form, application, action):
    """Ask for the office head's written reason before any letter is drafted, not at the end."""
    on = form.cleaned_data["effective_on"]
    if (
        services.decided_late(application, action, on)
        and not form.cleaned_data.get("late_reason", "").strip()
    ):
        form.add_error(
            "late_reason" if "late_reason" in form.fields else None,
            "答复期限已届满，补记本决定须由负责人填写书面理由。",
        )
        raise _ShowAgain


def _shown(form, field):
    """A fact as the confirmation step shows it: labels of choices, never their codes."""
    label = form.shown_value(field.name) if hasattr(form, "shown_value") else None
    if label:
        return label
    value = form.cleaned_data.get(field.name)
    if value in (None, ""):
        return "—"
    if hasattr(field.field, "label_from_instance"):
        return field.field.label_from_instance(value)
    if isinstance(field.field, forms.ChoiceField):
        return dict(field.field.choices).get(value, value)
    return value


class _ShowAgain(Exception):
    pass


@view_required
def letter_view(request, pk, letter_pk):
    letter = get_object_or_404(Letter, pk=letter_pk, application=_case(request, pk))
    if request.GET.get("format") == "docx":
        return letter_files.docx_response(letter)
    return render(request, "applications/admin/letter_print.html", {"letter": letter})


@view_required
def fee_calculator(request):
    form = FeeCalculatorForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        if data["scale"] == fees.BY_PAGES:
            result = fees.fee_for_application(fees.BY_PAGES, pages=data["pages"])
        else:
            result = fees.fee_for_application(
                fees.BY_COUNT, filed_earlier_this_month=data["filed_earlier"]
            )
    context = {
        "page_title": "信息处理费计算器",
        "header_icon": "decimal",
        "form": form,
        "result": result,
        "page_bands": fees.PAGE_BANDS,
    }
    return render(request, "applications/admin/fees.html", context)


@view_required
def statistics_view(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year - 1))
    except ValueError:
        year = this_year - 1
    year = min(max(year, 2000), this_year)
    scope = user_scope(request.user, "applications.view_application")
    unit_choices = list(scope.units())
    unit = next((u for u in unit_choices if str(u.pk) == request.GET.get("unit", "")), None)
    if unit is None and not scope.everything:
        unit = unit_choices[0] if unit_choices else None
        if unit is None:
            raise PermissionDenied("您不属于任何单位的依申请公开用户组。")
    table = statistics.table3_for_year(year, unit)
    rows = [(row, table[row.code]) for row in TABLE3_ROWS]
    scope_label = unit.name if unit else ("全平台" if unit_choices else "")
    context = {
        "page_title": f"{scope_label}{year}年政府信息公开申请情况（年报表三）",
        "unit_choices": unit_choices if (scope.everything or len(unit_choices) > 1) else [],
        "unit": unit,
        "all_units": scope.everything,
        "header_icon": "table",
        "year": year,
        "years": range(this_year, 2018, -1),
        "columns": TABLE3_COLUMNS,
        "rows": rows,
        "fees": statistics.fees_collected(year, unit),
        "timeliness": statistics.timeliness(year, unit=unit),
        "fee_notices": statistics.fee_notices(year, unit),
    }
    return render(request, "applications/admin/statistics.html", context)


def head_approvals(request):
    """负责人授权: who holds the office head's powers, who waits for a second administrator's
    approval, and the log of role changes that grant personal-data access. Open to the
    office head and officers' supervisors (view) and to administrators, who approve here."""
    if not (
        request.user.has_perm("applications.view_personal_data")
        or request.user.has_perm("auth.change_user")
    ):
        raise PermissionDenied("只有政府信息公开工作机构负责人和管理员可以查看负责人授权")
    if request.method == "POST":
        approval = get_object_or_404(OfficeHeadApproval, pk=request.POST.get("approval"))
        try:
            if request.POST.get("decision") == "approve":
                roles.approve(approval, request.user, request.POST.get("note", ""))
                messages.success(request, f"已批准 {approval.user.get_username()} 的负责人权限。")
            else:
                roles.reject(approval, request.user)
                messages.success(request, f"已驳回 {approval.user.get_username()} 的负责人权限。")
        except PermissionError as error:
            messages.error(request, str(error))
        return redirect("applications_admin:head_approvals")
    approvals = OfficeHeadApproval.objects.select_related("user", "requested_by", "approved_by")
    pending = [
        (approval, roles.may_approve(request.user, approval))
        for approval in approvals.filter(approved_at=None, revoked_at=None)
    ]
    context = {
        "page_title": "负责人授权与权限变更",
        "header_icon": "key",
        "pending": pending,
        "approved": approvals.filter(approved_at__isnull=False, revoked_at=None),
        "changes": AccessChange.objects.select_related("actor", "user")[:200],
    }
    return render(request, "applications/admin/head_approvals.html", context)


@view_required
def letter_wording(request):
    """答复文书用语: the decision and remedy paragraphs of every reply type, with their legal
    basis, as the letters draft them (letter_texts.yaml), for the office to review."""
    rows = [
        {"code": code, "label": workflow.resolution_label(code), **letters.reply_wording(code)}
        for code in workflow.RESOLUTIONS
    ]
    context = {"page_title": "答复文书用语", "header_icon": "doc-full", "rows": rows}
    return render(request, "applications/admin/letter_wording.html", context)
