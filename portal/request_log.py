"""Structured logs: one JSON line per request, per task and per error, each with a request id,
and never personal data, 查询码 or tokens.

- `RequestLogMiddleware` (first in MIDDLEWARE) gives every request an id (nginx's
  `X-Request-ID`, when it looks like one, else a new one), answers with it in `X-Request-ID`,
  and logs one line `request` on the `portal.requests` logger: method, path **without the
  query string**, status, duration, the URL name, the staff user's id and a salted digest of
  the client (core.clients), never the address. Request bodies and query strings are never
  logged: search words, form fields and tokens live there.
- `task_started` / `task_finished` (django-tasks signals) give a task's log lines the id
  `task-<id>` and log one line `task` with its name, state and duration; never its arguments.
- `RedactFilter` (on every handler of LOGGING) is the safety net for all other lines, e.g. an
  exception message that quotes a value: it drops Django's `request` attribute (its repr has
  the query string), cuts query strings off URLs, and masks what looks like an ID number,
  phone number, e-mail address or 查询码.
- `JsonFormatter` is python-json-logger's formatter (a small, well-kept library that works
  with the standard logging Django, gunicorn and django-tasks already use) with our fixed
  fields and redacted tracebacks.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver
from django_tasks.signals import task_finished, task_started
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

from core.clients import client_hash

logger = logging.getLogger("portal.requests")
task_logger = logging.getLogger("portal.tasks")

REQUEST_ID_HEADER = "X-Request-ID"
_ACCEPTED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_task_started: contextvars.ContextVar[float] = contextvars.ContextVar("task_started", default=0.0)

# What the safety net masks, in this order.
_REDACTIONS = [
    # A query string after a path or URL: "/search/?q=..." -> "/search/?…"
    (re.compile(r"(?<=[\w/])\?[^\s\"'<>]*"), "?…"),
    # E-mail addresses.
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    # 查询码 as the receipt shows it (XXXX-XXXX-XXXX) or typed without dashes.
    (re.compile(r"\b[A-Z2-9]{4}-?[A-Z2-9]{4}-?[A-Z2-9]{4}\b"), "[code]"),
    # 身份证号 and other long digit runs (phone numbers, bank cards): 7 or more digits.
    (re.compile(r"\d{17}[\dXx]|\d{7,}|\d{3,4}[- ]\d{7,8}"), "[number]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (the request's or the task's, empty outside both) to every record."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class RedactFilter(logging.Filter):
    """The safety net (see the module docstring): applied to every record a handler emits."""

    def filter(self, record):
        record.__dict__.pop("request", None)
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message or record.args:
            record.msg, record.args = redacted, None
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per line: time, level, logger, message, request_id and the extras."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s")
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def formatException(self, ei):
        return redact(super().formatException(ei))

    def formatStack(self, stack_info):
        return redact(super().formatStack(stack_info))


def _request_id_from(request) -> str:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    return offered if _ACCEPTED_ID.fullmatch(offered) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Kept until the response is closed (request_finished below): Django logs 4xx
        # responses ("Not Found: ...") after the middleware has returned.
        request_id = _request_id_from(request)
        _request_id.set(request_id)
        started = time.monotonic()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        self.log(request, response, started)
        return response

    def log(self, request, response, started):
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "view": match.view_name if match else "",
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "client": client_hash(request)[:16],
            },
        )


@receiver(request_finished)
def _forget_request_id(sender, **kwargs):
    _request_id.set("")


@receiver(task_started)
def _task_started_log(sender, task_result, **kwargs):
    _request_id.set(f"task-{task_result.id}")
    _task_started.set(time.monotonic())


@receiver(task_finished)
def _task_finished_log(sender, task_result, **kwargs):
    started = _task_started.get()
    task_logger.info(
        "task",
        extra={
            "task": task_result.task.module_path,
            "task_id": str(task_result.id),
            "state": str(task_result.status),
            "duration_ms": round((time.monotonic() - started) * 1000, 1) if started else None,
        },
    )
    _request_id.set("")
    _task_started.set(0.0)
