from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("api/", views.search_json, name="api"),
    path("suggest/", views.suggest_json, name="suggest"),
    path("hot/", views.hot_json, name="hot"),
]
