"""Settings for serving a wagtail/bakerydemo checkout in bench/page_bench.py: its own base
settings (SQLite `bakerydemodb` in the checkout), DEBUG off, every host allowed. Put on
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
