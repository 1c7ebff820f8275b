"""One settings style (docs/ARCHITECTURE.md): each app's conf.py has DEFAULTS and get(name),
reads Django settings at call time, and the README documents every setting; only
portal/settings reads the environment."""

import ast
import importlib
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
APP_CONFS = [
    "disclosure.conf",
    "disclosure.applications.conf",
    "disclosure.annual_reports.conf",
    "search.conf",
    "monitoring.conf",
    "interaction.conf",
]
# A stand-alone process manager for the local Elasticsearch, run before Django is set up.
READS_ENVIRONMENT_BY_DESIGN = {"search/engine_runner.py"}


@pytest.mark.parametrize("name", APP_CONFS)
def test_every_app_setting_has_a_default_and_is_in_the_readme(name):
    conf = importlib.import_module(name)
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert conf.DEFAULTS
    missing = [setting for setting in conf.DEFAULTS if f"`{setting}`" not in readme]
    assert not missing, f"settings of {name} missing from README.md: {missing}"


@pytest.mark.parametrize("name", APP_CONFS)
def test_settings_are_read_at_call_time(name, settings):
    conf = importlib.import_module(name)
    setting = next(iter(conf.DEFAULTS))
    if hasattr(settings, setting):
        delattr(settings, setting)
    assert conf.get(setting) == conf.DEFAULTS[setting]
    setattr(settings, setting, "changed")
    assert conf.get(setting) == "changed"


def reads_environment(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
            if isinstance(node.value, ast.Name) and node.value.id == "os":
                return True
    return False


def test_only_the_settings_package_reads_the_environment():
    readers = []
    for package in ("portal", "disclosure", "search", "monitoring", "interaction", "core"):
        for path in (BASE_DIR / package).rglob("*.py"):
            relative = path.relative_to(BASE_DIR)
            if relative.parts[:2] == ("portal", "settings") or relative.name == "wsgi.py":
                continue
            if str(relative) in READS_ENVIRONMENT_BY_DESIGN:
                continue
            if reads_environment(path):
                readers.append(str(relative))
    assert not readers, f"read the environment outside portal/settings: {readers}"
