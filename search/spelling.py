"""您是不是要找: a suggestion for a query typed in pinyin or initials, or with a homophone typo.

The vocabulary is the terms people search for and the site uses: the synonym groups (shipped
dictionary and staff edits) and the hot searches (search.service builds it). Each term is
known by its toneless pinyin ("dibao") and its initials ("db"). Plain functions, no state:
- a query of Latin letters that is a term's pinyin or initials ("dibao", "dbbz") becomes it;
- a stretch of Chinese characters that is not a dictionary word but sounds like a term
  ("公租防" for 公租房) is replaced by the term.
search.service asks for the suggestion and, when the query has no result, answers with it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba
from pypinyin import Style, lazy_pinyin

_LATIN = re.compile(r"^[a-z]+$")
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
MIN_INITIALS = 3  # "db" alone is too ambiguous to rewrite


@lru_cache(maxsize=50_000)
def pinyin_key(text: str) -> str:
    return "".join(lazy_pinyin(text))


@lru_cache(maxsize=50_000)
def initials_key(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))


def _is_word(text: str) -> bool:
    jieba.dt.check_initialized()
    return bool(jieba.dt.FREQ.get(text))


def suggestion(query: str, vocabulary: list[str]) -> str:
    """The corrected query, or "" when there is nothing to suggest. `vocabulary` comes first
    to last in preference (a term listed earlier wins a tie)."""
    text = query.strip().lower()
    compact = re.sub(r"[\s']+", "", text)
    terms = [t for t in dict.fromkeys(vocabulary) if len(t) >= 2 and _HAN.match(t)]
    if _LATIN.match(compact):
        for term in terms:
            if pinyin_key(term) == compact:
                return term
        if len(compact) >= MIN_INITIALS:
            for term in terms:
                if initials_key(term) == compact:
                    return term
        return ""
    if not terms or text in terms:
        return ""
    by_sound: dict[tuple[int, str], str] = {}
    for term in terms:
        by_sound.setdefault((len(term), pinyin_key(term)), term)
    corrected = text
    for size in sorted({len(t) for t in terms}, reverse=True):
        start = 0
        while start + size <= len(corrected):
            window = corrected[start : start + size]
            term = by_sound.get((size, pinyin_key(window))) if _HAN.match(window) else None
            if term and term != window and term not in text and not _is_word(window):
                corrected = corrected[:start] + term + corrected[start + size :]
                start += size
            else:
                start += 1
    return corrected if corrected != text else ""
