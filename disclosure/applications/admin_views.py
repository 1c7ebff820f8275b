"""The officers' side in the Wagtail admin: queue, case page, registration, actions,
letters, personal data (masked unless allowed, every full view logged), fees, statistics."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.permissions import permission_required
from core.rules import fees
from core.rules.annual_report import TABLE3_COLUMNS, TABLE3_ROWS
from core.rules.deadlines import reply_due_date, third_party_reply_due
from core.rules.working_days import CalendarYearMissing
from disclosure.calendar import working_calendar
from disclosure.units import user_scope

from . import conf, letter_files, letters, services, statistics, workflow
from .clock import correction_deadline
from .forms import (
    ACTION_FORMS,
    DEFAULT_REASONS,
    AssignForm,
    FeeCalculatorForm,
    LetterForm,
    RegisterApplicationForm,
)
from .models import Application, IdentityDocument, Letter
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
    if query:
        cases = cases.filter(Q(number__icontains=query) | Q(information_title__icontains=query))
    due = request.GET.get("due", "")
    soon = conf.reminder_working_days()
    rows, calendar_errors = [], set()
    for application in cases:
        reading, error = _reading(application, calendar, today)
        if error:
            calendar_errors.add(error)
        if due == "soon" and not (reading and 0 <= reading.remaining <= soon):
            continue
        if due == "overdue" and not (reading and reading.remaining < 0):
            continue
        rows.append({"application": application, "reading": reading, "error": error})
    rows.sort(
        key=lambda row: (row["reading"] is None, row["reading"].remaining if row["reading"] else 0)
    )
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
        "q": query,
        "soon": soon,
        "calendar_errors": sorted(calendar_errors),
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
    correction_due = None
    if (
        application.status == Status.ACCEPTED
        and application.received_on
        and not (application.correction_requested_on)
    ):
        try:
            correction_due = correction_deadline(calendar, application.received_on)
        except CalendarYearMissing as error:
            clock_error = str(error)
    can_change = request.user.has_perm("applications.change_application")
    actions = []
    if can_change:
        for action in workflow.allowed_actions(application.facts()):
            if action == Action.EXTEND and not request.user.has_perm(
                "applications.approve_extension"
            ):
                continue
            actions.append(action)
    document = IdentityDocument.objects.filter(application=application).first()
    context = {
        "page_title": f"申请 {application.number}",
        "header_icon": "form",
        "application": application,
        "masked": masked(application),
        "may_view_full": can_view_in_full(request.user, application),
        "reading": reading,
        "clock_error": clock_error,
        "correction_due": correction_due,
        "actions": actions,
        "transitions": application.transitions.select_related("actor"),
        "consultations": application.consultations.all(),
        "letters": application.letters.all(),
        "document": document,
        "accesses": application.personal_data_accesses.select_related("user")[:20],
    }
    return render(request, "applications/admin/detail.html", context)


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
        params["reply_due_on"] = third_party_reply_due(working_calendar(), action_date)
    if form.letter_kind == "fee":
        scale = form.cleaned_data["scale"]
        amount, facts = services.fee_amount(application, scale, pages=form.params()["pages"])
        params["amount"] = f"{amount:.2f}"
        params["fee_due_on"] = working_calendar().add_working_days(
            action_date, conf.fee_payment_working_days()
        )
        if scale == fees.BY_PAGES:
            params["basis"] = f"按量计收，共{facts['pages']}页"
        else:
            params["basis"] = f"按件计收，为您本月提交的第{facts['filed_earlier'] + 1}件申请"
    return params


@change_required
def action(request, pk, action):
    """Perform one workflow action. Actions that send a letter take two steps: the officer
    fills in the facts, then edits the drafted letter and confirms."""
    application = _case(request, pk)
    try:
        action = Action(action)
    except ValueError:
        raise Http404("未知的办理操作") from None
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404("未知的办理操作")
    kwargs = {"application": application}
    if form_class is AssignForm:
        kwargs["officers"] = officers(application.unit)
    resolution_for = {
        Action.CORRECTION_LAPSED: "other_1",
        Action.PAYMENT_LAPSED: "other_2",
        Action.WITHDRAW: workflow.WITHDRAWN_RESOLUTION,
    }
    initial = {"reason": DEFAULT_REASONS.get(action, ""), "effective_on": timezone.localdate()}
    if action == Action.CONFIRM:
        initial["received_on"] = timezone.localdate()
    form = form_class(request.POST or None, initial=initial, **kwargs)
    letter_form = None
    step = request.POST.get("step", "facts")
    context = {
        "page_title": f"{action.label}：{application.number}",
        "header_icon": "form",
        "application": application,
        "action": action,
        "form": form,
    }
    try:
        workflow.check(
            action, application.facts(), resolution="granted" if action == Action.REPLY else None
        )
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
        return redirect("applications_admin:detail", pk=pk)
    if request.method == "POST" and form.is_valid():
        resolution = (
            form.resolution() if hasattr(form, "resolution") else resolution_for.get(action)
        )
        try:
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
                    **form.params(),
                )
                messages.success(request, f"已{action.label}。")
                return redirect("applications_admin:detail", pk=pk)
        except _ShowAgain:
            pass
        except (TransitionNotAllowed, PermissionDenied, CalendarYearMissing) as error:
            form.add_error(None, str(error))
            letter_form = None
    context["letter_form"] = letter_form
    return render(request, "applications/admin/action.html", context)


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
        "fee_notices": statistics.fee_notices(year, unit),
    }
    return render(request, "applications/admin/statistics.html", context)
