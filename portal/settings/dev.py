"""Local development: `make run` uses these settings."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405

# The embedded SQLite database, uploaded media and collected static files live under var/.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Tasks run inline here: seed_demo alone would print hundreds of task lines.
LOGGING["loggers"]["portal.tasks"]["level"] = "WARNING"  # noqa: F405

# 依申请公开 (disclosure.applications)
# A fixed, public development key: never protects real data.
APPLICATIONS_ENCRYPTION_KEYS = APPLICATIONS_ENCRYPTION_KEYS or [  # noqa: F405
    "dev:000102030405060708090a0b0c0d0e0f"
]
# end 依申请公开 (disclosure.applications)
