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
]
