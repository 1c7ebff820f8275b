"""The one logging configuration shape of the app servers: JSON lines on stderr with a request
id and the redaction filter (portal/request_log.py). Plain Python without Django, so both the
Django settings (portal/settings/base.py) and gunicorn's own config (deploy/gunicorn.conf.py)
import it."""


def json_logging(*, loggers: dict, root_level: str | None = None, stream: str = "") -> dict:
    """A logging.config.dictConfig dict: one JSON console handler; ``loggers`` as given; a
    root logger at ``root_level`` on that handler when given; ``stream`` e.g.
    "ext://sys.stderr" (the handler's default stream when empty)."""
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "json",
        "filters": ["request_id", "redact"],
    }
    if stream:
        handler["stream"] = stream
    config = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "portal.request_log.RequestIdFilter"},
            "redact": {"()": "portal.request_log.RedactFilter"},
        },
        "formatters": {"json": {"()": "portal.request_log.JsonFormatter"}},
        "handlers": {"console": handler},
        "loggers": loggers,
    }
    if root_level:
        config["root"] = {"handlers": ["console"], "level": root_level}
    return config
