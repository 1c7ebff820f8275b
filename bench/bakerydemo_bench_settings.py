"""Settings for serving a wagtail/bakerydemo checkout in bench/page_bench.py: its own base
settings (SQLite `bakerydemodb` in the checkout), DEBUG off, every host allowed, connections
kept between requests as its DATABASE_URL configuration keeps them (conn_max_age=500). Put on
PYTHONPATH by the script; nothing of bakerydemo is kept in this repository."""

from bakerydemo.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]

# Its base settings want `collectstatic` first (ManifestStaticFilesStorage); the benchmark
# fetches the HTML only, so the plain storage serves the same pages without that step.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Its deployed configuration (DATABASE_URL) keeps connections for 500 s; ours keeps them for
# 60 s (deploy/portal.env.example). A new SQLite connection re-reads the schema on its first
# query, a cost of the schema's size, not of either site's pages.
DATABASES["default"]["CONN_MAX_AGE"] = 500  # noqa: F405
