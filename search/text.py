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
from core.text import clean_text

jieba.setLogLevel(60)  # silence "Building prefix dict ..." on stderr

# Traditional Mongolian letters (docs/MONGOLIAN.md). jieba knows no Mongolian: it would cut a
# word into single letters. Its two character classes are widened by this range only, so a
# run of Mongolian letters is one word (words are separated by spaces) and Chinese is cut
# exactly as before.
_MONGOLIAN = "\u1820-\u18aa"
jieba.re_han_default = re.compile(f"([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-{_MONGOLIAN}]+)", re.U)
jieba.re_eng = re.compile(f"[a-zA-Z0-9{_MONGOLIAN}]", re.U)

MAX_QUERY_LENGTH = 100

# Single characters that carry no meaning on their own in a query.
STOP_CHARACTERS = set("的了和与及或在对为是有等之于把被就也都而并从向由以其该此各太很挺")

# Question and function words citizens type that documents never contain: always dropped.
STOP_WORDS = {
    "怎么办",
    "怎么",
    "怎样",
    "怎么样",
    "咋",
    "咋办",
    "如何",
    "哪里",
    "哪儿",
    "在哪",
    "在哪里",
    "在哪儿",
    "去哪",
    "去哪里",
    "去哪儿",
    "到哪",
    "到哪里",
    "哪个",
    "哪家",
    "什么",
    "啥",
    "多少",
    "是多少",
    "多少钱",
    "哪些",
    "有哪些",
    "是否",
    "能否",
    "可否",
    "能不能",
    "可不可以",
    "吗",
    "呢",
    "啊",
    "吧",
    "呀",
    "请问",
    "我想",
    "想",
    "我",
    "我们",
    "你们",
    "自己",
    "要",
    "需要",
    "可以",
    "能",
    "会",
    "应该",
    "一下",
    "时候",
    "什么时候",
    "多久",
    "多长时间",
    "几天",
    "要钱",
    "花钱",
    "收钱",
    "找谁",
    "找哪个",
    "哪个部门",
    "怎么弄",
    "咋弄",
    "有没有",
    "行不行",
    "多长",
    "一个月",
    "一年",
    "每月",
    "每年",
    "以后",
    "之后",
    "这里",
    "那里",
    "帮忙",
    "一个",
    "有人",
}

# Question words split a query wherever they stand, even inside what jieba keeps as one word
# or glues to a neighbour ("批宅基地找谁", "补贴打到哪张卡"): they are never part of a term a
# document uses. Lone characters of this kind too (谁, 哪, 吗 ...).
QUESTION_CHARACTERS = "谁哪吗呢啥咋怎"
QUESTION_WORDS = sorted(
    {
        w
        for w in STOP_WORDS
        if len(w) >= 2 and (any(c in QUESTION_CHARACTERS for c in w) or w.startswith("多"))
    }
    | {"什么", "如何", "是否", "能否", "可否", "请问", "有没有", "能不能", "可不可以", "行不行"},
    key=len,
    reverse=True,
)

# Generic words: they rank (a document that has them comes first) but never filter, because
# documents say the same thing in other words ("办理", "申请" are missing from most notices).
# A query made of generic words only requires them (search/text.py: query_units).
GENERIC_WORDS = {
    "办理",
    "办",
    "申请",
    "申办",
    "政策",
    "规定",
    "相关",
    "流程",
    "手续",
    "条件",
    "材料",
    "查询",
    "查",
    "了解",
    "问题",
    "事项",
    "情况",
    "有关",
    "最新",
    "文件",
    "政府",
    "遇到",
    "碰到",
    "部门",
    "单位",
    "办事",
    "能办",
    # How a citizen reaches the office: the documents on the subject name the matter, not
    # the citizen's complaint or question.
    "投诉",
    "反映",
    "举报",
    "咨询",
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
_WORD_RE = re.compile(rf"[{_HAN}]|[0-9A-Za-z]+(?:[.\-_][0-9A-Za-z]+)*|[{_MONGOLIAN}]+")
_SEPARATORS = re.compile(r"[\s,，、;；|]+")
_SINGLE_HAN = re.compile(rf"^[{_HAN}]$")
_AGE = re.compile(r"(\d{1,3})岁")
_QUESTION_RE = re.compile("|".join(map(re.escape, QUESTION_WORDS)) + f"|[{QUESTION_CHARACTERS}]")
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


# Traditional Mongolian (docs/MONGOLIAN.md): code points that change how a letter is drawn,
# not which word it is. Free variation selectors U+180B-U+180D and U+180F, the Mongolian
# vowel separator U+180E (removed: "ᠬᠣᠷᠣᠭ᠎ᠠ" and "ᠬᠣᠷᠣᠭᠠ" are one word), ZWNJ and ZWJ.
# NNBSP U+202F, which attaches a case suffix, becomes a space (NFKC does it too), so a
# suffix typed after an ordinary space matches.
_MONGOLIAN_FORMAT = dict.fromkeys(map(ord, "\u180b\u180c\u180d\u180e\u180f\u200c\u200d"))
_MONGOLIAN_FORMAT[0x202F] = " "


def without_mongolian_format(text: str) -> str:
    """The text with the Mongolian format characters removed (_MONGOLIAN_FORMAT), nothing
    else changed: what Elasticsearch indexes, since its standard tokenizer keeps them inside
    a word and the query side has them removed by normalize()."""
    return text.translate(_MONGOLIAN_FORMAT)


def normalize(text: str) -> str:
    """NFKC (full-width letters/digits to half-width), Mongolian format characters removed
    (_MONGOLIAN_FORMAT), lower case, single spaces."""
    text = unicodedata.normalize("NFKC", (text or "").translate(_MONGOLIAN_FORMAT))
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
    """The query as it is shown and logged: without control and bidi characters (core/text.py:
    a lone NUL would reach the full-text query), trimmed, one space between words, capped."""
    return re.sub(r"\s+", " ", clean_text(raw)).strip()[:MAX_QUERY_LENGTH]


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


_CITED_NUMBER = re.compile(r"([\u4e00-\u9fff]{2,12})〔(\d{4})〕(\d{1,5})号")
# Words in the sentence of a cited 文号 that make the citing document amend or repeal it.
_AMENDING = re.compile("废止|修订|修改|替代|代替|停止执行|不再执行|同时失效|予以撤销")
_SENTENCE_END = re.compile("[。；;！!\n]")


def cited_numbers(text: str) -> list[tuple[str, bool]]:
    """The 文号 a text cites (any bracket style), each with whether its sentence amends or
    repeals it: [("伊政发〔2019〕5号", True), ...].

    The characters before 〔 may start with ordinary words ("根据伊政发〔2019〕5号"), so every
    ending of two characters or more is kept as a candidate: one of them is the 文号, and
    the others never equal a real one.
    """
    text = normalize_document_number(text or "")
    found: dict[str, bool] = {}
    for match in _CITED_NUMBER.finditer(text):
        prefix, year, serial = match.groups()
        before = max(0, match.start() - 60)
        ends = [m.end() for m in _SENTENCE_END.finditer(text, before, match.start())]
        start = ends[-1] if ends else before
        end_match = _SENTENCE_END.search(text, match.end())
        end = end_match.start() if end_match else len(text)
        amending = bool(_AMENDING.search(text, start, min(end, match.end() + 60)))
        for length in range(2, len(prefix) + 1):
            number = f"{prefix[-length:]}〔{year}〕{int(serial)}号"
            found[number] = found.get(number, False) or amending
    return list(found.items())


# --------------------------------------------------------------------------- query units


@dataclass
class Unit:
    """One thing the query asks for: `text` as a phrase, or any of its synonym `alternatives`,
    or (for recall) all of its `parts`, the shorter dictionary words it is made of.

    `required` units decide what matches (most of them must: see `minimum_units`); the others
    (generic words such as 办理, 政策, and lone characters) only rank."""

    text: str
    alternatives: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    required: bool = True

    @property
    def variants(self) -> list[str]:
        return [self.text] + [a for a in self.alternatives if a != self.text]


# A query keeps at most this many units (a pasted paragraph is not a question).
MAX_UNITS = 8


def minimum_units(required: int) -> int:
    """How many of a query's `required` units a document must have: all of one or two, all
    but one of three or more ("退休金 怎么 领取 待遇" still finds a text without 领取)."""
    return required if required <= 2 else required - 1


def _words(chunk: str) -> list[str]:
    return [w for w in jieba.cut(chunk) if _WORD_RE.search(w)]


def _chunk_units(chunk: str) -> list[str]:
    """The units of one space-separated part of a query: jieba words, a lone character stuck
    to its neighbour, stop words dropped (they leave a boundary nothing sticks across)."""
    pending = ""  # a lone character waiting to join the next word
    units: list[str] = []
    for word in _words(chunk):
        if word in STOP_WORDS or word in STOP_CHARACTERS:
            if pending:
                units.append(pending)
                pending = ""
            units.append("")
            continue
        if _SINGLE_HAN.match(word):
            if units and units[-1] and units[-1] not in GENERIC_WORDS:
                units[-1] += word
            else:
                pending += word
            continue
        if word in GENERIC_WORDS:
            if pending:
                units.append(pending)
                pending = ""
            units.append(word)
            continue
        units.append(pending + word)
        pending = ""
    if pending:
        units.append(pending)
    return [u for u in units if u]


def query_units(
    query: str, synonym_groups: list[list[str]] | None = None, join_terms: bool = True
) -> list[Unit]:
    """Cut a query into units, expand synonyms and say which units are required.

    >>> [(u.text, u.required) for u in query_units("一网通办 的 办理流程")]
    [('一网通办', True), ('办理', False), ('流程', False)]
    """
    groups = synonym_groups or []
    _ensure_words(DOMAIN_WORDS)
    _ensure_words([term for group in groups for term in group])
    texts: list[str] = []
    for chunk in _SEPARATORS.split(normalize(query)):
        for piece in _QUESTION_RE.split(chunk):
            if piece:
                texts.extend(_chunk_units(piece))
    if not texts:
        # Only stop words: search for the query itself.
        whole = normalize(query).replace(" ", "")
        texts = [whole] if whole else []
    if join_terms:
        texts = _join_known_terms(texts, {term for group in groups for term in group})
    texts = list(dict.fromkeys(texts))[:MAX_UNITS]
    result = []
    for text in texts:
        alternatives = []
        for group in groups:
            for term in group:
                if term in text:
                    alternatives.extend(text.replace(term, other) for other in group)
                    rest = text.replace(term, "", 1)
                    if len(rest) <= 1 or rest in GENERIC_WORDS:
                        # "吃低保": the term is the unit's meaning, so are its synonyms.
                        alternatives.extend(group)
        age = _AGE.fullmatch(text)
        if age:  # "60岁" is written "60周岁"
            alternatives.append(f"{age[1]}周岁")
        alternatives = list(dict.fromkeys(a for a in alternatives if a != text))
        weak = _generic(text) or (bool(_SINGLE_HAN.match(text)) and not alternatives)
        result.append(Unit(text, alternatives, unit_parts(text), required=not weak))
    if result and not any(unit.required for unit in result):
        for unit in result:  # generic words only ("办理流程"): they are what is asked
            unit.required = True
    return result


def _join_known_terms(texts: list[str], terms: set[str]) -> list[str]:
    """Neighbouring units that together are a dictionary term become that one unit: "注册
    一个 公司" (一个 dropped) is the term 注册公司, whose synonyms say what documents call it.
    Only units the dictionary does not know on their own are joined (拆迁 + 补偿 stay two
    units, each with its synonyms), and never a generic word (办 + 证)."""
    joined: list[str] = []
    position = 0
    while position < len(texts):
        for end in range(min(len(texts), position + 3), position + 1, -1):
            candidate = "".join(texts[position:end])
            pieces = texts[position:end]
            if candidate in terms and not any(p in terms or _generic(p) for p in pieces):
                joined.append(candidate)
                position = end
                break
        else:
            joined.append(texts[position])
            position += 1
    return joined


def _generic(text: str) -> bool:
    """Whether `text` is generic words only ("办理", "办手续" = 办 + 手续)."""
    if not text:
        return False
    if text in GENERIC_WORDS:
        return True
    return any(
        text.startswith(word) and len(word) < len(text) and _generic(text[len(word) :])
        for word in GENERIC_WORDS
    )


def relax(units: list[Unit], synonym_groups: list[list[str]] | None = None) -> list[Unit]:
    """The units of a relaxed query (asked when nothing has most of the units): a compound
    unit becomes its parts, each a unit with its own synonyms ("补办社保卡" -> 补办, 社保卡 and
    社会保障卡), so that one missing word no longer empties the result; a compound that has
    synonyms of its own stays too, as a unit of its synonyms without parts."""
    relaxed: list[Unit] = []
    for unit in units:
        if not (unit.required and unit.parts):
            relaxed.append(unit)
            continue
        if unit.alternatives:
            # "退伍军人": its synonym (退役军人) is what documents say; the parts alone (退伍,
            # 军人) would lose it. A document with the synonym and a part has half.
            relaxed.append(Unit(unit.text, unit.alternatives))
        for part in query_units(" ".join(unit.parts), synonym_groups, join_terms=False):
            if part.text not in {u.text for u in relaxed}:
                relaxed.append(part)
    return relaxed


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


# The database backend's tokens come from a tokenizer of their own that knows jieba's dictionary
# and DOMAIN_WORDS only, without jieba's guesses (HMM) for other words, on both sides (text
# and query): synonym terms taught to the query tokenizer (_ensure_words) must not change how
# a text is cut, or a text indexed before a synonym was added would not match a query after.
_index_jieba = jieba.Tokenizer()
_index_jieba_ready = False


def _index_tokenizer() -> jieba.Tokenizer:
    global _index_jieba_ready
    if not _index_jieba_ready:
        with _jieba_lock:
            if not _index_jieba_ready:
                for word in DOMAIN_WORDS:
                    _index_jieba.add_word(word, freq=100000)
                _index_jieba_ready = True
    return _index_jieba


def index_tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of jieba's search mode over the normalised text (PostgreSQL)."""
    return list(_index_tokenizer().tokenize(normalize(text), mode="search", HMM=False))


def segment(text: str) -> str:
    """jieba search-mode tokens joined by spaces: the database backend's indexed form."""
    tokens = _index_tokenizer().cut_for_search(normalize(text), HMM=False)
    return " ".join(w for w in tokens if _WORD_RE.search(w))


def unit_tokens(text: str) -> list[str]:
    """The dictionary words of one unit, as the database backend matches them."""
    return [w for w in _index_tokenizer().cut(normalize(text), HMM=False) if _WORD_RE.search(w)]


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
