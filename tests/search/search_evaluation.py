"""Relevance measurement: nDCG@10 and precision@5 of a labelled query set.

Test and benchmark code, not part of the search package (which never reads test data):
tests/search/ imports it as `search_evaluation` (pytest puts this folder on sys.path), and
bench/search_relevance.py puts this folder on sys.path to import it too.

The labelled set (data/ beside this file) is a corpus of Chinese government documents and
queries with graded judgements: 2 = answers the query, 1 = related. The same set is run
against both backends by test_search_relevance.py and bench/search_relevance.py.

A second labelled set (demo_queries.json) judges the pages `manage.py seed_demo` creates. Its
documents are named by their URL path, which stays the same from one seeding to the next
(page ids do not); tests/search/test_search_demo_relevance.py and bench/search_relevance.py
index the seeded site with `index_site_pages()` and rank with `ranked_paths()`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from urllib.parse import urlsplit

from django.utils import timezone

from search import service
from search.indexing import rebuild_database, rebuild_elasticsearch
from search.schema import SearchRecord, content_type_label

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_FILE = DATA_DIR / "relevance_corpus.json"
QUERIES_FILE = DATA_DIR / "relevance_queries.json"
DEMO_QUERIES_FILE = DATA_DIR / "demo_queries.json"


def corpus_records(path: Path = CORPUS_FILE) -> list[SearchRecord]:
    records = []
    for item in json.loads(path.read_text("utf-8")):
        published = dt.datetime.fromisoformat(item["published"])
        records.append(
            SearchRecord(
                doc_id=item["key"],
                content_type=item["content_type"],
                content_type_label=content_type_label(item["content_type"]),
                title=item["title"],
                url=f"/test-corpus/{item['key']}/",
                summary=item["summary"],
                body=item["body"],
                keywords=item.get("keywords", ""),
                document_number=item["document_number"],
                index_number=item["index_number"],
                topic=item["topic"],
                publisher=item["publisher"],
                genre=item["genre"],
                validity=item["validity"],
                published_at=timezone.make_aware(published),
            )
        )
    return records


def labelled_queries(path: Path = QUERIES_FILE) -> list[dict]:
    return json.loads(path.read_text("utf-8"))


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranked_ids: list[str], relevant: dict[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([relevant.get(doc_id, 0) for doc_id in ranked_ids[:k]]) / ideal


def precision_at(ranked_ids: list[str], relevant: dict[str, int], k: int = 5) -> float:
    return sum(1 for doc_id in ranked_ids[:k] if relevant.get(doc_id, 0) > 0) / k


def evaluate(run, queries: list[dict] | None = None) -> dict:
    """Run each labelled query through `run(query) -> ranked doc ids`; return the metrics.

    `ideal_p_at_5` is the best P@5 the labels allow (queries with fewer than five relevant
    documents cannot reach 1.0).
    """
    queries = queries or labelled_queries()
    per_query = []
    for item in queries:
        ranked = run(item["query"])
        relevant = item["relevant"]
        per_query.append(
            {
                "query": item["query"],
                "ndcg@10": ndcg_at(ranked, relevant),
                "p@5": precision_at(ranked, relevant),
                "ideal_p@5": min(len(relevant), 5) / 5,
                "top": ranked[:5],
            }
        )
    count = len(per_query)
    return {
        "queries": count,
        "ndcg@10": sum(q["ndcg@10"] for q in per_query) / count,
        "p@5": sum(q["p@5"] for q in per_query) / count,
        "ideal_p@5": sum(q["ideal_p@5"] for q in per_query) / count,
        "per_query": per_query,
    }


# --------------------------------------------------------------------------- the demo site


def demo_queries(path: Path = DEMO_QUERIES_FILE) -> list[dict]:
    """The labelled queries over the seeded demo site; documents are URL paths."""
    return labelled_queries(path)


def url_path(url: str) -> str:
    """The stable key of a page: its URL path, whether get_url() gave it with a host or not."""
    return urlsplit(url).path or "/"


def ranked_paths(query: str, filters=None) -> list[str]:
    """The first results page for `query` (with `filters`) as URL paths, through the public
    search API.

    Fails when Elasticsearch was configured but the database answered instead: a run must
    measure the backend it names.
    """
    results = service.search(query, filters)
    if results.fell_back:
        raise RuntimeError(f"search fell back to the database: {results.notice}")
    return [url_path(hit.url) for hit in results.hits]


def index_site_pages(elasticsearch: bool) -> dict:
    """Write every searchable page of the site to the database store and, when asked, to a
    new Elasticsearch index behind the configured alias, as `manage.py search_index rebuild`
    does. Returns the page count and the new index's name ("" without Elasticsearch)."""
    pages = rebuild_database()
    index = rebuild_elasticsearch().index if elasticsearch else ""
    return {"pages": pages, "index": index}


def report_line(label: str, report: dict, worst: int = 5) -> str:
    """One line for test and benchmark output: the figures and the worst queries."""
    queries = sorted(report["per_query"], key=lambda q: q["ndcg@10"])[:worst]
    return (
        f"{label}: nDCG@10 {report['ndcg@10']:.3f}  P@5 {report['p@5']:.3f} "
        f"(ideal {report['ideal_p@5']:.3f}) over {report['queries']} queries; worst: "
        + ", ".join(f"{q['query']} {q['ndcg@10']:.2f} {q['top'][:3]}" for q in queries)
    )


# --------------------------------------------------------------------------- the issue-19 set

RELEVANCE_SET_DOCUMENTS = DATA_DIR / "relevance_set_documents.csv"
RELEVANCE_SET_QUERIES = DATA_DIR / "relevance_set_queries.json"


def relevance_set_queries() -> list[dict]:
    """The graded queries of the issue-19 set (build_relevance_set.py); documents are titles."""
    return labelled_queries(RELEVANCE_SET_QUERIES)


def relevance_site() -> None:
    """The site the set is imported into: the demo site's pages and 政府信息公开 columns
    (portal/demo), without the demo's documents, so that only the set's documents answer."""
    import os

    from portal.demo import disclosure, site
    from portal.models import HomePage

    with open(os.devnull, "w") as quiet:
        site.load(stdout=quiet)
    demo = disclosure.DisclosureDemo(disclosure.read("disclosure"))
    demo.statutory_columns(demo.column_root(HomePage.objects.first()))


def import_relevance_set() -> str:
    """Import the set's documents into the site with `manage.py import_documents`, creating
    their publishers first (the demo site has only three). Returns the command's report."""
    import csv
    import io

    from django.core.management import call_command

    from core.rules.identifiers import uscc_check_char
    from disclosure.models import Organisation

    with RELEVANCE_SET_DOCUMENTS.open(encoding="utf-8") as handle:
        publishers = sorted({row["发布机构"] for row in csv.DictReader(handle)})
    for number, name in enumerate(publishers):
        first17 = f"11150627{900000000 + number:09d}"
        Organisation.objects.get_or_create(
            name=name, defaults={"uscc": first17 + uscc_check_char(first17)}
        )
    out = io.StringIO()
    call_command("import_documents", str(RELEVANCE_SET_DOCUMENTS), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def api_titles(client, query: str) -> list[str]:
    """The first results page of /search/api/ as titles; fails when it fell back."""
    body = client.get("/search/api/", {"q": query}).json()
    if body["fell_back"]:
        raise RuntimeError(f"search fell back to the database: {body['notice']}")
    return [hit["title"] for hit in body["hits"]]


def evaluate_set(run, queries: list[dict]) -> dict:
    """nDCG@10 over the graded queries, per category too; for the no-answer queries, the share
    that got no result at all (`no_answer_empty`)."""
    graded = [q for q in queries if q["relevant"]]
    report = evaluate(run, graded)
    by_category: dict[str, list[float]] = {}
    for item, result in zip(graded, report["per_query"], strict=True):
        by_category.setdefault(item["category"], []).append(result["ndcg@10"])
    report["categories"] = {
        name: {"queries": len(values), "ndcg@10": sum(values) / len(values)}
        for name, values in sorted(by_category.items())
    }
    empty = [q for q in queries if not q["relevant"]]
    if empty:
        answered = [q["query"] for q in empty if run(q["query"])]
        report["no_answer"] = {
            "queries": len(empty),
            "no_answer_empty": 1 - len(answered) / len(empty),
            "answered": answered,
        }
    return report
