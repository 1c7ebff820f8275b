"""Structured logs (portal/request_log.py): one JSON line per request and task with a request
id, and a full application walk (submit, receipt, status look-up) that leaves no ID number,
phone number, e-mail address or 查询码 in any log line, even at DEBUG."""

import io
import json
import logging
import re

import pytest
from captcha.models import CaptchaStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from core.rules.identifiers import resident_id_check_char
from portal.request_log import JsonFormatter, RedactFilter, RequestIdFilter, redact

ID_NUMBER = "15062719850312001" + resident_id_check_char("15062719850312001")
PHONE = "13904779876"
EMAIL = "walk.applicant@example.com"


@pytest.fixture
def log_lines():
    """Every record of every logger, at DEBUG, formatted as production formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactFilter())
    loggers = [logging.getLogger(), *map(logging.getLogger, ("django", "portal", "django_tasks"))]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines() if line]

    lines.text = stream.getvalue
    yield lines
    logging.getLogger().removeHandler(handler)
    for lg, level in zip(loggers, levels, strict=True):
        lg.setLevel(level)


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 90, 160)).save(buffer, format="PNG")
    return SimpleUploadedFile("id.png", buffer.getvalue())


@pytest.mark.django_db
def test_an_application_walk_logs_no_personal_data(client, log_lines):
    page = client.get("/applications/apply/").content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', page).group(1)
    fields = {
        "applicant_type": "citizen",
        "citizen_name": "赵日志",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "email": EMAIL,
        "address": "内蒙古自治区鄂尔多斯市伊金霍洛旗日志路9号",
        "postcode": "017200",
        "information_title": "2024年政务服务事项清单",
        "medium": "electronic",
        "delivery": "email",
        "captcha_0": key,
        "captcha_1": "wrong",
    }
    # A refused attempt first (wrong captcha): the form comes back with what was typed.
    assert client.post("/applications/apply/", {**fields, "id_document": png()}).status_code == 400
    page = client.get("/applications/apply/").content.decode()
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', page).group(1)
    fields.update(captcha_0=key, captcha_1=CaptchaStore.objects.get(hashkey=key).response)
    response = client.post("/applications/apply/", {**fields, "id_document": png()})
    assert response.status_code == 302
    receipt = client.get("/applications/receipt/").content.decode()
    code = re.search(r'id="receipt-code" class="code">([A-Z0-9-]+)<', receipt).group(1)
    number = re.search(r"YSQ[0-9A-Z-]+", receipt).group(0)
    # A wrong code, then the right one.
    assert (
        client.post("/applications/status/", {"number": number, "code": "AAAA"}).status_code == 400
    )
    found = client.post("/applications/status/", {"number": number, "code": code})
    assert found.status_code == 302
    assert client.get(found["Location"]).status_code == 200
    # Someone searches for their own ID number and phone.
    assert client.get("/search/", {"q": ID_NUMBER}).status_code == 200
    assert client.get("/search/api/", {"q": f"{PHONE} {EMAIL}"}).status_code == 200
    call_command("send_deadline_reminders", stdout=io.StringIO())

    text = log_lines.text()
    compact_code = code.replace("-", "")
    for secret in (
        ID_NUMBER,
        ID_NUMBER[:17],
        PHONE,
        EMAIL,
        code,
        compact_code,
        compact_code.lower(),
    ):
        assert secret not in text, f"{secret!r} appears in the logs"
    requests = [line for line in log_lines() if line["logger"] == "portal.requests"]
    paths = [(line["method"], line["path"], line["status"]) for line in requests]
    assert ("POST", "/applications/apply/", 302) in paths
    assert ("POST", "/applications/status/", 302) in paths
    assert ("GET", "/search/", 200) in paths
    assert all("?" not in line["path"] for line in requests)
    assert all(re.fullmatch(r"[0-9a-f]{32}", line["request_id"]) for line in requests)
    assert len({line["request_id"] for line in requests}) == len(requests)
    assert all(len(line["client"]) == 16 and "127.0.0.1" not in line["client"] for line in requests)


@pytest.mark.django_db
def test_request_id_is_answered_and_given_to_every_line_of_the_request(client, log_lines):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "0123456789abcdef0123456789abcdef"
    lines = [line for line in log_lines() if line["request_id"] == response["X-Request-ID"]]
    loggers = {line["logger"] for line in lines}
    assert {"django.request", "portal.requests"} <= loggers  # Django's "Not Found" too
    # An id that does not look like one is replaced, not echoed.
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


# Transactional: the worker closes the database connection between tasks, which would end
# the test's own transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tasks_log_one_line_with_their_own_id(log_lines, settings):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from portal.tasks import worker_heartbeat

    assert task_backends["default"].supports_defer
    result = worker_heartbeat.enqueue()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    lines = [line for line in log_lines() if line["logger"] == "portal.tasks"]
    assert lines[-1]["task"] == "portal.tasks.worker_heartbeat"
    assert lines[-1]["state"] == "SUCCESSFUL" and lines[-1]["request_id"] == f"task-{result.id}"
    assert lines[-1]["duration_ms"] >= 0


def test_the_safety_net_masks_what_looks_personal():
    text = (
        f"lookup failed for /applications/status/?code=ABCD-EFGH-JKLM&number=1 id={ID_NUMBER} "
        f"tel 0477-8591234 mobile {PHONE} mail {EMAIL} code ABCDEFGHJKLM"
    )
    masked = redact(text)
    for secret in ("ABCD-EFGH-JKLM", ID_NUMBER, "8591234", PHONE, EMAIL, "ABCDEFGHJKLM"):
        assert secret not in masked
    assert "/applications/status/?…" in masked
    # Exceptions are masked too, and Django's request object (its repr has the query string)
    # never reaches the line.
    record = logging.LogRecord("django.request", logging.ERROR, "x", 1, "boom %s", (PHONE,), None)
    record.request = "<WSGIRequest: GET '/search/?q=secret'>"
    try:
        raise ValueError(f"bad id {ID_NUMBER}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    RedactFilter().filter(record)
    line = JsonFormatter().format(record)
    assert ID_NUMBER not in line and PHONE not in line and "secret" not in line
    assert json.loads(line)["message"] == "boom [number]"
