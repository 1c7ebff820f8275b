"""Production: every secret from the environment, HTTPS only, compressed static files."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("生产环境必须设置 SECRET_KEY 环境变量。")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# Probes on the app servers' own plain-HTTP ports (systemd, a load balancer) are not redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Wagtail's live preview shows the page in a same-origin iframe, so frames stay SAMEORIGIN
# (set in base.py) rather than DENY; frames from other origins are still refused.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

STORAGES = {
    **file_storages(FILES_ROOT, MEDIA_ROOT),  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The anonymous-page cache (portal/page_cache.py), shared by every gunicorn worker: the file
# cache on one machine, Redis (PAGE_CACHE_REDIS_URL, needs the `redis` package) for several.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
if os.environ.get("PAGE_CACHE_REDIS_URL"):
    CACHES["pages"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["PAGE_CACHE_REDIS_URL"],
    }
else:
    CACHES["pages"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(VAR_DIR / "cache" / "pages")),  # noqa: F405
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }

# Background work (search indexing, monitoring runs, emails) goes through the database queue,
# processed by one `manage.py db_worker` process: no broker needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# 依申请公开 (disclosure.applications)
# Personal data is encrypted at rest: production refuses to start without a key.
if not APPLICATIONS_ENCRYPTION_KEYS:  # noqa: F405
    raise ImproperlyConfigured(
        "生产环境必须设置 APPLICATIONS_ENCRYPTION_KEYS 环境变量（申请人个人信息 SM4 加密密钥，"
        "格式“密钥编号:32位十六进制”，可用 manage.py rotate_application_keys --new-key 生成）。"
    )
# Applicants are told of every status change by e-mail: production needs a real mail backend.
NOT_DELIVERING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
if EMAIL_BACKEND in NOT_DELIVERING_BACKENDS or (  # noqa: F405
    not EMAIL_URL and "EMAIL_BACKEND" not in os.environ  # noqa: F405
):
    raise ImproperlyConfigured(
        "生产环境必须配置发信服务：设置 EMAIL_URL（如 submission://用户:密码@邮件服务器:587），"
        "或设置 EMAIL_BACKEND 为能实际投递的后端（不能是 console、locmem、dummy、filebased）。"
    )
# end 依申请公开 (disclosure.applications)
