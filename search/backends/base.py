"""What a search backend is: the functions both backend modules define.

`search.backends.database` (SQLite FTS5 / PostgreSQL full text) and `search.backends.elastic`
are modules that implement `SearchBackend` (a module can implement a Protocol, PEP 544):
the service answers queries through these functions only, and the indexing code writes,
rebuilds and counts through them. tests/search/test_search_schema.py checks that both modules
define every member with the same parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from django.utils import timezone

from search.query import SearchQuery, SearchResults
from search.schema import SearchRecord

# (version, records, pages read): what a rebuild writes, chunk by chunk. The version is the time
# (ms) the records were read; "pages read" drives the progress bar.
Chunk = tuple[int, list[SearchRecord], int]


def now_version() -> int:
    """The version of what is read now: the time in ms (see SearchBackend.write)."""
    return int(timezone.now().timestamp() * 1000)


@dataclass
class RebuildReport:
    index: str = ""  # the new Elasticsearch index ("" for the database store)
    documents: int = 0
    removed_indices: list[str] = field(default_factory=list)


@runtime_checkable
class SearchBackend(Protocol):
    NAME: str  # "elasticsearch" or "database": SearchResults.backend
    ERRORS: tuple[type[Exception], ...]  # what it raises when it fails (the service falls back)

    def search(self, query: SearchQuery) -> SearchResults:
        """Answer a parsed query: hits, total and facets. Raises when the backend fails."""

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        """Titles (and URLs) containing what the visitor has typed so far."""

    def write(
        self,
        records: Sequence[SearchRecord],
        deletes: Sequence[str] = (),
        version: int | None = None,
    ) -> int:
        """Index `records` and remove the documents `deletes` names (doc ids), visible to the
        next search. `version`: when the records were read (ms), so an older reading never
        replaces a newer one where the backend can tell. Returns how many were applied."""

    def rebuild(
        self, chunks: Iterable[Chunk], progress: Callable[[int], object] | None = None
    ) -> RebuildReport:
        """Replace every page in the backend by the records of `chunks`; searches see the old
        content until the new one is complete."""

    def count(self) -> int:
        """How many documents the backend holds."""

    def health(self) -> dict:
        """What `search_index status` shows about the backend (an "error" key if it fails)."""
