"""Relevance of both search backends on the labelled Chinese query set (not a test).

    .venv/bin/python bench/search_relevance.py [--elasticsearch-url URL]

Loads tests/search/data/ (51 documents, 59 graded queries) into a fresh SQLite database
and a fresh index on a local Elasticsearch node (started on port 9261 and stopped unless a URL
is given), runs every query through search.service on each backend and writes nDCG@10 and
P@5 to bench/results/search-relevance-latest.json.

Then it seeds the demo site (`manage.py seed_demo`) in the same database, indexes its pages into
both backends as `search_index rebuild` does and runs tests/search/data/demo_queries.json (pages
named by URL path) the same way: bench/results/search-relevance-demo.json. That file keeps the
database figures per engine, so a second run with
DATABASE_URL=postgres://... adds PostgreSQL next to SQLite FTS5.

    .venv/bin/python bench/search_relevance.py --set --elasticsearch-url URL

The issue-19 set instead (316 documents imported with `manage.py import_documents`, 212
graded queries through /search/api/, about 5 min): runs tests/search/test_search_relevance_set.py
against both backends and writes its per-category and per-query figures to
bench/results/search-relevance-set.json (the previous run's per-category figures are kept as
"previous", so a change shows before and after).
"""

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
# The labelled sets and their metrics live with the tests (search/ never reads test data).
sys.path.insert(0, str(ROOT / "tests" / "search"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--elasticsearch-url", default="")
    parser.add_argument("--port", type=int, default=9261)
    parser.add_argument("--set", action="store_true", help="the issue-19 set (see above)")
    args = parser.parse_args()
    if args.set:
        return relevance_set(args)
    db_file = ROOT / "var" / "bench" / "search-relevance.sqlite3"
    db_file.parent.mkdir(parents=True, exist_ok=True)
    db_file.unlink(missing_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db_file}")
    # seed_demo writes its attachments here, not into the development site's media.
    os.environ.setdefault("MEDIA_ROOT", str(db_file.parent / "relevance-media"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "search_bench_settings"
    os.environ["ELASTICSEARCH_URL"] = ""
    from search import engine_runner

    engine_dir = None
    url = args.elasticsearch_url
    if not url:
        engine_dir = ROOT / "var" / "elasticsearch-relevance"
        url = engine_runner.start(port=args.port, var_dir=engine_dir, wait_seconds=180)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from search_evaluation import (
        corpus_records,
        demo_queries,
        evaluate,
        index_site_pages,
        ranked_paths,
    )

    from search import service
    from search.backends import database, elastic

    alias = f"relevance-{dt.datetime.now():%Y%m%d%H%M%S}"
    try:
        call_command("migrate", verbosity=0)
        records = corpus_records()
        # A reused database (PostgreSQL) may hold the demo pages of an earlier run.
        database.clear_pages()
        database.write(records)
        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_INDEX_ALIAS = alias
        elastic.create_index(elastic.indexing_client(), set_alias=True)
        elastic.write_to(alias, records, refresh=True)

        def run(query):
            results = service.search(query)
            assert not results.fell_back, results.notice
            return [hit.doc_id for hit in results.hits]

        report = {
            "when": dt.datetime.now().isoformat(timespec="seconds"),
            "documents": len(records),
        }
        for backend, backend_url in (("elasticsearch", url), ("database", "")):
            settings.ELASTICSEARCH_URL = backend_url
            service.reset_elasticsearch_state()
            result = evaluate(run)
            report[backend] = result
            print(
                f"{backend}: nDCG@10 {result['ndcg@10']:.3f}  P@5 {result['p@5']:.3f} "
                f"(best possible {result['ideal_p@5']:.3f}) over {result['queries']} queries"
            )
        report["database_engine"] = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "search-relevance-latest.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        )

        # The demo site: its own pages only (the labelled corpus above leaves the store).
        database.delete([record.doc_id for record in records])
        with open(os.devnull, "w") as quiet:
            call_command("seed_demo", stdout=quiet)
        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_INDEX_ALIAS = f"{alias}-demo"
        service.reset_elasticsearch_state()
        indexed = index_site_pages(elasticsearch=True)
        engine = report["database_engine"]
        demo_file = RESULTS / "search-relevance-demo.json"
        previous = json.loads(demo_file.read_text("utf-8")) if demo_file.exists() else {}
        demo = {
            "when": dt.datetime.now().isoformat(timespec="seconds"),
            "pages": indexed["pages"],
            "database_engine": engine,
            "database_by_engine": previous.get("database_by_engine", {}),
        }
        for backend, backend_url in (("elasticsearch", url), ("database", "")):
            settings.ELASTICSEARCH_URL = backend_url
            service.reset_elasticsearch_state()
            result = evaluate(ranked_paths, demo_queries())
            demo[backend] = result
            print(
                f"demo site, {backend if backend_url else engine}: "
                f"nDCG@10 {result['ndcg@10']:.3f}  P@5 {result['p@5']:.3f} "
                f"(best possible {result['ideal_p@5']:.3f}) over {result['queries']} queries"
            )
        demo["database_by_engine"][engine] = {
            "when": demo["when"],
            **{key: demo["database"][key] for key in ("queries", "ndcg@10", "p@5", "ideal_p@5")},
        }
        demo_file.write_text(json.dumps(demo, ensure_ascii=False, indent=2) + "\n")
    finally:
        settings.ELASTICSEARCH_URL = url
        client = elastic.indexing_client().options(ignore_status=404)
        for name in list(client.indices.get(index=f"{alias}*").body):
            client.indices.delete(index=name)
        if engine_dir:
            engine_runner.stop(var_dir=engine_dir)


def relevance_set(args):
    """The issue-19 set through its test (the test's fixtures import and index it)."""
    import subprocess
    import tempfile

    from search import engine_runner

    engine_dir = None
    url = args.elasticsearch_url
    if not url:
        engine_dir = ROOT / "var" / "elasticsearch-relevance"
        url = engine_runner.start(port=args.port, var_dir=engine_dir, wait_seconds=180)
    try:
        with tempfile.TemporaryDirectory() as output:
            env = {
                **os.environ,
                "SEARCH_RELEVANCE_SET_OUTPUT": output,
                "SEARCH_TEST_ELASTICSEARCH_URL": url,
                "SEARCH_TEST_REQUIRE_ELASTICSEARCH": "1",
            }
            test = "tests/search/test_search_relevance_set.py::test_relevance_on_the_set"
            command = [sys.executable, "-m", "pytest", test, "-q", "-p", "no:cacheprovider"]
            subprocess.run(command, cwd=ROOT, env=env, check=True)
            backends = {
                name: json.loads((Path(output) / f"{name}.json").read_text("utf-8"))
                for name in ("database", "elasticsearch")
            }
    finally:
        if engine_dir:
            engine_runner.stop(var_dir=engine_dir)
    result_file = RESULTS / "search-relevance-set.json"
    previous = json.loads(result_file.read_text("utf-8")) if result_file.exists() else {}
    report = {"when": dt.datetime.now().isoformat(timespec="seconds")}
    for name, result in backends.items():
        report[name] = result
        print(f"issue-19 set, {name}: nDCG@10 {result['ndcg@10']:.3f}")
        for category, value in result["categories"].items():
            print(f"  {category}: {value['ndcg@10']:.3f} ({value['queries']})")
    if previous:
        report["previous"] = {
            "when": previous["when"],
            **{
                name: {
                    "ndcg@10": previous[name]["ndcg@10"],
                    "categories": previous[name]["categories"],
                }
                for name in backends
            },
        }
    RESULTS.mkdir(parents=True, exist_ok=True)
    result_file.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
