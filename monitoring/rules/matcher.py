"""Multi-pattern matching with an Aho-Corasick automaton (pyahocorasick).

One pass over the text finds every occurrence of every term, so scanning costs the same
whether the dictionary holds ten terms or ten thousand.
"""

from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True)
class Term:
    """A dictionary entry: the text to find, what it should read (if anything) and its class."""

    wrong: str
    right: str = ""
    category: str = ""


@dataclass(frozen=True)
class Match:
    term: Term
    start: int  # index of the first character in the scanned text
    end: int  # index one past the last character


class TermMatcher:
    """Finds dictionary terms in text.

    A hit that is part of an occurrence of the term's correct form is not reported: with the
    pair 国务院总里 → 国务院总理 nothing is wrong in “国务院总理”, and with 人民政付 → 人民政府
    the text “人民政府” is never flagged even though pairs can overlap.
    Overlapping hits of different terms are all reported; the longest wins at one position.
    """

    def __init__(self, terms):
        self.automaton = ahocorasick.Automaton()
        self.size = 0
        for term in terms:
            if not term.wrong:
                continue
            previous = self.automaton.get(term.wrong, None)
            if previous is None:
                self.size += 1
            self.automaton.add_word(term.wrong, term)
        if self.size:
            self.automaton.make_automaton()

    def __len__(self):
        return self.size

    def find(self, text):
        """Every Match in text, in order of position."""
        if not self.size or not text:
            return []
        found = []
        for end_index, term in self.automaton.iter(text):
            start = end_index - len(term.wrong) + 1
            if term.right and self._inside_right_form(text, term, start):
                continue
            found.append(Match(term, start, end_index + 1))
        found.sort(key=lambda match: (match.start, -(match.end - match.start)))
        return found

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


def excerpt(text, start, end, width=20):
    """The matched text with a little context on each side, on one line."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    snippet = f"{before}【{text[start:end]}】{after}"
    return " ".join(snippet.split())
