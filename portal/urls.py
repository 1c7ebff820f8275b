from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import admin_views, health, views
from search import views as search_views

portal_patterns = (
    [
        path("report-error/", views.error_report, name="error_report"),
        path("report-error/thanks/", views.error_report_thanks, name="error_report_thanks"),
        path("accessibility/elder-mode/", views.toggle_elder_mode, name="toggle_elder_mode"),
    ],
    "portal",
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Before Wagtail's admin, at the address of its workflow action: the same view, plus a
    # message saying what the action did (portal/admin_views.py).
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        admin_views.workflow_action,
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap_xml"),
    path("", include(portal_patterns)),
    path("", include("disclosure.urls")),
    path("applications/", include("disclosure.applications.urls")),
    path("search/", include("search.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("interaction/", include("interaction.urls")),
    path("captcha/", include("captcha.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's pages: Chinese (the default language) at the unprefixed URLs as before, Mongolian
# under /mn-mong/ (portal/languages.py, docs/MONGOLIAN.md). Everything above stays unprefixed.
# Pages are served by portal.views.serve (Wagtail's view, routed by portal/routing.py), under
# Wagtail's own pattern and name so that `pageurl` and `reverse("wagtail_serve")` are unchanged;
# Wagtail's password and login helpers stay as they are.
urlpatterns += i18n_patterns(
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
