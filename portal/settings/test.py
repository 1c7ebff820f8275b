"""The test suite: real database (SQLite, or PostgreSQL via DATABASE_URL), fast hashing."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
FILES_ROOT = tempfile.mkdtemp(prefix="portal-test-files-")
STATIC_ROOT = tempfile.mkdtemp(prefix="portal-test-static-")
STORAGES = {
    **file_storages(FILES_ROOT, MEDIA_ROOT),  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# 依申请公开 (disclosure.applications)
# A fixed, public test key: never protects real data.
APPLICATIONS_ENCRYPTION_KEYS = ["test:f0e1d2c3b4a5968778695a4b3c2d1e0f"]
# end 依申请公开 (disclosure.applications)

# Search (search/conf.py): production waits 1 s for Elasticsearch before answering from the
# database. A loaded CI machine can take longer for a real query, which would turn a test of
# Elasticsearch into one of the fallback; tests of the timeout itself set their own value.
SEARCH_TIMEOUT_SECONDS = 5.0
