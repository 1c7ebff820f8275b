from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("apply/", views.apply, name="apply"),
    path("receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    path("status/letters/<int:pk>/", views.letter, name="letter"),
    path("status/<str:number>.json", views.status_detail_json, name="status_detail_json"),
    path("status/<str:number>/", views.status_detail, name="status_detail"),
]
