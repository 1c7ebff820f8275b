"""The shipped dictionary of colloquial ↔ official terms (search/data/colloquial_terms.yaml)
and its loader into the staff-editable Synonym table.

The loader adds each shipped group once, keyed by its first term (`Synonym.seed_key`). It never
changes or re-enables a group that is already there: what staff edited or disabled stays as they
left it. A group is not added either when staff already have one with the same terms or one that
starts with the same word (theirs wins). To retire a shipped group, disable it: a deleted group
comes back with the next `manage.py search_synonyms load`.

The functions take the Synonym model as an argument, so the data migration can pass its
historical model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from search.text import split_terms

SEED_FILE = Path(__file__).resolve().parent / "data" / "colloquial_terms.yaml"


@dataclass(frozen=True)
class SeedGroup:
    key: str  # the first term: the group's identity in the dictionary
    terms: str  # as stored: the terms joined by "，"
    source: str


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already there (maybe edited by staff)


def seed_groups(path: Path = SEED_FILE) -> list[SeedGroup]:
    """The dictionary's groups in file order; a group needs two different terms."""
    data = yaml.safe_load(path.read_text("utf-8"))
    groups = []
    for block in data["groups"]:
        for line in block["terms"]:
            terms = split_terms(line)
            if len(terms) < 2:
                raise ValueError(f"{path.name}: “{line}” needs at least two different terms")
            groups.append(SeedGroup(terms[0], "，".join(terms), block.get("source", "")))
    keys = [group.key for group in groups]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"{path.name}: first terms used twice: {'、'.join(duplicates)}")
    return groups


def load(synonym_model, path: Path = SEED_FILE) -> LoadReport:
    """Add the dictionary's groups that are not there yet (see the module docstring)."""
    report = LoadReport()
    seeded = set(synonym_model.objects.exclude(seed_key="").values_list("seed_key", flat=True))
    staff_term_sets, staff_first_terms = set(), set()
    for terms in synonym_model.objects.values_list("terms", flat=True):
        listed = split_terms(terms)
        staff_term_sets.add(frozenset(listed))
        if listed:
            staff_first_terms.add(listed[0])
    new = []
    for group in seed_groups(path):
        terms = frozenset(split_terms(group.terms))
        if group.key in seeded or terms in staff_term_sets or group.key in staff_first_terms:
            report.kept.append(group.key)
            continue
        new.append(synonym_model(terms=group.terms, source=group.source, seed_key=group.key))
        report.created.append(group.key)
    synonym_model.objects.bulk_create(new, batch_size=500)
    return report
