"""Settings for the search benchmarks: the dev settings without debug overhead.

DATABASE_URL and ELASTICSEARCH_URL come from the environment (bench/search_bench.py sets them).
"""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
