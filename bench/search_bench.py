"""Search speed on a settled index, in one run on one machine (not a test): prints, writes JSON.

    .venv/bin/python bench/search_bench.py                  # 100,000 documents (about 25 min)
    .venv/bin/python bench/search_bench.py --docs 20000     # a quicker run
    DATABASE_URL=postgres://… .venv/bin/python bench/search_bench.py --fallback-only

What it measures (see bench/README.md), at concurrency 1 and 8:
1. the database fallback: our endpoint with ELASTICSEARCH_URL empty (SQLite FTS5, or PostgreSQL
   with DATABASE_URL), at the full corpus size;
2. after indexing, refreshing and force-merging the index to one segment (the state a citizen
   meets, not one still merging after a bulk load):
   - ours: `GET /search/api/?q=…` served by gunicorn (round trip);
   - raw: the very same Elasticsearch body (`elastic.build_body`) POSTed straight to
     Elasticsearch (round trip and Elasticsearch's own `took`);
   - naive: a plain `multi_match` over the standard-analysed text fields, alone and with our
     aggregations and highlighting (round trip and `took`).

The script only uses functions the search app has had since it was written
(`service.parse_query`, `elastic.build_body`, `indexing.rebuild_elasticsearch`,
`database.write`), so the same file can be run on an older commit to measure "before".
It uses its own database (default: a fresh SQLite file under var/bench/; DATABASE_URL for
PostgreSQL, which must name an empty database) and its own local Elasticsearch node on port
9260 (or --port, or --elasticsearch-url).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

# The standard-analysed text fields a naive query searches (title weighted as ours is).
NAIVE_FIELDS = ["title^4", "summary", "keywords", "body", "attachments_text"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="requests per measurement")
    parser.add_argument("--elasticsearch-url", default="")
    parser.add_argument("--port", type=int, default=9260, help="port of the bench node")
    parser.add_argument("--web-port", type=int, default=0)
    parser.add_argument("--fallback-only", action="store_true", help="only the database")
    parser.add_argument("--label", default="", help="a name for this run in the JSON")
    parser.add_argument("--output", default="", help="JSON file (default: search-latest.json)")
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(values):
    return {
        "p50_ms": round(percentile(values, 0.50), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "mean_ms": round(statistics.mean(values), 1),
    }


def measure(send, queries, total, concurrency):
    """Run `total` requests over `concurrency` threads. `send(client, query)` returns the
    Elasticsearch `took` (ms) when it knows it, else None. Round trips in ms, req/s."""
    import httpx

    def worker(offset):
        latencies, took = [], []
        with httpx.Client(timeout=30) as client:
            for i in range(offset, total, concurrency):
                started = time.perf_counter()
                engine = send(client, queries[i % len(queries)])
                latencies.append((time.perf_counter() - started) * 1000)
                if engine is not None:
                    took.append(engine)
        return latencies, took

    with httpx.Client(timeout=30) as client:
        for query in queries[:30]:  # warm up caches and connections
            send(client, query)
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        parts = list(pool.map(worker, range(concurrency)))
    wall = time.perf_counter() - started
    latencies = [ms for part, _took in parts for ms in part]
    took = [ms for _part, part in parts for ms in part]
    result = {
        "requests": len(latencies),
        "concurrency": concurrency,
        **summary(latencies),
        "throughput_rps": round(len(latencies) / wall, 1),
    }
    if took:
        result["took"] = summary(took)
    return result


class WebServer:
    """gunicorn serving the project with the bench settings and the given environment."""

    def __init__(self, port, env):
        self.port = port
        self.env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "search_bench_settings"}
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "portal.wsgi",
                "--pythonpath",
                f"{ROOT},{BENCH}",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--worker-class",
                "gthread",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        import httpx

        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                url = f"http://127.0.0.1:{self.port}/search/api/?q=warm"
                if httpx.get(url, timeout=10).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def settle(http, es_url, index):
    """Refresh, force-merge to one segment and wait until no merge is running."""
    http.post(f"{es_url}/{index}/_refresh").raise_for_status()
    http.post(
        f"{es_url}/{index}/_forcemerge", params={"max_num_segments": 1}, timeout=1800
    ).raise_for_status()
    http.post(f"{es_url}/{index}/_refresh").raise_for_status()
    while True:
        stats = http.get(f"{es_url}/{index}/_stats/merge,segments").json()["_all"]["primaries"]
        if not stats["merges"]["current"]:
            return stats["segments"]["count"]
        time.sleep(2)


def main():
    args = parse_args()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    os.environ.setdefault(
        "DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'search-bench.sqlite3'}"
    )
    if os.environ["DATABASE_URL"].startswith("sqlite:///"):
        db_file = Path(os.environ["DATABASE_URL"].removeprefix("sqlite:///"))
        db_file.parent.mkdir(parents=True, exist_ok=True)
        db_file.unlink(missing_ok=True)

    from search import engine_runner

    started_engine = None
    es_url = args.elasticsearch_url
    if not es_url and not args.fallback_only:
        started_engine = ROOT / "var" / "elasticsearch-bench"
        os.environ.setdefault("SEARCH_ENGINE_HEAP", "1g")
        es_url = engine_runner.start(port=args.port, var_dir=started_engine, wait_seconds=180)
    alias = f"bench-{stamp}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="search_bench_settings",
        ELASTICSEARCH_URL="",
        SEARCH_INDEX_ALIAS=alias,
    )
    import django

    django.setup()
    import httpx
    from django.conf import settings
    from django.core.management import call_command
    from search_corpus import benchmark_queries, generate
    from tqdm import tqdm

    from search import indexing, service
    from search.backends import database, elastic

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    git = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    try:
        print(f"数据库：{engine}；Elasticsearch：{es_url or '（不测）'}")
        call_command("migrate", verbosity=0)
        records = list(tqdm(generate(args.docs), total=args.docs, desc="生成文档", unit="篇"))
        queries = benchmark_queries()
        results = {
            "when": stamp,
            "label": args.label,
            "commit": git,
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "system": platform.platform(),
            },
            "database": engine,
            "documents": args.docs,
            "average_body_characters": round(sum(len(r.body) for r in records) / len(records)),
            "queries": len(queries),
            "requests_per_measurement": {"c1": args.requests, "c8": args.requests * 2},
        }
        web_port = args.web_port or free_port()

        def ours(client, query):
            response = client.get(f"http://127.0.0.1:{web_port}/search/api/", params={"q": query})
            response.raise_for_status()
            return None

        def run(send, concurrency):
            total = args.requests * (2 if concurrency > 1 else 1)
            return measure(send, queries, total, concurrency)

        # ---------------------------------------------------------------- database fallback
        with tqdm(total=len(records), desc="数据库检索写入", unit="篇") as bar:
            for start in range(0, len(records), 1000):
                chunk = records[start : start + 1000]
                database.write(chunk)
                bar.update(len(chunk))
        with WebServer(web_port, {"ELASTICSEARCH_URL": ""}):
            fallback = {f"c{c}": run(ours, c) for c in (1, 8)}
        print(f"备用检索（{engine}）：", fallback)
        results["fallback"] = fallback
        results["fallback_goal_p95_ms"] = 300
        results["fallback_p95_within_goal"] = {
            key: value["p95_ms"] <= 300 for key, value in fallback.items()
        }
        if args.fallback_only:
            return save(results, args, stamp)

        # ---------------------------------------------------------------- index and settle
        settings.ELASTICSEARCH_URL = es_url

        def chunks():
            for start in range(0, len(records), 500):
                yield indexing.now_version(), records[start : start + 500]

        started = time.perf_counter()
        with tqdm(total=len(records), desc="本项目重建索引", unit="篇") as bar:
            index = indexing.rebuild_elasticsearch(progress=bar.update, chunks=chunks()).index
        results["indexing"] = {
            "ours_docs_per_s": round(len(records) / (time.perf_counter() - started)),
        }
        assert elastic.count() == len(records)
        with httpx.Client(timeout=120) as http:
            started = time.perf_counter()
            results["segments"] = settle(http, es_url, index)
            results["force_merge_seconds"] = round(time.perf_counter() - started, 1)
        print("索引：", results["indexing"], "段数", results["segments"])

        # ---------------------------------------------------------------- request bodies
        ours_bodies, naive_bodies, naive_full_bodies = {}, {}, {}
        for query in queries:
            body = elastic.build_body(service.parse_query(query))
            ours_bodies[query] = json.dumps(body, ensure_ascii=False).encode()
            naive = {
                "query": {"multi_match": {"query": query, "fields": NAIVE_FIELDS}},
                "size": body["size"],
                "_source": body["_source"],
                "track_total_hits": True,
            }
            naive_bodies[query] = json.dumps(naive, ensure_ascii=False).encode()
            full = {**naive, "aggs": body["aggs"]}
            if "highlight" in body:
                highlight = {k: v for k, v in body["highlight"].items() if k != "highlight_query"}
                full["highlight"] = highlight
            naive_full_bodies[query] = json.dumps(full, ensure_ascii=False).encode()

        def direct(bodies):
            def send(http, query):
                response = http.post(
                    f"{es_url}/{alias}/_search",
                    content=bodies[query],
                    headers={"Content-Type": "application/json"},
                )
                response.raise_for_status()
                return response.json()["took"]

            return send

        latency = {}
        with WebServer(web_port, {"ELASTICSEARCH_URL": es_url}):
            answer = httpx.get(
                f"http://127.0.0.1:{web_port}/search/api/", params={"q": queries[0]}
            ).json()
            assert answer["backend"] == "elasticsearch" and not answer["fell_back"], answer[
                "notice"
            ]
            for c in (1, 8):
                # Interleaved so that all four see the same machine state.
                raw_first = run(direct(ours_bodies), c)
                ours_result = run(ours, c)
                naive = run(direct(naive_bodies), c)
                naive_full = run(direct(naive_full_bodies), c)
                raw_second = run(direct(ours_bodies), c)
                raw = {
                    key: round((raw_first[key] + raw_second[key]) / 2, 1)
                    for key in ("p50_ms", "p95_ms", "mean_ms", "throughput_rps")
                }
                raw["took"] = {
                    key: round((raw_first["took"][key] + raw_second["took"][key]) / 2, 1)
                    for key in ("p50_ms", "p95_ms", "mean_ms")
                }
                raw["requests"] = raw_first["requests"] + raw_second["requests"]
                target = round(1.5 * raw["p95_ms"] + 10, 1)
                latency[f"c{c}"] = {
                    "ours": ours_result,
                    "raw": raw,
                    "naive": naive,
                    "naive_with_our_aggregations_and_highlighting": naive_full,
                    "overhead_p95_target_ms": target,
                    "overhead_within_target": ours_result["p95_ms"] <= target,
                }
                print(f"并发 {c}：", json.dumps(latency[f"c{c}"], ensure_ascii=False))
        results["latency"] = latency
        c1 = latency["c1"]["ours"]
        results["goals"] = {
            "ours_c1_p50_le_12ms": c1["p50_ms"] <= 12,
            "ours_c1_p95_le_30ms": c1["p95_ms"] <= 30,
            "overhead_c1": latency["c1"]["overhead_within_target"],
            "overhead_c8": latency["c8"]["overhead_within_target"],
        }
        save(results, args, stamp)
    finally:
        if es_url:
            try:
                settings.ELASTICSEARCH_URL = es_url
                client = elastic.indexing_client().options(ignore_status=404)
                for name in list(client.indices.get(index=f"{alias}*").body):
                    client.indices.delete(index=name)
            except Exception as error:  # cleaning up must not hide the real error
                print(f"清理索引失败：{error}")
        if started_engine:
            engine_runner.stop(var_dir=started_engine)


def save(results, args, stamp):
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, ensure_ascii=False, indent=2)
    output = Path(args.output) if args.output else RESULTS / "search-latest.json"
    output.write_text(text + "\n")
    (RESULTS / f"search-{stamp}.json").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
