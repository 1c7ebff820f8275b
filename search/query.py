"""The search API's values: what is asked (SearchQuery) and what comes back (SearchResults).

Both backends take a SearchQuery and return SearchResults with the same fields, so the page,
the JSON endpoint and the contract tests do not care which backend answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields

from search import schema
from search.text import Unit, minimum_units

# Facets in display order: (key, Chinese label), from the schema (search/schema.py).
FACETS = schema.facets()
FACET_KEYS = [key for key, _label in FACETS]
SORTS = {"relevance": "相关度", "date": "发布日期"}


@dataclass
class SearchQuery:
    text: str  # the query as typed (cleaned)
    units: list[Unit]  # what must match (with synonyms)
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    exact: tuple[str, str] | None = None  # ("document_number" | "index_number", value)
    relaxed: bool = False  # nothing had most units: half of the split units (search.text.relax)

    @property
    def required_units(self) -> list[Unit]:
        return [unit for unit in self.units if unit.required]

    @property
    def optional_units(self) -> list[Unit]:
        return [unit for unit in self.units if not unit.required]

    @property
    def minimum_units(self) -> int:
        """How many required units a document must have: all but one of three or more; in a
        relaxed query (compound units split into their parts), half of them, rounded up."""
        count = len(self.required_units)
        return max(1, (count + 1) // 2) if self.relaxed else minimum_units(count)

    @property
    def phrase(self) -> str:
        """The whole query as one phrase (spaces dropped), for the phrase boost."""
        return "".join(self.text.split()).lower()

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def highlight_phrases(self) -> list[str]:
        """What snippets mark: the whole query, each unit and synonym, and units' parts."""
        phrases = [self.phrase] if len(self.units) > 1 else []
        for unit in self.units:
            phrases += unit.variants + unit.parts
        return list(dict.fromkeys(p for p in phrases if p))


@dataclass
class Hit:
    """One result. Besides the highlighted title and snippet and the score, a hit shows these
    SearchRecord fields (same names): add a schema field here to show it in the results and in
    /search/api/ (both backends fill every field named here)."""

    doc_id: str
    title: str
    title_html: str  # escaped, query words in <mark>
    snippet_html: str  # escaped, query words in <mark>
    url: str
    content_type: str
    content_type_label: str
    page_id: int | None = None
    document_number: str = ""
    index_number: str = ""
    publisher: str = ""
    unit: str = ""
    topic: str = ""
    genre: str = ""
    validity: str = ""
    published_at: dt.datetime | None = None
    score: float | None = None
    pinned: bool = False  # 推荐结果 (search.models.SearchPin), put first by search/service.py
    click_url: str = ""  # the results page's link through /search/click/ (search/views.py)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    backend: str  # "elasticsearch" or "database"
    took_ms: float = 0.0
    exact_match: bool = False  # hits are the exact 文号/索引号 matches
    fell_back: bool = False  # Elasticsearch failed; the database answered
    notice: str = ""
    relaxed: bool = False  # nothing had most of the query's words: these have some of them
    suggestion: str = ""  # 您是不是要找: the query read as pinyin or with a typo corrected
    corrected: bool = False  # the query had no result: these are the suggestion's results

    @property
    def page_count(self) -> int:
        size = self.query.page_size
        return max(1, (self.total + size - 1) // size)

    def as_json(self) -> dict:
        """The JSON endpoint's body."""
        return {
            "query": self.query.text,
            "filters": self.query.filters,
            "sort": self.query.sort,
            "page": self.query.page,
            "page_size": self.query.page_size,
            "page_count": self.page_count,
            "total": self.total,
            "backend": self.backend,
            "fell_back": self.fell_back,
            "notice": self.notice,
            "exact_match": self.exact_match,
            "relaxed": self.relaxed,
            "suggestion": self.suggestion,
            "corrected": self.corrected,
            "took_ms": round(self.took_ms, 1),
            "hits": [
                {
                    **{k: v for k, v in asdict(hit).items() if k != "published_at"},
                    "published_at": hit.published_at.isoformat() if hit.published_at else None,
                }
                for hit in self.hits
            ],
            "facets": {
                key: [asdict(value) for value in values] for key, values in self.facets.items()
            },
        }


# The SearchRecord fields a Hit shows (doc_id and title included).
HIT_FIELDS = [f.name for f in fields(Hit) if f.name in schema.field_names()]


def facet_label(key: str, value: str) -> str:
    """The label of a facet value: its schema field's `value_label`, else the value."""
    return schema.facet_value_label(key, value)
