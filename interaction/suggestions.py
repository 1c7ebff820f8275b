"""Answers that may already exist for what a citizen is about to ask: 常见问题, published answers
and policy documents, found with the public search service (search.service.search).

The search requires every word of a query to appear, so a whole sentence typed by a citizen
would rarely match anything. The question is cut into dictionary words as the search cuts
them (search.text.unit_tokens, which knows the domain words such as 政务服务), single
characters, question words and words every message contains (请问, 咨询, 建议…) are dropped, and
the remaining ones are ranked by how rare they are (jieba's IDF table): the three rarest are
searched together first, then the two rarest (a single word only when the text has no other),
until something is found (answers and documents each on their own). The title is tried
before the message's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jieba.analyse

from search import service
from search.query import Hit
from search.text import STOP_WORDS, unit_tokens

FAQ_TYPE = "interaction.faqpage"
QUESTION_TYPE = "interaction.questionpage"
ANSWER_TYPES = (FAQ_TYPE, QUESTION_TYPE)

# Words of nearly every message: they narrow nothing down.
COMMON_WORDS = {
    "请问",
    "你好",
    "您好",
    "谢谢",
    "感谢",
    "咨询",
    "建议",
    "投诉",
    "反映",
    "问题",
    "情况",
    "需要",
    "可以",
    "能否",
    "能不能",
    "我们",
    "我想",
    "想问",
    "一下",
    "关于",
    "相关",
    "现在",
    "这个",
    "那个",
}
MOST_WORDS = 3
TEXT_PREFIX = 200  # characters of the message text tried after the title


@dataclass
class Suggestions:
    answers: list[Hit] = field(default_factory=list)  # FAQ and published answers
    documents: list[Hit] = field(default_factory=list)  # policy documents and the rest
    query: str = ""  # the words that found them

    @property
    def found(self) -> bool:
        return bool(self.answers or self.documents)


def _rarity(word: str) -> float:
    tfidf = jieba.analyse.default_tfidf
    return tfidf.idf_freq.get(word, tfidf.median_idf)


def query_attempts(text: str) -> list[str]:
    """Queries to try for `text`, most specific first: its rarest words, fewer each time."""
    words = [
        word
        for word in dict.fromkeys(unit_tokens(text))
        if len(word) >= 2 and word not in COMMON_WORDS and word not in STOP_WORDS
    ]
    ranked = sorted(words, key=_rarity, reverse=True)[:MOST_WORDS]
    attempts = []
    # One word alone (政务服务) matches nearly everything: only when there is no other.
    fewest = 1 if len(ranked) == 1 else 2
    for size in range(len(ranked), fewest - 1, -1):
        keep = set(ranked[:size])
        attempts.append(" ".join(word for word in words if word in keep))
    return attempts


def suggest(title: str, content: str = "", limit: int = 3) -> Suggestions:
    """Up to `limit` answers and `limit` documents for a message being written. Answers and
    documents are looked for separately: each with the most specific query that finds any."""
    queries = []
    for text in (title, (content or "")[:TEXT_PREFIX]):
        queries += [query for query in query_attempts(text or "") if query not in queries]
    found = Suggestions()
    for query in queries:
        if not found.answers:
            found.answers = _answers(query, limit)
            found.query = found.query or (query if found.answers else "")
        if not found.documents:
            hits = service.search(query).hits
            found.documents = [hit for hit in hits if hit.content_type not in ANSWER_TYPES][:limit]
            found.query = found.query or (query if found.documents else "")
        if found.answers and found.documents:
            break
    return found


def _answers(query: str, limit: int) -> list[Hit]:
    """FAQ entries first, then published answers."""
    hits = []
    for content_type in ANSWER_TYPES:
        hits += service.search(query, {"content_type": content_type}).hits
    return hits[:limit]
