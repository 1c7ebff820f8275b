"""Content-review quality and speed: the labelled evaluation set and the throughput of the
dictionary scan and of the out-of-list misspelling detector with the shipped dictionaries.

    .venv/bin/python bench/monitoring_review.py [--scan-megabytes 5] [--spelling-megabytes 1]

- Quality: monitoring.evaluation on tests/monitoring/data/ (planted defects, clean texts), the
  demo documents with the bureau's 2021 report, and the search relevance corpus — the same
  sets and the same goals as tests/monitoring/test_review_quality.py: recall per defect kind
  (on the whole set and on its held-out part) and false alarms per 10,000 characters of clean
  official text.
- Speed: the demo 2021 report repeated with shuffled paragraphs up to the given size, scanned
  by one TermMatcher per shipped dictionary kind (the dictionary checks' one Aho-Corasick pass,
  context rules on candidate hits), and by the out-of-list detector (SpellingModel.find).

Figures are printed and written to bench/results/monitoring_review.json.
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from monitoring import evaluation  # noqa: E402
from monitoring.rules.matcher import TermMatcher  # noqa: E402

DATA = ROOT / "tests" / "monitoring" / "data"
DEMO = ROOT / "portal" / "demo_data"
CORPUS = DEMO / "yijinhuoluo-zwfwj-2021-performance-evaluation.txt"
RESULTS = ROOT / "bench" / "results" / "monitoring_review.json"


def build_corpus(megabytes, rng):
    paragraphs = [line for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    target = megabytes * 1024 * 1024
    parts, size = [], 0
    while size < target:
        paragraph = rng.choice(paragraphs)
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    return "\n".join(parts)


def timed(function):
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def quality(evaluator):
    planted = evaluation.read_planted(DATA / "review_planted.yaml")
    clean = (
        evaluation.read_paragraphs(DATA / "review_clean.txt")
        + evaluation.demo_texts(DEMO)
        + evaluation.corpus_texts(ROOT / "tests" / "search" / "data" / "relevance_corpus.json")
    )
    result = evaluator.run(planted, clean)
    figures = result.figures()
    figures["planted_texts"] = len(planted)
    figures["clean_texts"] = len(clean)
    return figures


def speed(evaluator, scan_megabytes, spelling_megabytes, rng):
    terms = evaluator.dictionaries
    matchers, build_seconds = timed(lambda: [TermMatcher(terms[kind]) for kind in sorted(terms)])
    text = build_corpus(scan_megabytes, rng)
    size = len(text.encode("utf-8")) / (1024 * 1024)
    hits, scan_seconds = timed(lambda: sum(len(m.find(text)) for m in matchers))
    spelling_text = text[: int(len(text) * spelling_megabytes / scan_megabytes)]
    spelling_size = len(spelling_text.encode("utf-8")) / (1024 * 1024)
    suspects, spelling_seconds = timed(lambda: evaluator.model.find(spelling_text))
    return {
        "terms": {kind: len(terms[kind]) for kind in sorted(terms)},
        "terms_total": sum(len(terms[kind]) for kind in terms),
        "dictionary_scan": {
            "megabytes": round(size, 2),
            "build_seconds": round(build_seconds, 3),
            "scan_seconds": round(scan_seconds, 3),
            "megabytes_per_second": round(size / scan_seconds, 2),
            "hits": hits,
        },
        "out_of_list_detector": {
            "megabytes": round(spelling_size, 2),
            "seconds": round(spelling_seconds, 3),
            "megabytes_per_second": round(spelling_size / spelling_seconds, 2),
            "suspects": len(suspects),
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scan-megabytes", type=float, default=5)
    parser.add_argument("--spelling-megabytes", type=float, default=1)
    args = parser.parse_args()
    rng = random.Random(2024)

    evaluator, model_seconds = timed(lambda: evaluation.Evaluator(Path(settings.VAR_DIR) / "cache"))
    figures = {"run_at": datetime.now(UTC).isoformat(timespec="seconds")}
    figures["model_load_seconds"] = round(model_seconds, 2)
    figures["quality"] = quality(evaluator)
    figures["speed"] = speed(evaluator, args.scan_megabytes, args.spelling_megabytes, rng)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", "utf-8")
    q, s = figures["quality"], figures["speed"]
    print("recall per kind:", {k: round(v, 3) for k, v in q["recall"].items()})
    print("recall (held-out part):", {k: round(v, 3) for k, v in q["recall_heldout"].items()})
    print(
        f"false alarms: {q['clean_false_alarms']} on {q['clean_characters']} clean characters "
        f"= {q['false_alarms_per_10k_characters']} per 10,000"
    )
    print(
        f"dictionary scan: {s['dictionary_scan']['megabytes_per_second']} MB/s "
        f"({s['terms_total']} terms); out-of-list detector: "
        f"{s['out_of_list_detector']['megabytes_per_second']} MB/s"
    )
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
