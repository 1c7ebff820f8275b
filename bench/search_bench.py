"""Search benchmarks, in one run on one machine (not a test): prints figures, writes JSON.

    .venv/bin/python bench/search_bench.py                 # 100,000 documents (about 20 min)
    .venv/bin/python bench/search_bench.py --docs 20000    # a quicker run

What it measures (see bench/README.md):
1. indexing throughput into Elasticsearch: ours (`rebuild_elasticsearch`: Document classes,
   versioned _bulk, alias swap) against a raw `_bulk` of the same documents;
2. query latency p50/p95 and throughput at concurrency 1 and 8: our JSON endpoint (served by
   gunicorn) against the same Elasticsearch query body sent straight to Elasticsearch;
3. the database fallback (our endpoint with ELASTICSEARCH_URL empty) at 10,000 and at the
   full corpus size.

It uses its own database (default: a fresh SQLite file under var/bench/; set DATABASE_URL for
PostgreSQL) and its own local Elasticsearch node on port 9260 (or --elasticsearch-url).
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


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000, help="first fallback size")
    parser.add_argument("--requests", type=int, default=300, help="requests per measurement")
    parser.add_argument("--elasticsearch-url", default="")
    parser.add_argument("--port", type=int, default=9260, help="port of the bench node")
    parser.add_argument("--web-port", type=int, default=0)
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(send, queries, total, concurrency):
    """Run `total` requests spread over `concurrency` threads; latencies in ms, req/s."""
    import httpx

    def worker(offset):
        latencies = []
        with httpx.Client(timeout=30) as client:
            for i in range(offset, total, concurrency):
                started = time.perf_counter()
                send(client, queries[i % len(queries)])
                latencies.append((time.perf_counter() - started) * 1000)
        return latencies

    for query in queries[:20]:  # warm up caches and connections
        with httpx.Client(timeout=30) as client:
            send(client, query)
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        latencies = [ms for part in pool.map(worker, range(concurrency)) for ms in part]
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "concurrency": concurrency,
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "mean_ms": round(statistics.mean(latencies), 1),
        "throughput_rps": round(len(latencies) / wall, 1),
    }


class WebServer:
    """gunicorn serving the project with the bench settings and the given environment."""

    def __init__(self, port, env):
        self.port = port
        self.env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "search_bench_settings"}
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
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

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if (
                    httpx.get(
                        f"http://127.0.0.1:{self.port}/search/api/?q=warm", timeout=5
                    ).status_code
                    == 200
                ):
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


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
    if not es_url:
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
    from search.backends.elastic_index import PageDocument, index_definition

    try:
        print(f"数据库：{settings.DATABASES['default']['ENGINE']}；Elasticsearch：{es_url}")
        call_command("migrate", verbosity=0)
        records = list(tqdm(generate(args.docs), total=args.docs, desc="生成文档", unit="篇"))
        queries = benchmark_queries()
        results = {
            "when": stamp,
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "system": platform.platform(),
            },
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "documents": args.docs,
            "average_body_characters": round(sum(len(r.body) for r in records) / len(records)),
            "queries": len(queries),
        }
        web_port = args.web_port or free_port()

        def ours(client, query):
            response = client.get(f"http://127.0.0.1:{web_port}/search/api/", params={"q": query})
            response.raise_for_status()
            return response

        # ---------------------------------------------------------------- database fallback
        fallback = {}
        written = 0
        for size in sorted({min(args.small, args.docs), args.docs}):
            with tqdm(total=size - written, desc=f"数据库检索写入至 {size}", unit="篇") as bar:
                for start in range(written, size, 1000):
                    chunk = records[start : min(start + 1000, size)]
                    database.write(chunk)
                    bar.update(len(chunk))
            written = size
            with WebServer(web_port, {"ELASTICSEARCH_URL": ""}):
                fallback[str(size)] = {
                    f"c{c}": measure(ours, queries, args.requests * (2 if c > 1 else 1), c)
                    for c in (1, 8)
                }
            print(f"备用检索 {size} 篇：", fallback[str(size)])
        results["fallback"] = fallback

        # ---------------------------------------------------------------- indexing throughput
        settings.ELASTICSEARCH_URL = es_url
        client = elastic.indexing_client()
        raw_index = f"{alias}-raw"
        # Warm the node up (JIT, caches) so neither side pays for a cold start.
        warm = f"{alias}-warmup"
        index_definition(warm).create(using=client)
        elastic.write_to(warm, records[:2000])
        client.indices.delete(index=warm)
        index_definition(raw_index).create(using=client)
        sources = [PageDocument.from_record(r).to_dict() for r in records]
        started = time.perf_counter()
        with httpx.Client(timeout=120) as http:
            for start in tqdm(range(0, len(sources), 500), desc="原生 _bulk", unit="批"):
                lines = []
                for record, source in zip(
                    records[start : start + 500], sources[start : start + 500], strict=True
                ):
                    lines.append(json.dumps({"index": {"_index": raw_index, "_id": record.doc_id}}))
                    lines.append(
                        json.dumps(
                            source, ensure_ascii=False, default=lambda value: value.isoformat()
                        )
                    )
                body = ("\n".join(lines) + "\n").encode()
                reply = http.post(
                    f"{es_url}/_bulk",
                    content=body,
                    headers={"Content-Type": "application/x-ndjson"},
                )
                reply.raise_for_status()
                assert not reply.json()["errors"]
            http.post(f"{es_url}/{raw_index}/_refresh").raise_for_status()
        raw_seconds = time.perf_counter() - started
        del sources

        def chunks():
            for start in range(0, len(records), 500):
                yield indexing.now_version(), records[start : start + 500]

        started = time.perf_counter()
        with tqdm(total=len(records), desc="本项目重建索引", unit="篇") as bar:
            indexing.rebuild_elasticsearch(progress=bar.update, chunks=chunks())
        ours_seconds = time.perf_counter() - started
        assert elastic.count() == len(records)
        results["indexing"] = {
            "ours_docs_per_s": round(len(records) / ours_seconds),
            "raw_bulk_docs_per_s": round(len(records) / raw_seconds),
            "ours_seconds": round(ours_seconds, 1),
            "raw_bulk_seconds": round(raw_seconds, 1),
            "ratio_ours_to_raw": round(raw_seconds / ours_seconds, 2),
        }
        print("索引吞吐：", results["indexing"])
        client.indices.delete(index=raw_index)

        # ---------------------------------------------------------------- query latency
        bodies = {}
        for query in queries:
            body = elastic.build_body(service.parse_query(query))
            bodies[query] = json.dumps(body, ensure_ascii=False).encode()

        def raw(http, query):
            response = http.post(
                f"{es_url}/{alias}/_search",
                content=bodies[query],
                headers={"Content-Type": "application/json"},
            )
            response.raise_for_status()
            return response

        latency = {}
        with WebServer(web_port, {"ELASTICSEARCH_URL": es_url}):
            answer = httpx.get(
                f"http://127.0.0.1:{web_port}/search/api/", params={"q": queries[0]}
            ).json()
            assert answer["backend"] == "elasticsearch" and not answer["fell_back"], answer[
                "notice"
            ]
            for c in (1, 8):
                total = args.requests * (2 if c > 1 else 1)
                # Interleave the two so both see the same machine state.
                raw_first = measure(raw, queries, total // 2, c)
                ours_result = measure(ours, queries, total, c)
                raw_second = measure(raw, queries, total // 2, c)
                raw_result = {
                    "requests": raw_first["requests"] + raw_second["requests"],
                    "concurrency": c,
                    "p50_ms": round((raw_first["p50_ms"] + raw_second["p50_ms"]) / 2, 1),
                    "p95_ms": round((raw_first["p95_ms"] + raw_second["p95_ms"]) / 2, 1),
                    "throughput_rps": round(
                        (raw_first["throughput_rps"] + raw_second["throughput_rps"]) / 2, 1
                    ),
                }
                latency[f"c{c}"] = {
                    "ours": ours_result,
                    "raw_elasticsearch": raw_result,
                    "p95_ratio": round(ours_result["p95_ms"] / raw_result["p95_ms"], 2),
                    "p95_target_ms": round(1.5 * raw_result["p95_ms"] + 10, 1),
                    "p95_within_target": ours_result["p95_ms"] <= 1.5 * raw_result["p95_ms"] + 10,
                    "throughput_ratio": round(
                        ours_result["throughput_rps"] / raw_result["throughput_rps"], 2
                    ),
                }
                print(f"并发 {c}：", latency[f"c{c}"])
        results["latency"] = latency
        results["fallback_p95_under_200ms_at_full_size"] = (
            fallback[str(args.docs)]["c1"]["p95_ms"] < 200
        )
        RESULTS.mkdir(parents=True, exist_ok=True)
        text = json.dumps(results, ensure_ascii=False, indent=2)
        (RESULTS / f"search-{stamp}.json").write_text(text + "\n")
        (RESULTS / "search-latest.json").write_text(text + "\n")
        print(text)
    finally:
        try:
            settings.ELASTICSEARCH_URL = es_url
            for name in list(
                elastic.indexing_client()
                .options(ignore_status=404)
                .indices.get(index=f"{alias}*")
                .body
            ):
                elastic.indexing_client().indices.delete(index=name)
        except Exception as error:  # cleaning up must not hide the real error
            print(f"清理索引失败：{error}")
        if started_engine:
            engine_runner.stop(var_dir=started_engine)


if __name__ == "__main__":
    main()
