"""Dictionary scanning throughput: the Aho-Corasick matcher the checks use (pyahocorasick)
on a large Chinese corpus, side by side with the two usual alternatives.

    .venv/bin/python bench/monitoring_dictionary.py [--megabytes 20] [--terms 5000]

The corpus is the demo performance-evaluation report (portal/demo_data) repeated with
shuffled paragraphs up to --megabytes, with dictionary hits sprinkled in. The dictionary holds
the demo dictionary plus --terms generated wrong → right pairs. Compared on the same text:
  automaton   monitoring.rules.matcher.TermMatcher (one pass, all terms at once)
  regex       one compiled alternation of every term (re module)
  per-term    str.find for each term in turn (what a naive loop does)
The slower two run on a slice and are scaled, so the script stays quick. Figures are printed
and written to bench/results/monitoring_dictionary.json.
"""

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitoring.rules.matcher import Term, TermMatcher  # noqa: E402

CORPUS = ROOT / "portal" / "demo_data" / "yijinhuoluo-zwfwj-2021-performance-evaluation.txt"
RESULTS = ROOT / "bench" / "results" / "monitoring_dictionary.json"
DEMO_TERMS = [
    Term("伊金霍洛期", "伊金霍洛旗"),
    Term("内蒙古自治州", "内蒙古自治区"),
    Term("国务院总里", "国务院总理"),
    Term("再接再励", "再接再厉"),
    Term("代开发票"),
]


def build_corpus(megabytes, rng):
    paragraphs = [line for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    target = megabytes * 1024 * 1024
    parts, size = [], 0
    while size < target:
        paragraph = rng.choice(paragraphs)
        if rng.random() < 0.05:
            term = rng.choice(DEMO_TERMS).wrong
            cut = rng.randrange(len(paragraph) + 1)
            paragraph = paragraph[:cut] + term + paragraph[cut:]
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    return "\n".join(parts)


def build_terms(count, rng):
    """Generated pairs of 3–6 common characters that rarely occur, like real dictionaries."""
    alphabet = "".join(sorted(set(CORPUS.read_text("utf-8")) - set(" \n\t0123456789.%，。、")))
    terms = list(DEMO_TERMS)
    seen = {term.wrong for term in terms}
    while len(terms) < count:
        wrong = "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 6)))
        if wrong not in seen:
            seen.add(wrong)
            terms.append(Term(wrong, wrong[::-1]))
    return terms


def timed(function):
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--slice-megabytes", type=float, default=1.0)
    args = parser.parse_args()
    rng = random.Random(2024)
    corpus = build_corpus(args.megabytes, rng)
    terms = build_terms(args.terms, rng)
    size_mb = len(corpus.encode("utf-8")) / 1024 / 1024

    matcher, build_seconds = timed(lambda: TermMatcher(terms))
    hits, scan_seconds = timed(lambda: matcher.find(corpus))

    sliced = corpus[: int(len(corpus) * args.slice_megabytes / size_mb)]
    slice_mb = len(sliced.encode("utf-8")) / 1024 / 1024
    pattern, regex_build = timed(
        lambda: re.compile(
            "|".join(re.escape(t.wrong) for t in sorted(terms, key=lambda t: -len(t.wrong)))
        )
    )
    regex_hits, regex_seconds = timed(lambda: sum(1 for _ in pattern.finditer(sliced)))

    def per_term():
        count = 0
        for term in terms:
            start = sliced.find(term.wrong)
            while start != -1:
                count += 1
                start = sliced.find(term.wrong, start + 1)
        return count

    naive_hits, naive_seconds = timed(per_term)
    automaton_slice_hits = len(matcher.find(sliced))

    figures = {
        "corpus_megabytes": round(size_mb, 2),
        "corpus_characters": len(corpus),
        "terms": len(terms),
        "automaton": {
            "build_seconds": round(build_seconds, 4),
            "scan_seconds": round(scan_seconds, 3),
            "megabytes_per_second": round(size_mb / scan_seconds, 2),
            "characters_per_second": round(len(corpus) / scan_seconds),
            "hits": len(hits),
        },
        "slice_megabytes": round(slice_mb, 2),
        "regex_alternation": {
            "build_seconds": round(regex_build, 4),
            "megabytes_per_second": round(slice_mb / regex_seconds, 2),
            "hits_in_slice": regex_hits,
        },
        "per_term_find": {
            "megabytes_per_second": round(slice_mb / naive_seconds, 3),
            "hits_in_slice": naive_hits,
        },
        "automaton_hits_in_slice": automaton_slice_hits,
    }
    figures["speedup_vs_regex"] = round(
        figures["automaton"]["megabytes_per_second"]
        / figures["regex_alternation"]["megabytes_per_second"],
        1,
    )
    figures["speedup_vs_per_term"] = round(
        figures["automaton"]["megabytes_per_second"]
        / figures["per_term_find"]["megabytes_per_second"],
        1,
    )
    print(f"语料 {size_mb:.1f} MB（{len(corpus):,} 字符），词库 {len(terms):,} 条")
    print(
        f"自动机：构建 {build_seconds * 1000:.0f} 毫秒，扫描 {scan_seconds:.2f} 秒，"
        f"{figures['automaton']['megabytes_per_second']} MB/s，命中 {len(hits):,} 处"
    )
    print(
        f"正则交替（{slice_mb:.1f} MB 切片）："
        f"{figures['regex_alternation']['megabytes_per_second']} MB/s，"
        f"自动机快 {figures['speedup_vs_regex']}×"
    )
    print(
        f"逐词查找（同一切片）：{figures['per_term_find']['megabytes_per_second']} MB/s，"
        f"自动机快 {figures['speedup_vs_per_term']}×"
    )
    print(f"同一切片命中数：自动机 {automaton_slice_hits}，正则 {regex_hits}，逐词 {naive_hits}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"结果已写入 {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
