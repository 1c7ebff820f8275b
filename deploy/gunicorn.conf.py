"""gunicorn settings for the portal's app servers (deploy/systemd/portal-web@.service and
tests/stack/run.py). The address comes from the command line: --bind 127.0.0.1:8001.

Two instances run side by side behind nginx, so one can restart while the other answers.
"""

import sys
from pathlib import Path

# gunicorn reads this file before it puts the project on sys.path; the logging shape below
# is the project's own (portal/logging_config.py, shared with the Django settings).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from portal.logging_config import json_logging  # noqa: E402

wsgi_app = "portal.wsgi:application"

# Threads share one process's memory (the Chinese word list, Django, Wagtail); two
# processes per instance keep a crashed or recycled worker from stopping the instance.
worker_class = "gthread"
workers = 2
threads = 4

# A worker stuck for 60 s is replaced; SIGTERM lets running requests finish for up to 30 s.
timeout = 60
graceful_timeout = 30
# nginx opens a new connection per request (no upstream keep-alive).
keepalive = 2
# Recycle workers now and then, so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200

# Django logs one JSON line per request itself (portal/request_log.py): no access log here.
# gunicorn's own messages (start, stop, worker timeouts) go to stderr as JSON too.
accesslog = None
errorlog = "-"
loglevel = "info"
logconfig_dict = json_logging(
    stream="ext://sys.stderr",
    loggers={
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
)

# Only nginx on this host talks to the app servers; X-Forwarded-* are read by Django itself
# from TRUSTED_PROXIES (core/clients.py), so gunicorn believes none of them.
forwarded_allow_ips = ""
