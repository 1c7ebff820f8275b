"""Relevance measurement: nDCG@10 and precision@5 of a labelled query set.

The labelled set (tests/search/data/) is a corpus of Chinese government documents and queries
with graded judgements: 2 = answers the query, 1 = related. The same set is run against both
backends by tests/search/test_search_relevance.py and bench/search_relevance.py.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

from django.utils import timezone

from search.records import SearchRecord, content_type_label

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "search" / "data"
CORPUS_FILE = DATA_DIR / "relevance_corpus.json"
QUERIES_FILE = DATA_DIR / "relevance_queries.json"


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
