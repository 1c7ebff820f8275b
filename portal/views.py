"""Public views of the portal that are not Wagtail pages."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail import views as wagtail_views

from core.clients import client_hash
from core.redirects import redirect_to_next
from portal.context_processors import ELDER_MODE_COOKIE
from portal.forms import ErrorReportForm
from portal.models import ErrorReport
from portal.routing import route_for_request


def serve(request, path):
    """Every Wagtail page: Wagtail's own view (its view restriction and request method hooks,
    then the page's `serve`), with the page found by portal/routing.py in fewer queries.
    Wagtail reads the route it caches on the request (`Page.route_for_request`)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_views.serve(request, path)


def error_report(request):
    """我为政府网站找错: a public form; submissions go to reviewers in the admin."""
    if request.method == "POST":
        form = ErrorReportForm(request.POST)
        source = client_hash(request)
        limit = settings.ERROR_REPORT_RATE_LIMIT_PER_HOUR
        if ErrorReport.recent_count_from(source) >= limit:
            form.add_error(None, f"您提交得过于频繁（每小时最多 {limit} 次），请稍后再试。")
            return render(request, "portal/error_report.html", {"form": form}, status=429)
        if form.is_valid():
            report = form.save(commit=False)
            report.client_hash = source
            report.save()
            return redirect("portal:error_report_thanks")
    else:
        form = ErrorReportForm(initial={"page_url": request.GET.get("page", "")})
    return render(request, "portal/error_report.html", {"form": form})


def error_report_thanks(request):
    return render(request, "portal/error_report_thanks.html")


@csrf_exempt
@require_POST
def toggle_elder_mode(request):
    """Switch 长者模式 on or off and go back to the page the visitor came from.

    Without a CSRF token: the switch is in the header of every page, and a page with a token
    could not be kept by the page cache (portal/page_cache.py). It changes nothing but the
    visitor's own display cookie, so a forged request could only switch the display."""
    enabled = request.COOKIES.get(ELDER_MODE_COOKIE) != "1"
    response = redirect_to_next(request, request.POST.get("next"), fallback="/")
    if enabled:
        response.set_cookie(
            ELDER_MODE_COOKIE, "1", max_age=365 * 24 * 60 * 60, samesite="Lax", httponly=True
        )
        messages.info(request, "已开启长者模式。")
    else:
        response.delete_cookie(ELDER_MODE_COOKIE, samesite="Lax")
        messages.info(request, "已关闭长者模式。")
    return response
