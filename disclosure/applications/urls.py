from django.urls import path, re_path

from . import views

# A 受理编号 in the address: any characters but "/" and control characters (a NUL byte would
# reach the database, which PostgreSQL refuses with an error instead of "not found").
NUMBER = r"(?P<number>[^/\x00-\x1f]+)"

app_name = "applications"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("apply/", views.apply, name="apply"),
    path("receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    path("status/letters/<int:pk>/", views.letter, name="letter"),
    re_path(rf"^status/{NUMBER}\.json$", views.status_detail_json, name="status_detail_json"),
    re_path(rf"^status/{NUMBER}/$", views.status_detail, name="status_detail"),
    # 依申请公开统计 (public_statistics.py): this year to date, a year, its downloads.
    path("statistics/", views.statistics_year, name="statistics"),
    path("statistics/<int:year>/", views.statistics_year, name="statistics_year"),
    path("statistics/<int:year>.json", views.statistics_json, name="statistics_json"),
    path("statistics/<int:year>.csv", views.statistics_csv, name="statistics_csv"),
]
