"""Public URLs (included at /monitoring/) and admin URLs (registered in wagtail_hooks)."""

from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("matrix/", views.matrix, name="matrix"),
]

admin_urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("findings/", views.findings, name="findings"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
    path("reports/", views.reports, name="reports"),
    path("import/", views.import_file, name="import"),
    path("import/feeds/", views.pull_feeds, name="pull_feeds"),
]
