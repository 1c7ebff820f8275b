"""Settings for bench/page_bench.py: the dev settings without debug overhead, and the page cache
as production has it (the file cache shared by the gunicorn workers) when PAGE_CACHE_SECONDS
is set. VAR_DIR comes from the environment (bench/page_bench.py sets it)."""

import os

from portal.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
CACHES["pages"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(VAR_DIR / "cache" / "pages"),  # noqa: F405
}
