"""Settings shared by every environment.

Values that vary by deployment are read from environment variables here, with the embedded
defaults (SQLite under var/, database search, inline tasks) that `make run` relies on. This
package is the only place that reads the environment: the apps read Django settings through
their conf.py, which holds each app setting's default (docs/ARCHITECTURE.md).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from portal.logging_config import json_logging

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
    "interaction",
    "assessment",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Translations of pages and snippets (docs/MONGOLIAN.md); its locales app replaces
    # wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
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
    # For its translations: Wagtail's admin shows times with humanize's naturaltime.
    "django.contrib.humanize",
    # Last, so Wagtail's and Django's translations take precedence over theirs.
    "captcha",
    "wagtail.api.v2",
    "rest_framework",
]

MIDDLEWARE = [
    # First: its request id and its one log line cover everything below (portal/request_log.py).
    "portal.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL prefix (/mn-mong/); unprefixed URLs are always zh-hans
    # (i18n_patterns with prefix_default_language=False in portal/urls.py).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The anonymous-page cache (portal/page_cache.py): after the session and the user are
    # known; a cached page skips everything below.
    "portal.page_cache.PageCacheMiddleware",
    # The admin's second factor (portal/admin_security.py): after the user is known.
    "django_otp.middleware.OTPMiddleware",
    "portal.admin_security.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

# The anonymous-page cache (portal/page_cache.py): off unless PAGE_CACHE_SECONDS > 0 (production
# turns it on). "pages" must be shared by every worker: production uses the file cache or Redis.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}

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
                "portal.sites.current_site",
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

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords an account, and
# separately the client address (core.clients, behind TRUSTED_PROXIES), is locked out for
# AXES_COOLOFF_TIME; a successful login resets the count. Lockouts are logged (portal.security).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/admin/lockout.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "portal.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
# The site's languages (portal/languages.py names them): Chinese, the default, at the
# unprefixed URLs; traditional Mongolian script under /mn-mong/ (docs/MONGOLIAN.md).
LANGUAGES = [("zh-hans", "简体中文"), ("mn-mong", "蒙古文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The project's own translations (locale/zh_Hans): Wagtail admin strings Wagtail ships
# untranslated. Catalogs here are merged after the apps' ones, so they take precedence.
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded files (attachments, original images, 政务新媒体 attachments) are kept under
# FILES_ROOT, which no web server may serve: attachments reach the public only through
# Wagtail's document serve view, after the privacy check of portal/attachments.py. The only
# public files are image renditions, under MEDIA_ROOT at MEDIA_URL.
FILES_ROOT = Path(os.environ.get("FILES_ROOT", VAR_DIR / "files"))


def file_storages(files_root, media_root):
    """The "default" storage (private uploads) and "renditions" (public image sizes)."""
    backend = "django.core.files.storage.FileSystemStorage"
    return {
        # base_url: a path nothing serves, so a stray file URL is a 404, never the file.
        "default": {"BACKEND": backend, "OPTIONS": {"location": files_root, "base_url": "/files/"}},
        "renditions": {"BACKEND": backend, "OPTIONS": {"location": media_root}},
    }


STORAGES = {
    **file_storages(FILES_ROOT, MEDIA_ROOT),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAILDOCS_SERVE_METHOD = "serve_view"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Documents (attachments) are served by Wagtail's serve view, which checks their privacy
# first. Behind nginx, DOCUMENTS_X_ACCEL_REDIRECT=true lets nginx send the file after that
# check (X-Accel-Redirect to an `internal` location over FILES_ROOT, portal/sendfile_nginx.py);
# otherwise the app server streams it.
SENDFILE_ROOT = FILES_ROOT
SENDFILE_URL = "/_protected_media/"  # the internal location in deploy/nginx/portal.conf
if os.environ.get("DOCUMENTS_X_ACCEL_REDIRECT", "false").lower() == "true":
    SENDFILE_BACKEND = "portal.sendfile_nginx"

# Sessions expire after two hours of inactivity for staff and citizens alike.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
# Content-Security-Policy (django-csp, through portal/csp.py): the public site runs only its own
# scripts and styles; the admin adds what Wagtail's admin needs (ADMIN_CSP_UPDATE).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Wagtail 8's page editor still writes its chooser and inline-panel widgets as inline
# <script> blocks (new SnippetChooser(...), InlinePanel, initDateTimeChooser), so the admin
# allows inline scripts; the public site does not (docs/SECURITY.md, "Browser-side").
ADMIN_CSP_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Wagtail
WAGTAIL_SITE_NAME = "政府信息公开网站"
# No avatars from gravatar.com: the intranet admin makes no external request.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
# Wagtail's own admin search stays on its database backend; the public search is ours.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No "what's new" banner linking to wagtail.org on the dashboard of an intranet admin.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# Public search engine. Empty means the database fallback backend. Several nodes of one
# cluster: comma-separated URLs. Authentication (an API key, or a user name and password)
# and the CA of an https:// cluster come from the environment too (search/conf.py).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_USERNAME = os.environ.get("ELASTICSEARCH_USERNAME", "")
ELASTICSEARCH_PASSWORD = os.environ.get("ELASTICSEARCH_PASSWORD", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
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
if "SEARCH_INDEX_SHARDS" in os.environ:
    SEARCH_INDEX_SHARDS = int(os.environ["SEARCH_INDEX_SHARDS"])
if "SEARCH_INDEX_REPLICAS" in os.environ:
    SEARCH_INDEX_REPLICAS = int(os.environ["SEARCH_INDEX_REPLICAS"])

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

# Outgoing mail: EMAIL_URL (read by dj-email-url, e.g. submission://user:pw@mail.example.gov.cn:587
# for SMTP with STARTTLS, smtps:// for SMTP over TLS) or EMAIL_BACKEND; without either, mail is
# printed to the console (development only: production refuses to start, see production.py).
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    if "EMAIL_BACKEND" not in _email:
        raise ImproperlyConfigured(
            "EMAIL_URL 的协议无法识别，可用：" + "、".join(f"{s}://" for s in dj_email_url.SCHEMES)
        )
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 30
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")

# Logs: one JSON line per request, task and error on stderr (journald keeps it under systemd),
# with a request id, and never personal data, 查询码 or tokens (portal/request_log.py).
# LOG_LEVEL is for everything else; the request and task lines are always written.
LOGGING = json_logging(
    root_level=os.environ.get("LOG_LEVEL", "WARNING"),
    loggers={
        # Django's own handlers (plain text when DEBUG, mail to ADMINS) give way to ours.
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "WARNING")},
        "portal.requests": {"level": "INFO"},
        "portal.tasks": {"level": "INFO"},
        # runserver's own request lines (they carry the query string) give way to ours;
        # its warnings and errors still show, redacted.
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
)

# 依申请公开 (disclosure.applications)
# SM4 keys for applicants' personal data at rest: comma-separated "key_id:32 hex digits",
# the current key first; older keys stay listed until `manage.py rotate_application_keys`
# has re-encrypted everything. Generate one with `manage.py rotate_application_keys --new-key`.
APPLICATIONS_ENCRYPTION_KEYS = env_list("APPLICATIONS_ENCRYPTION_KEYS")
# end 依申请公开 (disclosure.applications)
