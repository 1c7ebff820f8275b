"""Public page speed next to wagtail/bakerydemo, in one run on one machine (not a test).

    .venv/bin/python bench/page_bench.py /path/to/bakerydemo            # 15-25 min
    .venv/bin/python bench/page_bench.py /path/to/bakerydemo --requests 200 --skip-cached

The bakerydemo checkout must be prepared first (bench/README.md "Pages": its own virtualenv
at PATH/.venv with gunicorn, `migrate` and `load_initial_data` done); this script never builds
it. Both sites are served the same way: gunicorn, 2 workers × 4 threads, SQLite with
persistent connections (as each deploys: ours DATABASE_CONN_MAX_AGE=60 as in
deploy/portal.env.example, bakerydemo CONN_MAX_AGE=500 as its DATABASE_URL configuration
sets), DEBUG off, on loopback ports 18800-18849. The load client is this script (httpx, one
keep-alive connection per thread, `concurrency` threads sharing `--requests` requests per
page), on the same machine as the servers.

Measured per page pair, at concurrency 1 and 8: requests per second of ours uncached, ours
with the production page cache (portal/page_cache.py, the file cache) and bakerydemo (which
has no page cache), the three servers running side by side and taking turns in `--rounds`
rounds (the median round of each: a shared machine's speed drifts over minutes, and one
site measured minutes after the other compared two machines); and the database queries of
one warm request of each page, counted in each project's own process with Django's test
client and CaptureQueriesContext. Then, with the cache on: seconds from a publish until the
next request shows the change. JSON goes to bench/results/page-latest.json, and the table
is printed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PAIRS = [
    ("home", "home"),
    ("policy document", "blog page"),
    ("column catalogue", "blog index"),
    ("annual report", "bread page"),
    ("search (database)", "search"),
]

# Run inside each project (`manage.py shell -c`): the URLs of the measured pages, and the
# queries of one warm request of each. Plain Django, so it works on both.
COUNT_QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
urls = json.loads({urls!r})
client = Client()
counts = {{}}
for name, url in urls.items():
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    counts[name] = [status, len(queries.captured_queries)]
print("RESULT" + json.dumps(counts))
"""

OUR_URLS = """
import json
from disclosure.models import DisclosureColumnPage, PolicyDocumentPage
from disclosure.annual_reports.models import AnnualReportPage
document = PolicyDocumentPage.objects.live().order_by("path").first()
column = DisclosureColumnPage.objects.get(pk=document.get_parent().pk)
print("RESULT" + json.dumps({
    "home": "/",
    "policy document": document.url,
    "column catalogue": column.url,
    "annual report": AnnualReportPage.objects.live().order_by("-year").first().url,
    "search (database)": "/search/?q=" + "政务服务",
}))
"""

BAKERY_URLS = """
import json
from bakerydemo.blog.models import BlogIndexPage, BlogPage
from bakerydemo.breads.models import BreadPage
print("RESULT" + json.dumps({
    "home": "/",
    "blog page": BlogPage.objects.live().order_by("path").first().url,
    "blog index": BlogIndexPage.objects.live().first().url,
    "bread page": BreadPage.objects.live().order_by("path").first().url,
    "search": "/search/?q=bread",
}))
"""

OUR_DEMO = """
from portal.demo import annual_reports, disclosure, site
site.load()
disclosure.load()
annual_reports.load()
"""

# Publish a new title of a policy document five times; print the seconds from each publish
# until the server shows it. The first runs in a process that has just started (its imports
# and first queries count); an editor's publish runs in a server that has been up for a while,
# which the other four are.
PUBLISH = """
import json, time, urllib.request
from disclosure.models import PolicyDocumentPage
url = "http://127.0.0.1:{port}" + PolicyDocumentPage.objects.live().order_by("path").first().url
seconds = []
for attempt in range(5):
    page = PolicyDocumentPage.objects.live().order_by("path").first()
    urllib.request.urlopen(url).read(); urllib.request.urlopen(url).read()
    title = "已更新的标题 %d" % time.time_ns()
    page.title = title
    started = time.monotonic()
    page.save_revision().publish()
    while title not in urllib.request.urlopen(url).read().decode():
        time.sleep(0.01)
    seconds.append(round(time.monotonic() - started, 3))
print("RESULT" + json.dumps(seconds))
"""


class Project:
    def __init__(self, name, directory, python, env):
        self.name, self.directory, self.python, self.env = name, directory, python, env

    def manage(self, *args, extra_env=None, check=True):
        env = {**os.environ, **self.env, **(extra_env or {})}
        return subprocess.run(
            [str(self.python), "manage.py", *args],
            cwd=self.directory,
            env=env,
            check=check,
            capture_output=True,
            text=True,
        )

    def shell(self, code, extra_env=None):
        done = self.manage("shell", "-c", textwrap.dedent(code), extra_env=extra_env, check=False)
        if done.returncode:
            raise SystemExit(f"{self.name}: manage.py shell failed:\n{done.stderr[-3000:]}")
        line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))
        return json.loads(line.removeprefix("RESULT"))

    def serve(self, wsgi, port, extra_env=None):
        env = {**os.environ, **self.env, **(extra_env or {})}
        command = [str(self.python), "-m", "gunicorn", wsgi, "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", "2", "--threads", "4", "--worker-class", "gthread"]
        command += ["--log-level", "warning"]
        process = subprocess.Popen(command, cwd=self.directory, env=env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                return process
            except httpx.HTTPError:
                time.sleep(0.3)
        stop(process)
        raise SystemExit(f"{self.name}: gunicorn did not answer on port {port}")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def load(base, url, requests, concurrency):
    """Requests per second of `requests` GETs of `url` spread over `concurrency` threads."""
    share, rest = divmod(requests, concurrency)
    per_thread = [share + (i < rest) for i in range(concurrency)]

    def worker(count):
        failures = 0
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(count):
                failures += client.get(url).status_code != 200
        return failures

    with httpx.Client(base_url=base, timeout=30) as client:  # warm-up
        for _ in range(10):
            client.get(url)
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        failures = sum(pool.map(worker, per_thread))
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{failures} of {requests} requests of {url} did not answer 200")
    return round(requests / elapsed, 1)


def interleaved(servers, pairs, args):
    """Requests per second of every page on every server, measured in `args.rounds` rounds
    that take turns between the servers (bakerydemo, ours, ours cached, then again), each
    round `args.requests / args.rounds` requests: the median round of each. On a shared
    machine the speed drifts over minutes; taking turns makes the ratios compare moments
    that are close together instead of one site's minutes with the other's."""
    per_round = max(args.requests // args.rounds, 1)
    figures = {name: {} for name in servers}
    for pair in pairs:
        for c in args.concurrency:
            samples = {name: [] for name in servers}
            for _ in range(args.rounds):
                for name, (base, urls) in servers.items():
                    samples[name].append(load(base, urls[pair[name]], per_round, c))
            for name in servers:
                figures[name].setdefault(pair[name], {})[f"c{c}"] = statistics.median(samples[name])
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bakerydemo", type=Path, help="a prepared bakerydemo checkout")
    parser.add_argument("--bakerydemo-python", type=Path, default=None)
    parser.add_argument("--requests", type=int, default=1000, help="requests per page")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--rounds", type=int, default=5, help="turns per page and concurrency")
    parser.add_argument("--port", type=int, default=18800)
    parser.add_argument("--skip-cached", action="store_true")
    parser.add_argument("--label", default="")
    args = parser.parse_args()

    bakery_dir = args.bakerydemo.resolve()
    bakery_python = args.bakerydemo_python or bakery_dir / ".venv" / "bin" / "python"
    if not (bakery_dir / "bakerydemodb").exists():
        raise SystemExit(f"{bakery_dir}: no bakerydemodb; prepare it (bench/README.md)")
    bakery = Project(
        "bakerydemo",
        bakery_dir,
        bakery_python,
        {
            "PYTHONPATH": str(ROOT / "bench"),
            "DJANGO_SETTINGS_MODULE": "bakerydemo_bench_settings",
        },
    )
    var_dir = Path(tempfile.mkdtemp(prefix="page-bench-"))
    ours = Project(
        "ours",
        ROOT,
        Path(sys.executable),
        {
            "PYTHONPATH": str(ROOT / "bench"),
            "DJANGO_SETTINGS_MODULE": "page_bench_settings",
            "VAR_DIR": str(var_dir),
            "ELASTICSEARCH_URL": "",
            "DATABASE_CONN_MAX_AGE": "60",
        },
    )
    processes = []
    try:
        print("preparing our demo site in", var_dir, flush=True)
        ours.manage("migrate", "-v0")
        ours.manage("shell", "-c", OUR_DEMO)
        our_urls = ours.shell(OUR_URLS)
        bakery_urls = bakery.shell(BAKERY_URLS)
        queries = {"ours": ours.shell(COUNT_QUERIES.format(urls=json.dumps(our_urls)))}
        queries["bakerydemo"] = bakery.shell(COUNT_QUERIES.format(urls=json.dumps(bakery_urls)))

        cache_env = {"PAGE_CACHE_SECONDS": "600"}
        servers = {
            "bakerydemo": (bakery, "bakerydemo.wsgi", args.port + 1, bakery_urls, None),
            "ours": (ours, "portal.wsgi", args.port, our_urls, None),
        }
        if not args.skip_cached:
            servers["cached"] = (ours, "portal.wsgi", args.port + 2, our_urls, cache_env)
        bases = {}
        for name, (project, wsgi, port, urls, env) in servers.items():
            processes.append(project.serve(wsgi, port, env))
            bases[name] = (f"http://127.0.0.1:{port}", urls)
        pairs = [{"bakerydemo": theirs, "ours": our, "cached": our} for our, theirs in PAIRS]
        print(f"measuring, {args.rounds} rounds taking turns …", flush=True)
        figures = interleaved(bases, pairs, args)
        bakery_rps, uncached = figures["bakerydemo"], figures["ours"]
        cached = figures.get("cached", {})
        publish_seconds = []
        if cached:
            cached["publish_visible_seconds"] = ours.shell(
                PUBLISH.format(port=args.port + 2), extra_env=cache_env
            )
            publish_seconds = cached["publish_visible_seconds"]
    finally:
        for process in processes:
            stop(process)
        shutil.rmtree(var_dir, ignore_errors=True)

    rows = []
    for our, theirs in PAIRS:
        row = {"ours": our, "bakerydemo": theirs, "url": our_urls[our]}
        row["queries"] = [queries["ours"][our][1], queries["bakerydemo"][theirs][1]]
        for c in args.concurrency:
            key = f"c{c}"
            row[f"ours_{key}"] = uncached[our][key]
            row[f"bakerydemo_{key}"] = bakery_rps[theirs][key]
            row[f"ratio_{key}"] = round(uncached[our][key] / bakery_rps[theirs][key], 2)
            if cached:
                row[f"cached_{key}"] = cached[our][key]
                row[f"cached_ratio_{key}"] = round(cached[our][key] / bakery_rps[theirs][key], 2)
        rows.append(row)

    result = {
        "label": args.label,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "setup": (
            "gunicorn 2 workers x 4 threads, SQLite with persistent connections, DEBUG off,"
            " httpx load client"
        ),
        "requests_per_page": args.requests,
        "rounds": args.rounds,
        "rows": rows,
        # Seconds from publish to visible: the first in a fresh process, then the median of
        # four more in the same process (as in a server that has been running).
        "publish_visible_seconds": cached.get("publish_visible_seconds"),
        "publish_visible_first_seconds": publish_seconds[0] if publish_seconds else None,
        "publish_visible_median_seconds": (
            statistics.median(publish_seconds[1:]) if publish_seconds else None
        ),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "page-latest.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))

    header = "| our page / bakerydemo page | queries ours / bakery |"
    header += "".join(f" ratio c{c} |" for c in args.concurrency)
    if cached:
        header += "".join(f" cached ratio c{c} |" for c in args.concurrency)
    print(header)
    for row in rows:
        ours_q, bakery_q = row["queries"]
        line = f"| {row['ours']} / {row['bakerydemo']} | {ours_q} / {bakery_q} |"
        line += "".join(f" {row[f'ratio_c{c}']} |" for c in args.concurrency)
        if cached:
            line += "".join(f" {row[f'cached_ratio_c{c}']} |" for c in args.concurrency)
        print(line)
    if cached:
        print(
            f"publish → visible: first {result['publish_visible_first_seconds']} s,"
            f" then median {result['publish_visible_median_seconds']} s"
            f" (all: {result['publish_visible_seconds']})"
        )


if __name__ == "__main__":
    main()
