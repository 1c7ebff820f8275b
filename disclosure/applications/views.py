"""Public views: the application form, the one-time receipt, the status look-up, letters.

Order of checks on the form (issue 11): the rate limit first, then the captcha; only a
request that passed both has its upload read, so neither the 换一张 (new captcha) button nor
a refused (429) request costs the server the decoding of an image or a PDF.

The form's button leads to a 核对 page (issue 14, a review step before submitting): what was
entered, as the bureau will read it, with 确认提交 and 返回修改. That page re-sends the entered
values with a signed review token in place of the captcha already answered; the token binds
the values and the kept upload, so nothing can be changed between 核对 and 确认. A POST
without the review step (scripts written against the earlier form) is submitted directly
after the same checks, as before.

The status page answers HTML, or JSON (``Accept: application/json`` or the ``.json`` URL) for
a 政务服务 app or mini-program, after the same 受理编号 + 查询码 check and with the same content.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from core.clients import client_hash
from core.rules.working_days import CalendarYearMissing
from disclosure.calendar import working_calendar
from disclosure.exports import csv_bytes
from disclosure.models import DisclosureColumnPage
from portal.downloads import set_attachment

from . import conf, letter_files, public_statistics, services, statistics
from .forms import LookupForm, PublicApplicationForm
from .models import Application, Letter, LookupAttempt, normalise_lookup_code
from .units import receiving_units
from .uploads import UploadRejected, check_upload

# The 查询码 travels to the receipt page in a short-lived signed cookie of the applicant's own
# browser, never in the server-side session: it is shown once and stored nowhere readable.
RECEIPT_COOKIE = "applications_receipt"
RECEIPT_COOKIE_SALT = "applications.receipt"
RECEIPT_SECONDS = 120
LOOKED_UP_SESSION_KEY = "applications_looked_up"


def landing(request):
    """The old landing page: 依申请公开 has one landing page, the site's own 依申请公开 column
    (首页 → 政府信息公开 → the column that shows an office with a 网上申请 address; a unit's
    column deeper down on the banner portal is that unit's); else the form itself."""
    return redirect(application_column_url(request) or reverse("applications:apply"))


def application_column_url(request):
    site = Site.find_for_request(request)
    if site is None:
        return ""
    column = (
        DisclosureColumnPage.objects.live()
        .public()
        .in_site(site)
        .filter(depth=site.root_page.depth + 2)
        .exclude(contact_office__online_application_url="")
        .exclude(contact_office=None)
        .order_by("path")
        .first()
    )
    return column.get_url(request) if column else ""


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


def _form(request, data=None, files=None, initial=None, reviewed=False):
    units = receiving_units()
    initial = dict(initial or {})
    if data is None and "unit" not in initial:
        initial["unit"] = _chosen_unit(request, units)
    return PublicApplicationForm(data, files, units=units, initial=initial, reviewed=reviewed)


REVIEW_SALT = "applications.review"
REVIEW_SECONDS = 60 * 60  # the 核对 page may stay open an hour
REVIEW_EXPIRED = "核对页面已过期或内容有变动，请核对下方内容，输入验证码后重新提交。"


def _review_digest(form, upload_token: str) -> str:
    values = [*form.entered_values(), ("upload_token", upload_token)]
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()


def review_token(form, upload_token: str) -> str:
    """Signed proof that this form's values (and kept upload) passed the captcha."""
    return signing.dumps(_review_digest(form, upload_token), salt=REVIEW_SALT)


def _review_passed(form, token: str, upload_token: str) -> bool:
    try:
        digest = signing.loads(token, salt=REVIEW_SALT, max_age=REVIEW_SECONDS)
    except signing.BadSignature:  # also SignatureExpired
        return False
    return digest == _review_digest(form, upload_token)


def _recent_submissions(source):
    since = timezone.now() - timedelta(hours=1)
    return Application.objects.filter(client_hash=source, submitted_at__gte=since).count()


def _read_upload(form, request) -> services.UploadedDocument | None:
    """The checked upload of this request, or the one kept from an earlier attempt; a newly
    chosen file replaces the kept one. Adds a form error when the file is refused. Call only
    after the rate limit and the captcha passed."""
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
    return _kept_upload(form, request)


def _kept_upload(form, request) -> services.UploadedDocument | None:
    """The upload kept from an earlier attempt (nothing new is read)."""
    token = request.POST.get("upload_token", "")
    document = services.kept_upload(token)
    if document is not None:
        form.kept_upload_token = token
    return document


UPLOAD_REQUIRED = "请上传身份证明或证照的扫描件或照片（条例第二十九条）。"
NOT_READ = "为保护服务器，更换验证码或提交过于频繁时不读取新选择的文件，请在提交时重新选择。"


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    """The online application form (条例第二十九条)."""
    if request.method != "POST":
        return render(request, "applications/apply.html", {"form": _form(request)})
    if "confirm" in request.POST:
        return _confirm(request)
    form = _form(request, request.POST, request.FILES)
    form.kept_upload_token = ""
    if "refresh_captcha" in request.POST or "edit" in request.POST:
        # "换一张": the same form with a new captcha; nothing typed is lost, nothing is read.
        # "返回修改" on the 核对 page: the form again, as entered, with the kept upload.
        document = _kept_upload(form, request)
        fresh = _form(request, initial=request.POST.dict())
        notice = NOT_READ if request.FILES.get("id_document") else ""
        return _render_form(request, fresh, document, form.kept_upload_token, notice=notice)
    source = client_hash(request)
    limit = conf.submissions_per_hour()
    if _recent_submissions(source) >= limit:
        form.is_valid()
        form.add_error(
            None, f"提交过于频繁（每小时最多 {limit} 件），请稍后再试，已填写的内容保留在下方。"
        )
        document = _kept_upload(form, request)
        notice = NOT_READ if request.FILES.get("id_document") else ""
        return _render_form(
            request, form, document, form.kept_upload_token, status=429, notice=notice
        )
    valid = form.is_valid()
    if "captcha" in form.errors:
        # A wrong captcha: the upload is not read (a kept one stays kept).
        document = _kept_upload(form, request)
        notice = NOT_READ if request.FILES.get("id_document") else ""
        if document is None and not notice:
            form.add_error("id_document", UPLOAD_REQUIRED)
        return _render_form(
            request, form, document, form.kept_upload_token, status=400, notice=notice
        )
    document = _read_upload(form, request)
    if document is None and "id_document" not in form.errors:
        form.add_error("id_document", UPLOAD_REQUIRED)
    if not valid or not form.is_valid():
        return _render_form(request, form, document, form.kept_upload_token, status=400)
    if "review" in request.POST:
        return _render_review(request, form)
    return _submit(request, form, document, source)


def _render_review(request, form):
    context = {
        "form": form,
        "rows": form.review_rows(),
        "entered": form.entered_values(),
        "upload_token": form.kept_upload_token,
        "review_token": review_token(form, form.kept_upload_token),
    }
    return render(request, "applications/apply_review.html", context)


def _confirm(request):
    """确认提交 on the 核对 page: the values it re-sent, checked again (rate limit, the signed
    review token, the fields, the kept upload), then submitted."""
    form = _form(request, request.POST, reviewed=True)
    form.kept_upload_token = ""
    source = client_hash(request)
    limit = conf.submissions_per_hour()
    document = _kept_upload(form, request)
    if _recent_submissions(source) >= limit:
        again = _again(request)
        again.add_error(
            None, f"提交过于频繁（每小时最多 {limit} 件），请稍后再试，已填写的内容保留在下方。"
        )
        return _render_form(request, again, document, form.kept_upload_token, status=429)
    review = request.POST.get("review_token", "")
    if not _review_passed(form, review, request.POST.get("upload_token", "")):
        again = _again(request)
        again.add_error(None, REVIEW_EXPIRED)
        return _render_form(request, again, document, form.kept_upload_token, status=400)
    if not form.is_valid() or document is None:
        again = _again(request)
        if document is None:
            again.add_error("id_document", UPLOAD_REQUIRED)
        return _render_form(request, again, document, form.kept_upload_token, status=400)
    return _submit(request, form, document, source)


def _again(request):
    """The form once more, as entered (with a new captcha), after a refused confirmation."""
    again = _form(request, request.POST)
    again.is_valid()
    again.errors.pop("captcha", None)
    return again


def _submit(request, form, document, source):
    application, code = services.submit_online(
        form.application_fields(),
        document=document,
        client_hash=source,
        upload_token=form.kept_upload_token,
    )
    response = redirect("applications:receipt")
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        json.dumps({"pk": application.pk, "code": code}),
        salt=RECEIPT_COOKIE_SALT,
        max_age=RECEIPT_SECONDS,
        path=reverse("applications:receipt"),
        secure=request.is_secure(),
        httponly=True,
        samesite="Strict",
    )
    return response


def _render_form(request, form, document, token, status=200, notice=""):
    context = {
        "form": form,
        "kept_upload": document is not None,
        "upload_token": token,
        "upload_notice": notice,
    }
    return render(request, "applications/apply.html", context, status=status)


@never_cache
def receipt(request):
    """The receipt, shown once: the 查询码 is not stored in a readable form anywhere."""
    raw = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=RECEIPT_COOKIE_SALT, max_age=RECEIPT_SECONDS
    )
    data = json.loads(raw) if raw else None
    if not isinstance(data, dict) or "pk" not in data:
        response = render(request, "applications/receipt_gone.html", status=410)
    else:
        application = get_object_or_404(Application, pk=data["pk"])
        context = {"application": application, "code": data["code"]}
        response = render(request, "applications/receipt.html", context)
    response.delete_cookie(RECEIPT_COOKIE, path=reverse("applications:receipt"))
    return response


def _failed_lookups(source):
    since = timezone.now() - services.LOOKUP_WINDOW
    return LookupAttempt.objects.filter(client_hash=source, at__gte=since, succeeded=False).count()


_dummy_hash = None


def _dummy_lookup_hash() -> str:
    """A hash made like a real 查询码's: checked when the 受理编号 does not exist, so a wrong
    number costs as much time as a wrong code (no timing hint that a number exists)."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = make_password(services.generate_lookup_code())
    return _dummy_hash


def find_application(number: str, code: str) -> Application | None:
    """The application with this 受理编号 and 查询码, or None; the same work either way."""
    application = Application.objects.filter(number=number.strip().upper()).first()
    if application is None:
        check_password(normalise_lookup_code(code), _dummy_lookup_hash())
        return None
    return application if application.check_lookup_code(code) else None


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


@never_cache
@require_http_methods(["GET", "POST"])
def status(request):
    """Status look-up by 受理编号 + 查询码: state, key dates, due date, letters sent."""
    form = LookupForm(request.POST or None)
    as_json = wants_json(request)
    if request.method != "POST":
        return render(request, "applications/status.html", {"form": form})
    source = client_hash(request)
    limit = conf.lookups_per_hour()
    if _failed_lookups(source) >= limit:
        message = f"查询失败次数过多（每小时最多 {limit} 次），请一小时后再试。"
        if as_json:
            return JsonResponse({"error": message}, status=429)
        form.add_error(None, message)
        return render(request, "applications/status.html", {"form": form}, status=429)
    application = None
    if form.is_valid():
        application = find_application(form.cleaned_data["number"], form.cleaned_data["code"])
        if application is None:
            form.add_error(None, "受理编号或查询码不正确，请核对后重新输入。")
    services.record_lookup(source, succeeded=application is not None)
    if application is None:
        if as_json:
            errors = [str(e) for field in form.errors.values() for e in field]
            return JsonResponse({"error": "；".join(errors)}, status=400)
        return render(request, "applications/status.html", {"form": form}, status=400)
    seen = set(request.session.get(LOOKED_UP_SESSION_KEY, []))
    seen.add(application.pk)
    request.session[LOOKED_UP_SESSION_KEY] = sorted(seen)
    if as_json:
        return JsonResponse(status_json(request, application))
    return redirect("applications:status_detail", number=application.number)


def _looked_up(request, number):
    application = Application.objects.filter(number=number).first()
    if application is None or application.pk not in request.session.get(LOOKED_UP_SESSION_KEY, []):
        return None
    return application


@never_cache
def status_detail(request, number):
    """The status page of one application, for a session that looked it up."""
    application = _looked_up(request, number)
    if application is None:
        if wants_json(request):
            return JsonResponse({"error": "请先凭受理编号和查询码查询。"}, status=403)
        return redirect("applications:status")
    if wants_json(request):
        return JsonResponse(status_json(request, application))
    return render(request, "applications/status_detail.html", status_context(application))


@never_cache
def status_detail_json(request, number):
    """The same as status_detail with ``Accept: application/json``."""
    application = _looked_up(request, number)
    if application is None:
        return JsonResponse({"error": "请先凭受理编号和查询码查询。"}, status=403)
    return JsonResponse(status_json(request, application))


def status_context(application):
    due = remaining = None
    paused = False
    no_due = ""
    if application.is_open and application.received_on:
        try:
            reading = application.read_clock(working_calendar())
            due, remaining, paused = reading.due, reading.remaining, reading.paused
            no_due = reading.why_no_due
        except CalendarYearMissing:
            due = None  # staff see the error; the applicant sees no guessed date
            no_due = "答复期限待工作人员确认"
    elif application.is_open:
        no_due = "待工作人员确认收到申请的日期后起算答复期限"
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
        "no_due": no_due,
        "letters": letters,
        "events": [e for e in application.transitions.all() if e.action != "assign"],
    }


def _iso(value):
    return value.isoformat() if value else None


def status_json(request, application) -> dict:
    """What the HTML status page shows, as JSON: no personal data beyond the masked name."""
    context = status_context(application)
    return {
        "number": application.number,
        "applicant": application.masked_name,
        "information_title": application.information_title,
        "status": application.status,
        "status_label": application.get_status_display(),
        "resolution": application.resolution or None,
        "resolution_label": application.resolution_label or None,
        "submitted_on": _iso(timezone.localtime(application.submitted_at).date()),
        "received_on": _iso(application.received_on),
        "corrected_on": _iso(application.corrected_on),
        "due_on": _iso(context["due"]),
        "no_due_reason": context["no_due"] or None,
        "clock_paused": context["paused"],
        "extension_days": application.extension_days,
        "closed_on": _iso(application.closed_on),
        "letters": [
            {
                "title": letter.title,
                "sent_on": _iso(timezone.localtime(letter.sent_at).date()),
                "url": request.build_absolute_uri(reverse("applications:letter", args=[letter.pk])),
                "docx_url": request.build_absolute_uri(
                    reverse("applications:letter", args=[letter.pk]) + "?format=docx"
                ),
            }
            for letter in context["letters"]
        ],
        "events": [
            {
                "date": _iso(event.effective_on or timezone.localtime(event.at).date()),
                "action": event.get_action_display(),
                "status": event.get_to_status_display(),
            }
            for event in context["events"]
        ],
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


# -- 依申请公开统计 (public_statistics.py) -------------------------------------------------


def _statistics_or_none(year):
    today = timezone.localdate()
    if not public_statistics.FIRST_YEAR <= year <= today.year:
        return None
    return public_statistics.year_statistics(year, today)


def _statistics_or_404(year):
    stats = _statistics_or_none(year)
    if stats is None:
        raise Http404("没有这一年的依申请公开统计。")
    return stats


def statistics_year(request, year=None):
    """/applications/statistics/ (this year to date) and /applications/statistics/<year>/; a
    year outside 2008…this year is a 404 that says which years there are."""
    today = timezone.localdate()
    year = today.year if year is None else year
    stats = _statistics_or_none(year)
    years = public_statistics.published_years(today)
    if stats is None:
        context = {"year": year, "years": years, "first_year": public_statistics.FIRST_YEAR}
        return render(request, "applications/statistics_missing.html", context, status=404)
    earlier = [y for y in sorted(years) if y < year][-5:]
    tables = [(y, statistics.table3_for_year(y)) for y in earlier]
    return render(
        request,
        "applications/statistics.html",
        {
            "stats": stats,
            "years": years,
            "table3_columns": public_statistics.TABLE3_COLUMNS,
            "charts": public_statistics.charts(stats, tables),
            "suppress_below": conf.statistics_suppress_below(),
        },
    )


def statistics_json(request, year):
    stats = _statistics_or_404(year)
    response = JsonResponse(stats.as_json(), json_dumps_params={"ensure_ascii": False})
    return set_attachment(response, f"依申请公开统计-{year}.json")


def statistics_csv(request, year):
    stats = _statistics_or_404(year)
    rows = [[key, label, value] for key, label, value in stats.summary()]
    rows += [[row.code, row.label, *cells] for row, cells in stats.published_table3()]
    content = csv_bytes(["代码", "项目", *public_statistics.TABLE3_COLUMNS], rows)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    return set_attachment(response, f"依申请公开统计-{year}.csv")
