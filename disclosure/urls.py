"""Public URLs of the disclosure app (included at the site root by portal/urls.py).

Column pages themselves are Wagtail pages under /xxgk/; these are the machine-readable views
beside them: per-column feeds and catalogue exports, and the Wagtail API v2.
"""

from django.urls import include, path

from disclosure import feeds, views
from disclosure.api import api_router

disclosure_patterns = [
    path("columns/<int:page_id>/rss.xml", feeds.ColumnRssFeed(), name="column_rss"),
    path("columns/<int:page_id>/atom.xml", feeds.ColumnAtomFeed(), name="column_atom"),
    path(
        "columns/<int:page_id>/catalogue.csv",
        views.catalogue_export,
        {"file_format": "csv"},
        name="catalogue_csv",
    ),
    path(
        "columns/<int:page_id>/catalogue.xlsx",
        views.catalogue_export,
        {"file_format": "xlsx"},
        name="catalogue_xlsx",
    ),
]

# No app_name here: the API router reverses its own "wagtailapi" namespace from the root.
urlpatterns = [
    path("disclosure/", include((disclosure_patterns, "disclosure"))),
    path("api/v2/", api_router.urls),
]
