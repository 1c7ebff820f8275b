"""The shipped dictionaries: data files in this folder, read into plain entries.

    manifest.yaml        the release version and the files, in load order
    *.csv                one entry a row; header: kind,category,wrong,right,note,source
    *.yaml               context and pattern rules (see context_rules.yaml's header)
    shape_confusions.csv characters often confused by shape, for the out-of-list detector
                         (read by monitoring.spelling, not loaded into the database)

Reading is plain Python (no Django): `shipped_entries()` returns every entry with a stable
`key`, so monitoring.services.load_shipped_dictionaries() can update what was shipped before
without touching what staff changed. `check_entries()` is what the tests run on the files.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from monitoring.rules.matcher import pattern_problem

FOLDER = Path(__file__).resolve().parent
MANIFEST = FOLDER / "manifest.yaml"
CSV_COLUMNS = ["kind", "category", "wrong", "right", "note", "source"]
KINDS = {"severe", "sensitive", "caution", "typo"}
CONTEXT_FIELDS = ("preceded_by", "not_preceded_by", "followed_by", "not_followed_by", "pattern")


@dataclass(frozen=True)
class ShippedEntry:
    key: str
    kind: str
    wrong: str
    right: str = ""
    category: str = ""
    note: str = ""
    source: str = ""
    context: dict = field(default_factory=dict, hash=False, compare=False)

    def fields(self):
        """The DictionaryTerm field values of this entry."""
        values = {
            "kind": self.kind,
            "wrong": self.wrong,
            "right": self.right,
            "category": self.category,
            "note": self.note,
            "source": self.source,
        }
        for name in CONTEXT_FIELDS:
            values[name] = self.context.get(name, "")
        return values


def manifest():
    return yaml.safe_load(MANIFEST.read_text("utf-8"))


def release():
    """(version, checksum) of the shipped files: the checksum changes with any edit."""
    data = manifest()
    digest = hashlib.sha256()
    for name in data["files"]:
        digest.update(name.encode("utf-8"))
        digest.update((FOLDER / name).read_bytes())
    return str(data["version"]), digest.hexdigest()


def read_csv(path):
    text = path.read_text("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != CSV_COLUMNS:
        raise ValueError(f"{path.name}: header must be {','.join(CSV_COLUMNS)}")
    for number, row in enumerate(reader, start=2):
        values = {name: (row.get(name) or "").strip() for name in CSV_COLUMNS}
        if not values["wrong"]:
            continue
        yield (
            number,
            ShippedEntry(
                key=f"{path.stem}:{values['kind']}:{values['wrong']}",
                kind=values["kind"],
                wrong=values["wrong"],
                right=values["right"],
                category=values["category"],
                note=values["note"],
                source=values["source"],
            ),
        )


def read_rules(path):
    """Context rules: one rule may have several trigger literals (`wrong` as a list)."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    for rule in data.get("rules", []):
        triggers = rule["wrong"] if isinstance(rule["wrong"], list) else [rule["wrong"]]
        context = {name: str(rule.get(name, "")) for name in CONTEXT_FIELDS if rule.get(name)}
        for trigger in triggers:
            yield (
                rule["id"],
                ShippedEntry(
                    key=f"{path.stem}:{rule['id']}:{trigger}",
                    kind=rule["kind"],
                    wrong=str(trigger),
                    right=str(rule.get("right", "")),
                    category=str(rule.get("category", "")),
                    note=str(rule.get("note", "")),
                    source=str(rule.get("source", "")),
                    context=context,
                ),
            )


def shipped_entries():
    """Every shipped entry of every file in the manifest, in load order."""
    entries = []
    for name in manifest()["files"]:
        path = FOLDER / name
        reader = read_rules if path.suffix == ".yaml" else read_csv
        entries.extend(entry for _, entry in reader(path))
    return entries


def check_entries(entries):
    """Problems of the shipped data, as Chinese messages (the tests expect none)."""
    problems, seen_keys, seen_plain = [], set(), set()
    for entry in entries:
        if entry.kind not in KINDS:
            problems.append(f"{entry.key}：未知词库 {entry.kind}")
        if entry.key in seen_keys:
            problems.append(f"{entry.key}：重复")
        seen_keys.add(entry.key)
        if not entry.context:
            plain = (entry.kind, entry.wrong)
            if plain in seen_plain:
                problems.append(f"{entry.key}：同一词库中重复的错误写法")
            seen_plain.add(plain)
            if entry.right == entry.wrong:
                problems.append(f"{entry.key}：正确写法与错误写法相同")
        if entry.kind == "typo" and not entry.right and not entry.context:
            problems.append(f"{entry.key}：错别字缺少正确写法")
        if not entry.source:
            problems.append(f"{entry.key}：缺少来源")
        for name, value in entry.context.items():
            problem = pattern_problem(value)
            if problem:
                problems.append(f"{entry.key}：{name} {problem}")
        if len(entry.wrong) > 100 or len(entry.right) > 200 or len(entry.note) > 300:
            problems.append(f"{entry.key}：过长")
    return problems
