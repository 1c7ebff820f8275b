from django.urls import path

from search import admin_views, views

app_name = "search"
urlpatterns = [
    path("api/", views.search_json, name="api"),
    path("suggest/", views.suggest_json, name="suggest"),
    path("hot/", views.hot_json, name="hot"),
    path("click/", views.click, name="click"),
]

# Registered in the admin by wagtail_hooks.py (under /admin/).
admin_urlpatterns = [
    path("search-analytics/", admin_views.analytics_view, name="search_analytics"),
    path("search-unreadable/", admin_views.unreadable_view, name="search_unreadable"),
]
