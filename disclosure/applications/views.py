"""Public views: the application form, the one-time receipt, the status look-up, letters."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from core.clients import client_hash
from core.rules.working_days import CalendarYearMissing
from disclosure.calendar import working_calendar

from . import conf, letter_files, services
from .forms import LookupForm, PublicApplicationForm
from .models import Application, Letter, LookupAttempt
from .units import receiving_units
from .uploads import UploadRejected, check_upload

RECEIPT_SESSION_KEY = "applications_receipt"
LOOKED_UP_SESSION_KEY = "applications_looked_up"


def landing(request):
    return render(request, "applications/landing.html", {"units": receiving_units()})


def _chosen_unit(request, units):
    """The 受理机关 preselected: ?unit=<id> (the link on a unit's 依申请公开 column), else the
    unit whose own site this is."""
    wanted = request.GET.get("unit", "")
    if wanted.isdigit():
        found = units.filter(pk=int(wanted)).first()
        if found is not None:
            return found.pk
    site = Site.find_for_request(request)
    if site is None:
        return None
    return units.filter(section_root_id=site.root_page_id).values_list("pk", flat=True).first()


def _form(request, data=None, files=None, initial=None):
    units = receiving_units()
    initial = dict(initial or {})
    if data is None and "unit" not in initial:
        initial["unit"] = _chosen_unit(request, units)
    return PublicApplicationForm(data, files, units=units, initial=initial)


def _recent_submissions(source):
    since = timezone.now() - timedelta(hours=1)
    return Application.objects.filter(client_hash=source, submitted_at__gte=since).count()


def _keep_upload(form, request) -> services.UploadedDocument | None:
    """The checked upload of this request, or the one kept from an earlier attempt; a newly
    chosen file replaces the kept one. Adds a form error when the file is refused."""
    uploaded = request.FILES.get("id_document")
    if uploaded is not None:
        try:
            content_type, data = check_upload(uploaded)
        except UploadRejected as error:
            form.add_error("id_document", f"{error}。")
            return None
        document = services.UploadedDocument(content_type, data)
        form.kept_upload_token = services.keep_upload(document)
        return document
    token = request.POST.get("upload_token", "")
    document = services.kept_upload(token)
    if document is not None:
        form.kept_upload_token = token
    return document


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    """The online application form (条例第二十九条)."""
    if request.method != "POST":
        return render(request, "applications/apply.html", {"form": _form(request)})
    form = _form(request, request.POST, request.FILES)
    form.kept_upload_token = ""
    if "refresh_captcha" in request.POST:
        # "换一张": show the same form with a new captcha; nothing typed is lost.
        document = _keep_upload(form, request)
        fresh = _form(request, initial=request.POST.dict())
        return _render_form(request, fresh, document, form.kept_upload_token)
    source = client_hash(request)
    limit = conf.submissions_per_hour()
    if _recent_submissions(source) >= limit:
        form.is_valid()
        form.add_error(
            None, f"提交过于频繁（每小时最多 {limit} 件），请稍后再试，已填写的内容保留在下方。"
        )
        document = _keep_upload(form, request)
        return _render_form(request, form, document, form.kept_upload_token, status=429)
    valid = form.is_valid()
    document = _keep_upload(form, request)
    if document is None and "id_document" not in form.errors:
        form.add_error("id_document", "请上传身份证明或证照的扫描件或照片（条例第二十九条）。")
    if not valid or not form.is_valid():
        return _render_form(request, form, document, form.kept_upload_token, status=400)
    application, code = services.submit_online(
        form.application_fields(),
        document=document,
        client_hash=source,
        upload_token=form.kept_upload_token,
    )
    request.session[RECEIPT_SESSION_KEY] = {"pk": application.pk, "code": code}
    return redirect("applications:receipt")


def _render_form(request, form, document, token, status=200):
    context = {"form": form, "kept_upload": document is not None, "upload_token": token}
    return render(request, "applications/apply.html", context, status=status)


@never_cache
def receipt(request):
    """The receipt, shown once: the 查询码 is not stored in a readable form anywhere."""
    data = request.session.pop(RECEIPT_SESSION_KEY, None)
    if data is None:
        return render(request, "applications/receipt_gone.html", status=410)
    application = get_object_or_404(Application, pk=data["pk"])
    return render(
        request, "applications/receipt.html", {"application": application, "code": data["code"]}
    )


def _failed_lookups(source):
    since = timezone.now() - timedelta(hours=1)
    return LookupAttempt.objects.filter(client_hash=source, at__gte=since, succeeded=False).count()


@never_cache
@require_http_methods(["GET", "POST"])
def status(request):
    """Status look-up by 受理编号 + 查询码: state, key dates, due date, letters sent."""
    form = LookupForm(request.POST or None)
    if request.method != "POST":
        return render(request, "applications/status.html", {"form": form})
    source = client_hash(request)
    limit = conf.lookups_per_hour()
    if _failed_lookups(source) >= limit:
        form.add_error(None, f"查询失败次数过多（每小时最多 {limit} 次），请一小时后再试。")
        return render(request, "applications/status.html", {"form": form}, status=429)
    application = None
    if form.is_valid():
        number = form.cleaned_data["number"].strip().upper()
        application = Application.objects.filter(number=number).first()
        if application is None or not application.check_lookup_code(form.cleaned_data["code"]):
            application = None
            form.add_error(None, "受理编号或查询码不正确，请核对后重新输入。")
    services.record_lookup(source, succeeded=application is not None)
    if application is None:
        return render(request, "applications/status.html", {"form": form}, status=400)
    seen = set(request.session.get(LOOKED_UP_SESSION_KEY, []))
    seen.add(application.pk)
    request.session[LOOKED_UP_SESSION_KEY] = sorted(seen)
    return redirect("applications:status_detail", number=application.number)


@never_cache
def status_detail(request, number):
    """The status page of one application, for a session that looked it up."""
    application = Application.objects.filter(number=number).first()
    if application is None or application.pk not in request.session.get(LOOKED_UP_SESSION_KEY, []):
        return redirect("applications:status")
    return render(request, "applications/status_detail.html", status_context(application))


def status_context(application):
    due = remaining = None
    paused = False
    if application.is_open and application.received_on:
        try:
            reading = application.read_clock(working_calendar())
            due, remaining, paused = reading.due, reading.remaining, reading.paused
        except CalendarYearMissing:
            due = None  # staff see the error; the applicant sees no guessed date
    letters = [
        letter
        for letter in application.letters.filter(sent_at__isnull=False)
        if letter.for_applicant
    ]
    return {
        "application": application,
        "due": due,
        "remaining": remaining,
        "paused": paused,
        "letters": letters,
        "events": application.transitions.all(),
    }


def _letter_for_session(request, pk):
    letter = get_object_or_404(
        Letter.objects.select_related("application"), pk=pk, sent_at__isnull=False
    )
    if not letter.for_applicant or letter.application_id not in request.session.get(
        LOOKED_UP_SESSION_KEY, []
    ):
        raise Http404("请先凭受理编号和查询码查询")
    return letter


@never_cache
def letter(request, pk):
    """A sent letter, printable; only after a successful look-up in this session."""
    letter = _letter_for_session(request, pk)
    if request.GET.get("format") == "docx":
        return letter_files.docx_response(letter)
    return render(request, "applications/letter_public.html", {"letter": letter})
