"""Local development: `make run` uses these settings."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405

# The embedded SQLite database, uploaded media and collected static files live under var/.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
