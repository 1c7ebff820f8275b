"""Relevance on the labelled Chinese query set, for both backends.

The figures are written to the test output (and, by bench/search_relevance.py, to
bench/results/). Target on Elasticsearch: nDCG@10 >= 0.85.
"""

from search_evaluation import evaluate, labelled_queries

from search import service

ELASTICSEARCH_NDCG_TARGET = 0.85
DATABASE_NDCG_FLOOR = 0.75


def _run(query):
    results = service.search(query)
    assert not results.fell_back, results.notice
    return [hit.doc_id for hit in results.hits]


def test_the_labelled_set_is_large_enough():
    queries = labelled_queries()
    assert len(queries) >= 40
    assert all(item["relevant"] and max(item["relevant"].values()) == 2 for item in queries)


def test_relevance(backend):
    report = evaluate(_run)
    worst = sorted(report["per_query"], key=lambda q: q["ndcg@10"])[:5]
    print(
        f"\n{backend}: nDCG@10 {report['ndcg@10']:.3f}  P@5 {report['p@5']:.3f} "
        f"(ideal {report['ideal_p@5']:.3f}) over {report['queries']} queries; worst: "
        + ", ".join(f"{q['query']} {q['ndcg@10']:.2f} {q['top']}" for q in worst)
    )
    floor = ELASTICSEARCH_NDCG_TARGET if backend == "elasticsearch" else DATABASE_NDCG_FLOOR
    assert report["ndcg@10"] >= floor
