"""Link checker benchmark: our checker (monitoring.rules.links) against Debian's `linkchecker`
on the same local test site, in one run.

    .venv/bin/python bench/monitoring_linkcheck.py [--pages 400] [--broken 100] [--delay 0.02]

A throw-away site is generated in a temporary folder and served on 127.0.0.1 by a separate
process (a threaded HTTP server that adds `--delay` seconds to every answer, standing in for
network latency). Its index page links to every page: working pages, pages that are gone (404)
and pages that moved (301). Both checkers check the links of that index page once:
`linkchecker -r 1` and our LinkChecker with the settings the monitoring run uses (and once more
with linkchecker's parallelism, 10). Both run as subprocesses, so start-up is counted for both.
linkchecker is installed with apt-get when missing. The server answers with the `LinkChecker`
header so linkchecker may go faster than its default of 10 requests per second.

Figures are printed and written to bench/results/monitoring_linkcheck.json.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "monitoring_linkcheck.json"


# ---------------------------------------------------------------------------------------------
# The test site
# ---------------------------------------------------------------------------------------------


def build_site(folder, pages, broken, moved):
    links = []
    for number in range(pages):
        (folder / "page").mkdir(exist_ok=True)
        (folder / "page" / f"{number}.html").write_text(
            f"<!DOCTYPE html><html lang=zh><title>第{number}页</title><p>正文{number}</p>",
            encoding="utf-8",
        )
        links.append(f"/page/{number}.html")
    links += [f"/gone/{number}.html" for number in range(broken)]
    links += [f"/moved/{number}.html" for number in range(moved)]
    items = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
    (folder / "index.html").write_text(
        f"<!DOCTYPE html><html lang=zh><title>测试站点</title><ul>{items}</ul>", encoding="utf-8"
    )
    return links


def serve(folder, port, delay):
    """Run the test site's server (in its own process)."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=folder, **kwargs)

        def log_message(self, *args):
            pass

        def end_headers(self):
            self.send_header("LinkChecker", "bench")
            super().end_headers()

        def route(self):
            time.sleep(delay)
            match = re.fullmatch(r"/moved/(\d+)\.html", self.path)
            if match:
                self.send_response(301)
                self.send_header("Location", f"/page/{match[1]}.html")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return True
            return False

        def do_GET(self):  # noqa: N802
            if not self.route():
                super().do_GET()

        def do_HEAD(self):  # noqa: N802
            if not self.route():
                super().do_HEAD()

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 256

        def handle_error(self, request, client_address):
            pass  # clients closing idle keep-alive connections are no error here

    server = Server(("127.0.0.1", port), Handler)
    server.serve_forever()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("测试站点未能启动")


# ---------------------------------------------------------------------------------------------
# The two checkers
# ---------------------------------------------------------------------------------------------


def ours(index_url, concurrency, per_host):
    """Check the index page's links with our checker; prints a JSON line (subprocess mode)."""
    sys.path.insert(0, str(ROOT))
    from urllib.parse import urljoin

    import httpx

    from monitoring.rules.links import LinkChecker

    started = time.monotonic()
    html = httpx.get(index_url).text
    urls = [urljoin(index_url, href) for href in re.findall(r'href="([^"]+)"', html)]
    checker = LinkChecker(timeout=10, max_redirects=5, concurrency=concurrency, per_host=per_host)
    results = checker.check_links(urls)
    broken = sorted(url for url, result in results.items() if not result.ok)
    print(
        json.dumps(
            {"checked": len(results), "broken": len(broken), "seconds": time.monotonic() - started}
        )
    )


def run_ours(index_url, concurrency, per_host):
    started = time.monotonic()
    output = subprocess.run(
        [sys.executable, __file__, "--ours", index_url, str(concurrency), str(per_host)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["wall_seconds"] = time.monotonic() - started
    return figures


def ensure_linkchecker():
    if shutil.which("linkchecker"):
        return
    print("linkchecker 未安装，正在通过 apt-get 安装……")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "linkchecker"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def linkchecker_version():
    output = subprocess.run(["linkchecker", "--version"], capture_output=True, text=True).stdout
    return output.splitlines()[0] if output else "linkchecker"


def run_linkchecker(index_url, workdir, threads=10):
    config = workdir / "linkcheckerrc"
    config.write_text(
        f"[checking]\nmaxrequestspersecond=1000\nthreads={threads}\n[filtering]\ncheckextern=0\n"
    )
    config.chmod(0o644)
    output_file = workdir / "linkchecker.csv"
    started = time.monotonic()
    subprocess.run(
        [
            "linkchecker",
            "--config",
            str(config),
            "-r",
            "1",
            "--no-status",
            "--no-robots",
            "--verbose",
            "-o",
            "csv",
            index_url,
        ],
        stdout=output_file.open("w"),
        stderr=subprocess.DEVNULL,
        check=False,
    )
    seconds = time.monotonic() - started
    rows = [
        line.split(";")
        for line in output_file.read_text().splitlines()
        if line and not line.startswith("#") and not line.startswith("urlname")
    ]
    # csv columns: urlname;parentname;base;result;warningstring;infostring;valid;url;...
    checked = [row for row in rows if len(row) > 7 and row[7] != index_url]
    broken = [row for row in checked if row[6] == "False"]
    return {"checked": len(checked), "broken": len(broken), "wall_seconds": seconds}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--broken", type=int, default=100)
    parser.add_argument("--moved", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.02, help="seconds added to each answer")
    parser.add_argument("--serve", nargs=3, metavar=("DIR", "PORT", "DELAY"))
    parser.add_argument("--ours", nargs=3, metavar=("URL", "CONCURRENCY", "PER_HOST"))
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve[0], int(args.serve[1]), float(args.serve[2]))
    if args.ours:
        return ours(args.ours[0], int(args.ours[1]), int(args.ours[2]))

    ensure_linkchecker()
    workdir = Path(tempfile.mkdtemp(prefix="linkbench-"))
    workdir.chmod(0o755)
    site = workdir / "site"
    site.mkdir()
    links = build_site(site, args.pages, args.broken, args.moved)
    for path in [workdir, site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(site), str(port), str(args.delay)]
    )
    try:
        wait_for(port)
        index_url = f"http://127.0.0.1:{port}/index.html"
        ours_default = run_ours(index_url, concurrency=32, per_host=16)
        ours_same = run_ours(index_url, concurrency=10, per_host=10)
        theirs = run_linkchecker(index_url, workdir, threads=10)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(workdir, ignore_errors=True)

    figures = {
        "site": {
            "links": len(links),
            "pages": args.pages,
            "broken": args.broken,
            "moved": args.moved,
            "delay_seconds": args.delay,
        },
        "linkchecker": {"version": linkchecker_version(), "threads": 10, **theirs},
        "ours_default": {"concurrency": 32, "per_host": 16, **ours_default},
        "ours_same_parallelism": {"concurrency": 10, "per_host": 10, **ours_same},
    }
    figures["speedup_default"] = round(theirs["wall_seconds"] / ours_default["wall_seconds"], 2)
    figures["speedup_same_parallelism"] = round(
        theirs["wall_seconds"] / ours_same["wall_seconds"], 2
    )
    figures["target_met"] = figures["speedup_default"] >= 2
    print(
        f"测试站点：{len(links)} 个链接（{args.broken} 个失效，{args.moved} 个跳转），"
        f"每次应答延迟 {args.delay * 1000:.0f} 毫秒"
    )
    print(
        f"linkchecker（10 线程）：{theirs['wall_seconds']:.2f} 秒，"
        f"检查 {theirs['checked']} 个，失效 {theirs['broken']} 个"
    )
    print(
        f"本系统（并发 32，每主机 16）：{ours_default['wall_seconds']:.2f} 秒，"
        f"检查 {ours_default['checked']} 个，失效 {ours_default['broken']} 个"
    )
    print(f"本系统（并发 10）：{ours_same['wall_seconds']:.2f} 秒，失效 {ours_same['broken']} 个")
    print(
        f"加速比：默认 {figures['speedup_default']}×，同等并发 "
        f"{figures['speedup_same_parallelism']}×"
        f"（目标 ≥2×：{'达成' if figures['target_met'] else '未达成'}）"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"结果已写入 {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
