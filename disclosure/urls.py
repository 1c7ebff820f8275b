"""Public URLs of the disclosure app (included at the site root by portal/urls.py).

Column pages themselves are Wagtail pages under /xxgk/; these are the machine-readable views
beside them: per-column feeds and catalogue exports, and the Wagtail API v2. 集约化: the
directory of units, each unit's feeds and sitemap, and the banner-wide ones. 订阅提醒:
subscribe, confirm and unsubscribe (disclosure/alert_views.py). 开放数据 at /open-data/.
"""

from django.urls import include, path, re_path

from disclosure import alert_views, feeds, views
from disclosure.api import api_router

IDENTIFIER = r"[^\x00-\x1f\x7f]+"

disclosure_patterns = [
    path("units/", views.unit_directory, name="unit_directory"),
    path("units/<int:unit_id>/rss.xml", feeds.UnitRssFeed(), name="unit_rss"),
    path("units/<int:unit_id>/atom.xml", feeds.UnitAtomFeed(), name="unit_atom"),
    path("units/<int:unit_id>/sitemap.xml", views.unit_sitemap, name="unit_sitemap"),
    path("rss.xml", feeds.BannerRssFeed(), name="banner_rss"),
    path("atom.xml", feeds.BannerAtomFeed(), name="banner_atom"),
    path("sitemap.xml", views.banner_sitemap, name="banner_sitemap"),
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
    path("topics/<int:topic_id>/rss.xml", feeds.TopicRssFeed(), name="topic_rss"),
    path("topics/<int:topic_id>/atom.xml", feeds.TopicAtomFeed(), name="topic_atom"),
    path(
        "publishers/<int:organisation_id>/rss.xml", feeds.PublisherRssFeed(), name="publisher_rss"
    ),
    path(
        "publishers/<int:organisation_id>/atom.xml",
        feeds.PublisherAtomFeed(),
        name="publisher_atom",
    ),
    path("documents/<int:page_id>/rss.xml", feeds.DocumentRssFeed(), name="document_rss"),
    path("documents/<int:page_id>/atom.xml", feeds.DocumentAtomFeed(), name="document_atom"),
    path("alerts/subscribe/", alert_views.subscribe, name="alerts_subscribe"),
    path("alerts/confirm/<str:token>/", alert_views.confirm, name="alerts_confirm"),
    path("alerts/unsubscribe/<str:token>/", alert_views.unsubscribe, name="alerts_unsubscribe"),
]

# No app_name here: the API router reverses its own "wagtailapi" namespace from the root.
urlpatterns = [
    # Stable identifiers (disclosure/identifiers.py). A 索引号 or 文号 may hold a "/"; no
    # control character (a NUL byte would reach PostgreSQL, which refuses it: 404, not 500).
    re_path(
        rf"^id/(?P<index_number>{IDENTIFIER})$",
        views.document_by_index_number,
        name="document_by_index",
    ),
    re_path(
        rf"^wenhao/(?P<document_number>{IDENTIFIER})$",
        views.document_by_document_number,
        name="document_by_number",
    ),
    # 开放数据 (disclosure/open_data.py): the page and the files of the daily export.
    path("open-data/", views.open_data_page, name="open_data"),
    path("open-data/<str:filename>", views.open_data_file, name="open_data_file"),
    path("disclosure/", include((disclosure_patterns, "disclosure"))),
    path("api/v2/", api_router.urls),
]
