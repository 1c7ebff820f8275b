"""Chinese text handling for search: plain Python, no Django request in sight.

- query_units(): what a query asks for. jieba cuts the query into words; a lone character
  sticks to its neighbour ("一网通" + "办" -> "一网通办"), so no backend ever matches a single
  scattered character unless the whole query is one character. Each unit must appear in a
  document as a contiguous phrase (or as one of its synonyms).
- segment(): jieba's search-mode tokens, for the database backend's full-text index.
- 文号 and 索引号 normalisation for exact lookups.
- highlight(): a snippet of the original text with the query units marked, for the database
  backend (Elasticsearch highlights by itself).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field

import jieba
from django.utils.html import escape

from core.rules.identifiers import WRONG_YEAR_BRACKETS, looks_like_document_number

jieba.setLogLevel(60)  # silence "Building prefix dict ..." on stderr

MAX_QUERY_LENGTH = 100

# Single characters that carry no meaning on their own in a query.
STOP_CHARACTERS = set("的了和与及或在对为是有等之于把被就也都而并从向由以其该此各")

# Question words citizens type that documents never contain.
STOP_WORDS = {
    "怎么办",
    "怎么",
    "如何",
    "哪里",
    "在哪",
    "在哪里",
    "什么",
    "多少",
    "哪些",
    "是否",
    "吗",
    "呢",
}

# Words jieba's default dictionary does not keep whole but government texts use constantly.
DOMAIN_WORDS = [
    "医保",
    "医疗保障",
    "政务服务",
    "一网通办",
    "一件事一次办",
    "跨省通办",
    "营商环境",
    "政府信息公开",
    "依申请公开",
    "主动公开",
    "政策解读",
    "不动产登记",
    "社会保障卡",
    "养老保险",
    "最低生活保障",
    "低保",
    "公积金",
    "住房公积金",
    "行政许可",
    "行政处罚",
    "双随机一公开",
    "放管服",
    "帮办代办",
    "好差评",
    "12345热线",
    "乡村振兴",
    "年度报告",
    "工作要点",
    "实施方案",
]

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD_RE = re.compile(rf"[{_HAN}]|[0-9A-Za-z]+(?:[.\-_][0-9A-Za-z]+)*")
_SEPARATORS = re.compile(r"[\s,，、;；|]+")
_SINGLE_HAN = re.compile(rf"^[{_HAN}]$")
_INDEX_NUMBER = re.compile(r"^[0-9A-Z]{6,30}[/\-_]\d{4}-\d{1,8}$")

_jieba_lock = threading.Lock()
_jieba_words: set[str] = set()


def _ensure_words(words):
    """Teach jieba words it must keep whole (domain words, synonym terms)."""
    missing = [w for w in words if w and w not in _jieba_words]
    if not missing:
        return
    with _jieba_lock:
        for word in missing:
            jieba.add_word(word, freq=100000)
            _jieba_words.add(word)


def normalize(text: str) -> str:
    """NFKC (full-width letters/digits to half-width), lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"\s+", " ", text).strip().lower()


def split_terms(text: str) -> list[str]:
    """'医保，医疗保障、 医疗保险' -> ['医保', '医疗保障', '医疗保险'] (unique, in order)."""
    terms = []
    for term in _SEPARATORS.split(unicodedata.normalize("NFKC", text or "")):
        term = term.strip().lower()
        if term and term not in terms:
            terms.append(term)
    return terms


def clean_query(raw: str) -> str:
    """The query as it is shown and logged: trimmed, one space between words, length-capped."""
    return re.sub(r"\s+", " ", (raw or "")).strip()[:MAX_QUERY_LENGTH]


# --------------------------------------------------------------------------- 文号 and 索引号


def normalize_document_number(text: str) -> str:
    """A 文号 as stored and compared: no spaces, the year in 六角括号 〔〕."""
    value = re.sub(r"\s+", "", text or "")
    for left, right in WRONG_YEAR_BRACKETS:
        value = re.sub(rf"{re.escape(left)}(\d{{4}}){re.escape(right)}", r"〔\1〕", value)
    return value


def normalize_index_number(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).upper()


def exact_identifier(query: str) -> tuple[str, str] | None:
    """("document_number", value) or ("index_number", value) when the query is one; else None."""
    number = normalize_document_number(query)
    if looks_like_document_number(number):
        return "document_number", number
    number = normalize_index_number(query)
    if _INDEX_NUMBER.match(number):
        return "index_number", number
    return None


# --------------------------------------------------------------------------- query units


@dataclass
class Unit:
    """One thing the query asks for: `text` as a phrase, or any of its synonym `alternatives`,
    or (for recall) all of its `parts`, the shorter dictionary words it is made of."""

    text: str
    alternatives: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def variants(self) -> list[str]:
        return [self.text] + [a for a in self.alternatives if a != self.text]


def _words(chunk: str) -> list[str]:
    return [w for w in jieba.cut(chunk) if _WORD_RE.search(w)]


def query_units(query: str, synonym_groups: list[list[str]] | None = None) -> list[Unit]:
    """Cut a query into units that must each appear as a phrase; expand synonyms.

    >>> [u.text for u in query_units("一网通办 的 办理流程")]
    ['一网通办', '办理', '流程']
    """
    groups = synonym_groups or []
    _ensure_words(DOMAIN_WORDS)
    _ensure_words([term for group in groups for term in group])
    units: list[str] = []
    for chunk in _SEPARATORS.split(normalize(query)):
        if not chunk:
            continue
        pending = ""  # a lone character waiting to join the next word
        chunk_units: list[str] = []
        for word in _words(chunk):
            if word in STOP_WORDS:
                if pending:
                    chunk_units.append(pending)
                    pending = ""
                chunk_units.append("")
                continue
            if _SINGLE_HAN.match(word):
                if word in STOP_CHARACTERS:
                    if pending:
                        chunk_units.append(pending)
                        pending = ""
                    chunk_units.append("")  # a boundary nothing sticks across
                    continue
                if chunk_units and chunk_units[-1]:
                    chunk_units[-1] += word
                else:
                    pending += word
                continue
            chunk_units.append(pending + word)
            pending = ""
        if pending:
            chunk_units.append(pending)
        units.extend(u for u in chunk_units if u)
    if not units:
        # Only stop characters: search for the query itself.
        whole = normalize(query).replace(" ", "")
        units = [whole] if whole else []
    result = []
    for text in dict.fromkeys(units):
        alternatives = []
        for group in groups:
            for term in group:
                if term in text:
                    alternatives.extend(text.replace(term, other) for other in group)
        alternatives = list(dict.fromkeys(a for a in alternatives if a != text))
        result.append(Unit(text, alternatives, unit_parts(text)))
    return result


def unit_parts(text: str) -> list[str]:
    """Shorter dictionary words (two characters or more) that together cover `text`.

    "安全检查" -> ["安全", "检查"]; "城乡居民" -> ["城乡", "居民"]; [] when no such cover
    exists (a word jieba cannot split, or one that would leave a single character).
    """
    if len(text) < 4:
        return []
    ends: dict[int, list[int]] = {}
    for word, start, end in jieba.tokenize(text, mode="search"):
        if 2 <= len(word) < len(text):
            ends.setdefault(start, []).append(end)

    def cover(position):  # longest pieces first; backtrack when a piece leaves a gap
        if position == len(text):
            return []
        for end in sorted(ends.get(position, []), reverse=True):
            rest = cover(end)
            if rest is not None:
                return [text[position:end], *rest]
        return None

    return cover(0) or []


def segment(text: str) -> str:
    """jieba search-mode tokens joined by spaces: the database backend's indexed form."""
    _ensure_words(DOMAIN_WORDS)
    return " ".join(w for w in jieba.cut_for_search(normalize(text)) if _WORD_RE.search(w))


def unit_tokens(text: str) -> list[str]:
    """The dictionary words of one unit, as the database backend matches them."""
    _ensure_words(DOMAIN_WORDS)
    return [w for w in jieba.cut(normalize(text), HMM=False) if _WORD_RE.search(w)]


# --------------------------------------------------------------------------- snippets


def merge_marks(html: str) -> str:
    """'<mark>异地</mark><mark>就医</mark>' -> '<mark>异地就医</mark>'."""
    return html.replace("</mark><mark>", "")


def highlight(text: str, phrases: list[str], length: int | None = 120) -> str:
    """Escaped HTML: a window of `length` characters of `text` around the first phrase found
    (the whole text when length is None), phrases in <mark>.

    Matching ignores case; the snippet keeps the original characters.
    """
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text:
        return ""
    phrases = sorted({p for p in phrases if p}, key=len, reverse=True)
    pattern = (
        re.compile("|".join(re.escape(p) for p in phrases), re.IGNORECASE) if phrases else None
    )
    length = length or len(text)
    start = 0
    first = pattern.search(text) if pattern else None
    if first and length < len(text):
        start = max(0, first.start() - length // 4)
    window = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    if pattern is None:
        return escape(prefix + window + suffix)
    parts = []
    position = 0
    for match in pattern.finditer(window):
        parts.append(escape(window[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(window[position:]))
    return merge_marks(escape(prefix) + "".join(parts) + escape(suffix))
