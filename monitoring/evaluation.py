"""How well the content-review checks catch what inspectors catch, measured on labelled text.

Plain Python (no database): the checks run on TextItems with the shipped dictionaries
(monitoring/dictionaries/) and the out-of-list spelling model, exactly as a monitoring run
would run them. Used by the test that asserts the goals (tests/monitoring/test_review_quality.py)
and by bench/monitoring_review.py, which saves the figures.

- Recall per kind: a planted defect counts as found when a content-review finding's text
  overlaps it.
- False alarms per 10,000 characters: every content-review finding on a clean text, and every
  finding on a planted text that is not one of its planted defects.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from . import dictionaries
from .checks import ALL_CHECKS
from .checks.base import SITE, Inventory, Target, TextItem
from .rules import spelling
from .rules.matcher import Term

CONTENT_CHECKS = (
    "SEVERE_ERROR",
    "SENSITIVE_WORD",
    "CAUTIONED_EXPRESSION",
    "TYPO",
    "TYPO_LIKELY",
    "TYPO_SUSPECT",
)
KINDS = ("listed", "unlisted", "expression", "context", "pattern", "local")


def shipped_dictionaries():
    """{kind: [Term]} of the shipped files, as active_terms() gives them after loading."""
    terms = {}
    for entry in dictionaries.shipped_entries():
        values = entry.fields()
        kind = values.pop("kind")
        terms.setdefault(kind, []).append(Term(**values))
    return terms


@dataclass
class Result:
    found: dict = field(default_factory=dict)  # kind -> [found, planted]
    heldout: dict = field(default_factory=dict)
    missed: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)  # (text excerpt, message)
    clean_characters: int = 0
    clean_false_alarms: int = 0
    planted_false_alarms: int = 0

    def recall(self, kind, heldout=False):
        found, planted = (self.heldout if heldout else self.found).get(kind, [0, 0])
        return found / planted if planted else None

    def recall_of(self, kinds, heldout=False):
        table = self.heldout if heldout else self.found
        found = sum(table.get(kind, [0, 0])[0] for kind in kinds)
        planted = sum(table.get(kind, [0, 0])[1] for kind in kinds)
        return found / planted if planted else None

    @property
    def false_alarms_per_10k(self):
        if not self.clean_characters:
            return 0.0
        return 10000 * self.clean_false_alarms / self.clean_characters

    def figures(self):
        return {
            "recall": {kind: self.recall(kind) for kind in KINDS if kind in self.found},
            "planted": {kind: self.found[kind][1] for kind in KINDS if kind in self.found},
            "recall_heldout": {
                kind: self.recall(kind, heldout=True) for kind in KINDS if kind in self.heldout
            },
            "recall_misspellings_and_expressions": self.recall_of(KINDS),
            "recall_misspellings_and_expressions_heldout": self.recall_of(KINDS, heldout=True),
            "clean_characters": self.clean_characters,
            "clean_false_alarms": self.clean_false_alarms,
            "false_alarms_per_10k_characters": round(self.false_alarms_per_10k, 3),
            "false_alarms_on_planted_texts": self.planted_false_alarms,
            "missed": self.missed,
            "false_alarm_examples": self.false_alarms[:20],
        }


class Evaluator:
    def __init__(self, spelling_cache_dir=None):
        self.dictionaries = shipped_dictionaries()
        self.checks = [check for check in ALL_CHECKS if check.code in CONTENT_CHECKS]
        self.model = spelling.model(spelling_cache_dir)

    def findings(self, text):
        """[(check, detection)] of the content-review checks on one text."""
        inventory = Inventory(
            now=datetime.now(UTC),
            scopes=frozenset({SITE}),
            dictionaries=self.dictionaries,
            texts=[TextItem(SITE, Target("page", 1, "评测"), text)],
            spelling_loader=lambda: self.model,
        )
        return [(check, d) for check in self.checks for d in check.detect(inventory)]

    def run(self, planted_items, clean_texts):
        result = Result()
        for item in planted_items:
            text = item["text"]
            table = result.heldout if item.get("heldout") else result.found
            spans = []
            for defect in item["defects"]:
                start = text.index(defect["wrong"])
                spans.append((start, start + len(defect["wrong"]), defect))
            detections = self.findings(text)
            located = [located_span(text, d) for _, d in detections]
            for start, end, defect in spans:
                counts = table.setdefault(defect["kind"], [0, 0])
                counts[1] += 1
                if any(s < end and start < e for s, e in located if s is not None):
                    counts[0] += 1
                else:
                    result.missed.append({"kind": defect["kind"], "wrong": defect["wrong"]})
            for (_, detection), (s, e) in zip(detections, located, strict=True):
                if s is None or not any(s < end and start < e for start, end, _ in spans):
                    result.planted_false_alarms += 1
                    result.false_alarms.append((detection.excerpt, detection.message))
        for text in clean_texts:
            result.clean_characters += len(text)
            for _, detection in self.findings(text):
                result.clean_false_alarms += 1
                result.false_alarms.append((detection.excerpt, detection.message))
        return result


def located_span(text, detection):
    """(start, end) of a finding's text, found again through its excerpt's 【】 mark."""
    found = detection.data.get("found", "")
    if not found:
        return (None, None)
    marked = detection.excerpt
    before = marked.split("【", 1)[0]
    start = text.find(before + found) if before else -1
    if start != -1:
        start += len(before)
    else:
        start = text.find(found)
    if start == -1:
        return (None, None)
    return (start, start + len(found))


# --------------------------------------------------------------------------- the data sets


def read_planted(path):
    return yaml.safe_load(Path(path).read_text("utf-8"))["items"]


def read_paragraphs(path):
    """Paragraphs of a text file (blank-line separated, # comment lines left out)."""
    lines = [
        line for line in Path(path).read_text("utf-8").splitlines() if not line.startswith("#")
    ]
    return [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]


def demo_texts(demo_folder):
    """The demo site's prose: every Chinese string of the demo YAML files and the bureau's
    2021 report (official text, expected to be clean)."""
    texts = []
    for name in ("documents", "interpretations", "disclosure", "site", "annual_reports"):
        data = yaml.safe_load((Path(demo_folder) / f"{name}.yaml").read_text("utf-8"))
        texts.extend(s for s in strings(data) if sum("\u4e00" <= c <= "\u9fff" for c in s) >= 6)
    for path in sorted(Path(demo_folder).glob("*.txt")):
        texts.append(path.read_text("utf-8"))
    return texts


def corpus_texts(path):
    """Titles, summaries and bodies of a JSON list of documents (the search relevance corpus)."""
    texts = []
    for document in json.loads(Path(path).read_text("utf-8")):
        texts.extend(document.get(key, "") for key in ("title", "summary", "body"))
    return [text for text in texts if text]


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)
