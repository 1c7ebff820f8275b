"""Multi-pattern matching with an Aho-Corasick automaton (pyahocorasick), plus context rules.

One pass over the text finds every occurrence of every literal term, so scanning costs the
same whether the dictionary holds ten terms or ten thousand. A term may carry a context rule;
it is looked at only where its literal was found (a candidate hit), so rules cost nothing
where their literal does not occur:

- `preceded_by` / `followed_by`: a regular expression the text right before / after the
  literal must match (the before-pattern is matched against the text that ends at the hit,
  so anchor it with `$`; the after-pattern against the text that starts after it, anchor it
  with `^`). What the pattern matched becomes part of the reported span, so “截止目前” is
  reported whole when the rule is 截止 followed by 目前; `right` replaces the literal, so the
  suggestion reads “截至目前”.
- `not_preceded_by` / `not_followed_by`: the hit is dropped when this matches there
  (“2月31日” must not be preceded by a digit, or it would fire inside “12月31日”).
- `pattern`: a regular expression searched around the literal (the literal is then a
  trigger such as “～” or “〔”); the rule applies when a match covers the literal, the match
  is the reported span and `right` may use the match's groups (\\1, \\2 …) to build the
  suggestion, e.g. 15～30% → \\1%～\\2%.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

# How much text around a hit the context rules see (characters on each side).
CONTEXT_WINDOW = 40


@dataclass(frozen=True)
class Term:
    """A dictionary entry: the text to find, what it should read (if anything) and its class.

    `note` says why it is wrong, `source` where the rule comes from; the context fields are
    explained in the module docstring.
    """

    wrong: str
    right: str = ""
    category: str = ""
    note: str = ""
    source: str = ""
    preceded_by: str = ""
    not_preceded_by: str = ""
    followed_by: str = ""
    not_followed_by: str = ""
    pattern: str = ""

    @property
    def has_context(self):
        return bool(
            self.preceded_by
            or self.not_preceded_by
            or self.followed_by
            or self.not_followed_by
            or self.pattern
        )


@dataclass(frozen=True)
class Match:
    term: Term
    start: int  # index of the first character of the reported span in the scanned text
    end: int  # index one past its last character
    suggestion: str = ""  # what the span should read (the term's right form, expanded)


@lru_cache(maxsize=4096)
def compiled(pattern):
    return re.compile(pattern)


def pattern_problem(pattern):
    """A Chinese message when `pattern` is not a valid regular expression, else ""."""
    if not pattern:
        return ""
    try:
        re.compile(pattern)
    except re.error as error:
        return f"不是有效的正则表达式：{error}"
    return ""


class TermMatcher:
    """Finds dictionary terms in text.

    A hit of a plain term (no context rule) that is part of an occurrence of the term's
    correct form is not reported: with the pair 国务院总里 → 国务院总理 nothing is wrong in
    “国务院总理”, and with 人民政付 → 人民政府 the text “人民政府” is never flagged even though
    pairs can overlap. Overlapping hits of different terms are all reported; the longest wins
    at one position. Several terms may share a literal (截至 before 日期 and 截至 before 到).
    """

    def __init__(self, terms):
        self.automaton = ahocorasick.Automaton()
        by_literal = {}
        for term in terms:
            if term.wrong:
                by_literal.setdefault(term.wrong, []).append(term)
        for literal, literal_terms in by_literal.items():
            self.automaton.add_word(literal, (len(literal), tuple(literal_terms)))
        self.size = len(by_literal)
        if self.size:
            self.automaton.make_automaton()

    def __len__(self):
        return self.size

    def find(self, text):
        """Every Match in text, in order of position."""
        if not self.size or not text:
            return []
        found = []
        for end_index, (length, terms) in self.automaton.iter(text):
            start, end = end_index - length + 1, end_index + 1
            for term in terms:
                if term.has_context:
                    match = self._apply_context(text, term, start, end)
                    if match is not None:
                        found.append(match)
                elif not (term.right and self._inside_right_form(text, term, start)):
                    found.append(Match(term, start, end, term.right))
        found.sort(key=lambda match: (match.start, -(match.end - match.start)))
        return dedupe(found)

    @staticmethod
    def _apply_context(text, term, start, end):
        """The Match of a term with a context rule at a candidate hit, or None."""
        if term.pattern:
            return pattern_match(text, term, start, end)
        window_start = max(0, start - CONTEXT_WINDOW)
        before = text[window_start:start]
        after = text[end : end + CONTEXT_WINDOW]
        if term.not_preceded_by and compiled(term.not_preceded_by).search(before):
            return None
        if term.not_followed_by and compiled(term.not_followed_by).match(after):
            return None
        span_start, span_end = start, end
        if term.preceded_by:
            found = compiled(term.preceded_by).search(before)
            if found is None:
                return None
            span_start = window_start + found.start()
        if term.followed_by:
            found = compiled(term.followed_by).match(after)
            if found is None:
                return None
            span_end = end + found.end()
        suggestion = ""
        if term.right:
            suggestion = text[span_start:start] + term.right + text[end:span_end]
        return Match(term, span_start, span_end, suggestion)

    @staticmethod
    def _inside_right_form(text, term, start):
        """Whether the hit at `start` lies within an occurrence of term.right in the text."""
        offset = term.right.find(term.wrong)
        while offset != -1:
            candidate = start - offset
            if candidate >= 0 and text.startswith(term.right, candidate):
                return True
            offset = term.right.find(term.wrong, offset + 1)
        return False


def pattern_match(text, term, start, end):
    """A pattern rule: the first match of term.pattern near the trigger that covers it."""
    window_start = max(0, start - CONTEXT_WINDOW)
    window = text[window_start : end + CONTEXT_WINDOW]
    for found in compiled(term.pattern).finditer(window):
        span_start, span_end = window_start + found.start(), window_start + found.end()
        if span_start <= start and span_end >= end:
            suggestion = found.expand(term.right) if term.right else ""
            return Match(term, span_start, span_end, suggestion)
        if span_start > start:
            break
    return None


def dedupe(matches):
    """One Match per (term, span): a pattern rule with two triggers in one span counts once."""
    seen, unique = set(), []
    for match in matches:
        key = (match.term, match.start, match.end)
        if key not in seen:
            seen.add(key)
            unique.append(match)
    return unique


def excerpt(text, start, end, width=20):
    """The matched text with a little context on each side, on one line."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    snippet = f"{before}【{text[start:end]}】{after}"
    return " ".join(snippet.split())


SENTENCE_END = "。！？；!?;\n"


def sentence(text, start, end, limit=160):
    """The sentence around text[start:end], with the span marked 【】, on one line.

    A sentence runs from the previous 。！？； or line break to the next one; a very long one
    is cut to `limit` characters around the span.
    """
    left = start
    while left > 0 and text[left - 1] not in SENTENCE_END and start - left < limit // 2:
        left -= 1
    right = end
    while right < len(text) and text[right] not in SENTENCE_END and right - end < limit // 2:
        right += 1
    if right < len(text) and text[right] in SENTENCE_END and text[right] != "\n":
        right += 1
    marked = f"{text[left:start]}【{text[start:end]}】{text[end:right]}"
    return " ".join(marked.split())
