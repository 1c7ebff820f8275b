from django.urls import path, re_path

from . import admin_views, views

# A message's number in the address: any characters but "/" and control characters (see
# disclosure/applications/urls.py).
NUMBER = r"(?P<number>[^/\x00-\x1f]+)"

app_name = "interaction"
urlpatterns = [
    path("ask/", views.ask, name="ask"),
    path("receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    re_path(rf"^status/{NUMBER}/$", views.status_detail, name="status_detail"),
    re_path(rf"^rate/{NUMBER}/$", views.rate, name="rate"),
]

admin_urlpatterns = (
    [
        path("", admin_views.queue, name="queue"),
        path("statistics/", admin_views.statistics_view, name="statistics"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path("<int:pk>/personal-data/", admin_views.personal_data, name="personal_data"),
        path("<int:pk>/promote/", admin_views.promote, name="promote"),
        path("<int:pk>/action/<str:action>/", admin_views.action, name="action"),
    ],
    "interaction_admin",
)
