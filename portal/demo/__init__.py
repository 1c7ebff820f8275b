"""The demo site of 伊金霍洛旗政务服务局, loaded by ``manage.py seed_demo``.

What the demo contains is data in portal/demo_data/: YAML files, and the bureau's real 2021
performance evaluation report as text. The modules here read those files and create
everything through the code the site itself uses, so the demo obeys the same rules as real
content:

    site            site identity, the home page, 机构概况, 联系我们, 隐私声明, 网站地图, navigation
    disclosure      organisations, the 政府信息公开 columns, the guide, the standard catalogue,
                    policy documents (published as Wagtail revisions, so 索引号 are allocated at
                    first publication) and interpretations
    applications    依申请公开 cases, step by step through disclosure.applications.services
    annual_reports  年度报告 2024 and 2025, computed from those cases, published only when all
                    rules pass
    monitoring      the demo dictionary, 政务新媒体 accounts, their posts and messages

Each ``load()`` is idempotent: what already exists (looked up by a natural key: a slug under
its parent, a name, a demo case key) is left alone, so editors' changes survive re-runs. It
returns how many things it created.
"""

from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "demo_data"


def read(name):
    """The data of portal/demo_data/<name>.yaml. PyYAML's libyaml-backed safe loader reads
    the same data as yaml.safe_load, several times faster (the demo's files are large)."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_text(file_name):
    """A text file of portal/demo_data/ (the 2021 performance evaluation report)."""
    return (DATA_DIR / file_name).read_text("utf-8")


def say(stdout, message):
    if stdout is not None:
        stdout.write(message)
