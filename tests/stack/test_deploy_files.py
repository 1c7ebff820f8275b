"""deploy/ agrees with the project: the environment template lists the README's variables,
nginx accepts the uploads the app accepts, every periodic job has a systemd timer, and the
units run commands that exist. (`make stack-test` runs these files for real.)"""

import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

from disclosure.applications import conf as applications_conf

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEPLOY = BASE_DIR / "deploy"
SYSTEMD = DEPLOY / "systemd"
VARIABLE = re.compile(r"`([A-Z][A-Z0-9_]+)`")
MiB = 1024 * 1024

# The jobs that must run periodically: each named where it is introduced (README, the
# commands' help texts), plus Django's and the libraries' own clean-up commands.
PERIODIC_COMMANDS = {
    "monitor_run",  # README "Monitoring": daily
    "monitor_pull_feeds",  # README "Monitoring": hourly
    "send_deadline_reminders",  # README "依申请公开": daily
    "purge_id_documents",  # README "依申请公开": daily
    "clearsessions",  # database sessions expire after two hours but stay as rows
    "captcha_clean",  # expired captchas
    "prune_db_task_results",  # finished background tasks
}


def readme_variables():
    """The first column of the README's environment table (Settings, first table)."""
    text = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("## Settings", 1)[1]
    table = section.split("| variable | default | meaning |", 1)[1].split("\n\n", 1)[0]
    names = set()
    for row in table.splitlines()[2:]:
        first_cell = row.split("|")[1]
        names.update(VARIABLE.findall(first_cell))
    return names


def template_variables():
    text = (DEPLOY / "portal.env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_environment_template_lists_every_readme_variable():
    readme, template = readme_variables(), template_variables()
    assert "DATABASE_URL" in readme and "APPLICATIONS_ENCRYPTION_KEYS" in readme
    assert readme - template == set(), "in the README table, missing from portal.env.example"
    assert template - readme == set(), "in portal.env.example, missing from the README table"


def nginx_locations():
    """{location: its directives' text} of deploy/nginx/portal.conf's HTTPS server."""
    text = (DEPLOY / "nginx" / "portal.conf").read_text(encoding="utf-8")
    return dict(re.findall(r"location\s+(?:= )?(\S+)\s*\{([^}]*)\}", text)), text


def size_of(directives):
    match = re.search(r"client_max_body_size\s+(\d+)m;", directives)
    return int(match.group(1)) * MiB


def test_nginx_accepts_the_uploads_the_app_accepts():
    locations, text = nginx_locations()
    application = size_of(locations["/applications/"])
    limit = applications_conf.upload_max_bytes()
    # Room for the file and the form's other fields, not much more.
    assert limit < application <= limit + 2 * MiB
    admin = size_of(locations["/admin/"])
    largest = max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    assert largest < admin <= largest + 2 * MiB
    server_default = int(re.search(r"\n    client_max_body_size (\d+)m;", text).group(1)) * MiB
    assert server_default < limit


def test_nginx_never_serves_document_files_directly():
    locations, _text = nginx_locations()
    assert "internal;" in locations[settings.SENDFILE_URL]
    assert "return 404;" in locations["/media/"]
    public = [name for name in locations if name.startswith("/media/") and name != "/media/"]
    assert public == ["/media/images/"]


def unit(path):
    """A unit file's keys, each with every value it is given (ExecStart may repeat)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            values.setdefault(key.strip(), []).append(value.strip())
    return values


def manage_commands(path):
    return [
        shlex.split(command)[2]
        for command in unit(path).get("ExecStart", [])
        if " manage.py " in command
    ]


def test_every_periodic_job_has_a_timer():
    timers = {path.stem for path in SYSTEMD.glob("*.timer")}
    services = {path.stem for path in SYSTEMD.glob("*.service")}
    assert timers <= services, "a timer without its service"
    scheduled = set()
    for name in timers:
        scheduled.update(manage_commands(SYSTEMD / f"{name}.service"))
        timer = unit(SYSTEMD / f"{name}.timer")
        assert timer["OnCalendar"] and timer["Persistent"] == ["true"]
    assert PERIODIC_COMMANDS <= scheduled
    assert "portal-backup" in timers


@pytest.mark.parametrize("path", sorted(SYSTEMD.glob("*.service")), ids=lambda p: p.name)
def test_units_run_existing_commands_as_the_portal_user(path):
    values = unit(path)
    assert values["User"] == ["portal"] and values["EnvironmentFile"] == ["/etc/portal/portal.env"]
    assert values["NoNewPrivileges"] == ["true"] and values["ProtectSystem"] == ["strict"]
    known = get_commands()
    for command in manage_commands(path):
        assert command in known, f"{path.name}: manage.py {command} does not exist"
    for command in values.get("ExecStart", []) + values.get("ExecStartPre", []):
        program = shlex.split(command)[0]
        if program.startswith("/srv/portal/app/"):
            assert (BASE_DIR / program.removeprefix("/srv/portal/app/")).exists()


def test_web_units_use_the_gunicorn_config():
    values = unit(SYSTEMD / "portal-web@.service")
    assert "--config /srv/portal/app/deploy/gunicorn.conf.py" in values["ExecStart"][0]
    assert "--bind 127.0.0.1:%i" in values["ExecStart"][0]
    worker = unit(SYSTEMD / "portal-worker.service")
    assert manage_commands(SYSTEMD / "portal-worker.service") == ["db_worker"]
    assert "manage.py worker_heartbeat" in worker["ExecStartPre"][0]


def test_a_failing_readiness_check_never_disables_an_app_server():
    locations, text = nginx_locations()
    # The failover list is set once for the server, so /readyz can turn it off (nginx refuses
    # a second proxy_next_upstream in the same location, which the snippet include would be).
    assert re.search(r"\n    proxy_next_upstream error timeout http_502 http_503 http_504;", text)
    snippet = (DEPLOY / "nginx" / "portal-proxy.conf").read_text(encoding="utf-8")
    assert not re.search(r"^proxy_next_upstream ", snippet, flags=re.MULTILINE)
    assert "proxy_next_upstream off;" in locations["/readyz"]
    assert "proxy_next_upstream" not in locations["/"]  # /healthz keeps the failover


@pytest.mark.parametrize("path", sorted(SYSTEMD.glob("*.service")), ids=lambda p: p.name)
def test_units_running_the_app_may_write_var_dir(path):
    values = unit(path)
    commands = values.get("ExecStart", []) + values.get("ExecStartPre", [])
    if any(" manage.py " in c or c.endswith("/gunicorn") or "/gunicorn " in c for c in commands):
        assert "/srv/portal/var" in values["ReadWritePaths"][0].split()


@pytest.mark.parametrize("path", sorted(SYSTEMD.glob("*.timer")), ids=lambda p: p.name)
def test_timers_at_a_time_of_day_name_the_site_time_zone(path):
    (calendar,) = unit(path)["OnCalendar"]
    assert calendar == "hourly" or calendar.endswith(f" {settings.TIME_ZONE}")
