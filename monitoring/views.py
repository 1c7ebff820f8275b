"""Public page (政务新媒体矩阵) and the admin views: dashboard, review queue, runs, reports,
imports. Admin views require the monitoring permissions granted to 内容监管 and 管理员."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Site

from core.permissions import permission_required
from core.redirects import redirect_to_next, safe_next_url
from disclosure.units import unit_of_site, units, user_scope
from portal.downloads import attachment_response

from . import services
from .checks import ALL_CHECKS
from .checks.base import SEVERITY_LABELS
from .dashboard import dashboard_context
from .forms import ImportForm, ReportForm, ReviewForm, RunForm
from .importers import ImportError_, read_messages, read_posts
from .models import Finding, MonitorRun, NewMediaAccount
from .reports import build_report, report_xlsx

# ---------------------------------------------------------------------------------------------
# Public
# ---------------------------------------------------------------------------------------------


def matrix(request):
    """政务新媒体矩阵: every open account, grouped by platform; ?unit=<id> shows one unit's
    (集约化), and a unit's own site shows its own by default."""
    accounts = NewMediaAccount.objects.exclude(
        lifecycle=NewMediaAccount.Lifecycle.CLOSED
    ).select_related("qr_image", "unit")
    with_units = list(units().filter(media_accounts__in=accounts).distinct())
    wanted = request.GET.get("unit", "")
    unit = next((u for u in with_units if str(u.pk) == wanted), None)
    if unit is None and "unit" not in request.GET:
        home = unit_of_site(Site.find_for_request(request))
        unit = home if home in with_units else None
    if unit is not None:
        accounts = accounts.filter(unit=unit)
    groups = []
    for value, label in NewMediaAccount.Platform.choices:
        members = [account for account in accounts if account.platform == value]
        if members:
            groups.append((label, members))
    context = {"groups": groups, "total": len(accounts), "unit": unit, "units": with_units}
    return render(request, "monitoring/matrix.html", context)


# ---------------------------------------------------------------------------------------------
# Admin
# ---------------------------------------------------------------------------------------------


VIEW_FINDING = "monitoring.view_finding"


def chosen_unit(request):
    """(unit or None, the units the user may choose from) for the unit filter (集约化).

    A unit's staff always see one of their units; the platform-wide roles may see all."""
    scope = user_scope(request.user, VIEW_FINDING)
    choices = list(scope.units())
    wanted = request.GET.get("unit", "")
    unit = next((u for u in choices if str(u.pk) == wanted), None)
    if unit is None and not scope.everything:
        if not choices:
            raise PermissionDenied("您不属于任何单位的内容监管用户组。")
        unit = choices[0]
    return unit, choices, scope


@permission_required(VIEW_FINDING)
def dashboard(request):
    unit, choices, scope = chosen_unit(request)
    context = dashboard_context(unit)
    context["unit_choices"] = choices
    context["all_units"] = scope.everything
    context["run_form"] = RunForm()
    context["can_run"] = request.user.has_perm("monitoring.add_monitorrun")
    return render(request, "monitoring/admin/dashboard.html", context)


@require_POST
@permission_required("monitoring.add_monitorrun")
def run_start(request):
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择监测范围。")
        return redirect("monitoring_admin:dashboard")
    scope = form.cleaned_data["scope"]
    busy = services.running_run(scope)
    if busy:
        messages.warning(request, f"监测任务 #{busy.pk} 正在运行，请等待其完成。")
        return redirect("monitoring_admin:run", busy.pk)
    run = services.start_run(scope, user=request.user)
    messages.success(request, f"监测任务 #{run.pk} 已开始。")
    return redirect("monitoring_admin:run", run.pk)


@permission_required("monitoring.view_monitorrun")
def run_detail(request, pk):
    run = get_object_or_404(MonitorRun, pk=pk)
    counts = []
    for check in ALL_CHECKS:
        if check.code in run.summary.get("findings", {}):
            counts.append((check, run.summary["findings"][check.code]))
    return render(
        request,
        "monitoring/admin/run.html",
        {"run": run, "counts": counts, "running": run.status in ("queued", "running")},
    )


@permission_required(VIEW_FINDING)
def findings(request):
    """The review queue: by default what is still present and not yet dismissed."""
    unit, choices, unit_scope = chosen_unit(request)
    queryset = unit_scope.filter(Finding.objects.select_related("account", "page", "unit"))
    if unit is not None:
        queryset = queryset.filter(unit=unit)
    status = request.GET.get("status", "open")
    if status == "open":
        queryset = queryset.filter(
            is_present=True, status__in=[Finding.Status.NEW, Finding.Status.CONFIRMED]
        )
    elif status in Finding.Status.values:
        queryset = queryset.filter(status=status)
    elif status == "gone":
        queryset = queryset.filter(is_present=False)
    severity = request.GET.get("severity", "")
    if severity:
        queryset = queryset.filter(severity=severity)
    check = request.GET.get("check", "")
    if check:
        queryset = queryset.filter(check_code=check)
    scope = request.GET.get("scope", "")
    if scope:
        queryset = queryset.filter(scope=scope)
    severity_order = Case(
        When(severity="veto", then=Value(0)),
        When(severity="deduct", then=Value(1)),
        default=Value(2),
    )
    rows = queryset.order_by(severity_order, "-last_seen_at", "-pk")
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "monitoring/admin/findings.html",
        {
            "page_obj": page,
            "status": status,
            "severity": severity,
            "check": check,
            "scope": scope,
            "query": query.urlencode(),
            "statuses": [("open", "待处理（待审核和已确认）")]
            + list(Finding.Status.choices)
            + [("gone", "已消失"), ("all", "全部")],
            "severities": [(key.value, label) for key, label in SEVERITY_LABELS.items()],
            "checks": ALL_CHECKS,
            "scopes": MonitorRun.Scope.choices[:2],
            "can_review": request.user.has_perm("monitoring.review_finding"),
            "unit": unit,
            "unit_choices": choices,
            "all_units": unit_scope.everything,
        },
    )


@permission_required(VIEW_FINDING)
def finding_detail(request, pk):
    scope = user_scope(request.user, VIEW_FINDING)
    finding = get_object_or_404(
        scope.filter(Finding.objects.select_related("account", "page", "unit")), pk=pk
    )
    form = ReviewForm()
    if request.method == "POST":
        if not request.user.has_perm("monitoring.review_finding"):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        if form.is_valid():
            finding = services.review(
                finding, form.cleaned_data["action"], form.cleaned_data["note"], request.user
            )
            messages.success(request, f"已将“{finding}”标记为{finding.get_status_display()}。")
            return redirect_to_next(
                request, request.POST.get("next"), fallback=reverse("monitoring_admin:findings")
            )
    return render(
        request,
        "monitoring/admin/finding.html",
        {
            "finding": finding,
            "form": form,
            "reviews": finding.reviews.select_related("user", "run"),
            "can_review": request.user.has_perm("monitoring.review_finding"),
            "next": safe_next_url(request, request.GET.get("next"), fallback=""),
        },
    )


@permission_required(VIEW_FINDING)
def reports(request):
    today = timezone.localdate()
    form = ReportForm(
        request.GET or None, initial={"period": "month", "year": today.year, "number": today.month}
    )
    unit, choices, scope = chosen_unit(request)
    context = {"form": form, "unit": unit, "unit_choices": choices, "all_units": scope.everything}
    if request.GET and form.is_valid():
        data = form.cleaned_data
        report = build_report(data["period"], data["year"], data["number"], unit)
        if request.GET.get("format") == "xlsx":
            suffix = f"-unit{unit.pk}" if unit else ""
            filename = f"inspection-{data['period']}-{data['year']}-{data['number']}{suffix}.xlsx"
            return attachment_response(report_xlsx(report), filename)
        if request.GET.get("format") == "print":
            return render(request, "monitoring/report_print.html", {"report": report})
        context["report"] = report
        context["query"] = request.GET.urlencode()
    return render(request, "monitoring/admin/reports.html", context)


@permission_required("monitoring.add_accountpost")
def import_file(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        try:
            reader = read_posts if kind == "posts" else read_messages
            items = reader(upload.name, upload.read())
            created, updated = services.save_imported(items, kind, form.cleaned_data["account"])
        except ImportError_ as error:
            form.add_error("file", str(error))
            problems = error.problems
        else:
            messages.success(request, f"导入完成：新增 {created} 条，更新 {updated} 条。")
            return redirect("monitoring_admin:import")
    return render(request, "monitoring/admin/import.html", {"form": form, "problems": problems})


@require_POST
@permission_required("monitoring.add_accountpost")
def pull_feeds(request):
    created_total, failures = services.pull_feeds(services.feed_accounts())
    if failures:
        problems = [f"{account.name}：{error}" for account, error in failures]
        messages.error(request, "部分信息源拉取失败：" + "；".join(problems))
    messages.success(request, f"信息源拉取完成，新增发文 {created_total} 条。")
    return redirect("monitoring_admin:import")
