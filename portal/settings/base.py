"""Settings shared by every environment.

Values that vary by deployment are read from environment variables here, with the embedded
defaults (SQLite under var/, database search, inline tasks) that `make run` relies on. This
package is the only place that reads the environment: the apps read Django settings through
their conf.py, which holds each app setting's default (docs/ARCHITECTURE.md).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty, stripped items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "disclosure",
    "disclosure.applications",
    "disclosure.annual_reports",
    "search",
    "monitoring",
    "assessment",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Last, so Wagtail's and Django's translations take precedence over theirs.
    "captcha",
    "wagtail.api.v2",
    "rest_framework",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.accessibility",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: SQLite under var/ unless DATABASE_URL says otherwise (postgres://... via psycopg 3).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Sessions expire after two hours of inactivity for staff and citizens alike.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Wagtail
WAGTAIL_SITE_NAME = "政府信息公开网站"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Wagtail's own admin search stays on its database backend; the public search is ours.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# Public search engine. Empty means the database fallback backend.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Operational search settings a deployment may set from the environment; unset, search/conf.py
# has the default.
if "SEARCH_INDEX_ALIAS" in os.environ:
    SEARCH_INDEX_ALIAS = os.environ["SEARCH_INDEX_ALIAS"]
if "SEARCH_TIMEOUT_SECONDS" in os.environ:
    SEARCH_TIMEOUT_SECONDS = float(os.environ["SEARCH_TIMEOUT_SECONDS"])
if "SEARCH_RETRY_AFTER_SECONDS" in os.environ:
    SEARCH_RETRY_AFTER_SECONDS = float(os.environ["SEARCH_RETRY_AFTER_SECONDS"])
if "SEARCH_INDEXING_TIMEOUT_SECONDS" in os.environ:
    SEARCH_INDEXING_TIMEOUT_SECONDS = float(os.environ["SEARCH_INDEXING_TIMEOUT_SECONDS"])

# The monitoring link checker's network limits, likewise (defaults in monitoring/conf.py).
if "MONITORING_LINK_TIMEOUT" in os.environ:
    MONITORING_LINK_TIMEOUT = float(os.environ["MONITORING_LINK_TIMEOUT"])
if "MONITORING_LINK_CONCURRENCY" in os.environ:
    MONITORING_LINK_CONCURRENCY = int(os.environ["MONITORING_LINK_CONCURRENCY"])

# Background tasks run inline by default; production switches to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Captchas stay valid for 30 minutes: the application form takes longer than the default 5.
CAPTCHA_TIMEOUT = 30

# Reverse proxies in front of the site, as comma-separated addresses or CIDRs (e.g.
# 10.0.0.0/8): only from these is X-Forwarded-For believed when rate limits identify a client
# (core/clients.py). Empty: no proxy is trusted and the client is REMOTE_ADDR.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# The public error-report form ("我为政府网站找错"): at most this many reports per client per hour.
ERROR_REPORT_RATE_LIMIT_PER_HOUR = int(os.environ.get("ERROR_REPORT_RATE_LIMIT_PER_HOUR", "5"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# 依申请公开 (disclosure.applications)
# SM4 keys for applicants' personal data at rest: comma-separated "key_id:32 hex digits",
# the current key first; older keys stay listed until `manage.py rotate_application_keys`
# has re-encrypted everything. Generate one with `manage.py rotate_application_keys --new-key`.
APPLICATIONS_ENCRYPTION_KEYS = env_list("APPLICATIONS_ENCRYPTION_KEYS")
# end 依申请公开 (disclosure.applications)
