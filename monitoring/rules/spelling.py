"""Misspellings that no list contains: a word missing from a large dictionary when a word one
common confusion away is in it.

The dictionary is jieba's bundled one (349,046 words with frequencies). The confusions are the
characters a pinyin input method offers for the same syllable (same pinyin, any tone, from
pypinyin) and characters of similar shape (monitoring/dictionaries/shape_confusions.csv).

How it stays fast: at build time every *variant* of every target word (a dictionary word of
four or more characters, or a frequent three-character word, with one character swapped for a
confusable one) that is not itself a word goes into one Aho-Corasick automaton, so scanning is
one pass at C speed. Only the rare hits are then judged, in plain Python:

1. the text is not a known word, nor inside a word on the local allow-list (误报 decisions);
2. a three-character span does not split into ordinary words (“服务均纳入” is 服务 + 均, not a
   typo of 服务员), and a longer one that does needs a larger gain;
3. replacing the span by the target makes the sentence clearly more likely under jieba's
   word frequencies (the gain, in natural-log units, of the best segmentation of the
   neighbourhood);
and a confidence comes from the gain, the kind of confusion and how common the target is.

Building takes seconds; `SpellingModel.load(cache_dir)` keeps the built model in a pickle there.
"""

import csv
import hashlib
import math
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import jieba
from pypinyin import Style, pinyin

SHAPE_FILE = Path(__file__).resolve().parent.parent / "dictionaries" / "shape_confusions.csv"
DICTIONARY_FILE = Path(jieba.__file__).resolve().parent / "dict.txt"
BUILD_VERSION = "2"  # bump when the build below changes, so old caches are not used

HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# jieba tags of three-character words that are names (people, places, organisations) or
# numbers and times: a near miss of a name is usually another name, not a typo.
NAME_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz", "m", "t", "x", "eng", "mq", "q"}

TARGET_MIN_FREQ_LONG = 5  # words of four characters or more
TARGET_MIN_FREQ_THREE = 300
KNOWN_WORD_FREQ = 3  # jieba lists many misspellings with frequency 3; above that a word is known
COMMON_CHARACTERS = 2000  # the characters an input method offers first
SEGMENT_WORD_FREQ = 50  # what counts as an ordinary word when splitting a span
MIN_GAIN = 6.0  # log-likelihood gain needed to report at all
SPLIT_GAIN = 9.0  # a long span that splits into ordinary words needs this much
MISSPELLING_RATIO = 30  # a rare entry this many times less frequent than the target is a typo
STRONG_CONFIDENCE = 0.8

SAME_PINYIN, SHAPE = "same_pinyin", "shape"
REASONS = {SAME_PINYIN: "同音字", SHAPE: "形近字"}


@dataclass(frozen=True)
class Suspect:
    start: int
    end: int
    written: str  # the text as written
    suggestion: str  # the dictionary word it is probably a typo of
    confidence: float
    reason: str  # SAME_PINYIN or SHAPE
    gain: float


def read_shape_confusions(path=SHAPE_FILE):
    """{character: set of characters of similar shape}, symmetric."""
    groups = {}
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            characters = [c for c in row["characters"].strip() if HAN.match(c)]
            for c in characters:
                groups.setdefault(c, set()).update(x for x in characters if x != c)
    return groups


def read_dictionary(path=DICTIONARY_FILE):
    """({word: frequency}, {word: jieba tag}) of jieba's dictionary file."""
    freq, tags = {}, {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2:
                freq[parts[0]] = int(parts[1])
                tags[parts[0]] = parts[2] if len(parts) > 2 else ""
    return freq, tags


def common_characters(freq, count):
    """The `count` characters used most, weighing each word by its frequency (a character's
    own entry in jieba counts only its uses as a one-character word)."""
    usage = {}
    for word, frequency in freq.items():
        for character in word:
            usage[character] = usage.get(character, 0) + frequency
    han = [c for c in usage if HAN.match(c)]
    return sorted(han, key=lambda c: -usage[c])[:count]


def syllables(character):
    return set(pinyin(character, style=Style.NORMAL, heteronym=True)[0])


class SpellingModel:
    def __init__(self, freq, tags, shapes):
        self.freq = freq
        self.log_total = math.log(sum(freq.values()))
        common = common_characters(freq, COMMON_CHARACTERS)
        by_syllable = {}
        for character in common:
            for syllable in syllables(character):
                by_syllable.setdefault(syllable, set()).add(character)
        self.targets = []  # (word, position of the swapped character, reason)
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        confusions = {}
        for word, frequency in freq.items():
            if not self._is_target(word, frequency, tags.get(word, "")):
                continue
            for position, character in enumerate(word):
                if character not in confusions:
                    same = set()
                    for syllable in syllables(character):
                        same |= by_syllable.get(syllable, set())
                    same.discard(character)
                    confusions[character] = [(c, SAME_PINYIN) for c in sorted(same)] + [
                        (c, SHAPE) for c in sorted(shapes.get(character, ())) if c not in same
                    ]
                for replacement, reason in confusions[character]:
                    variant = word[:position] + replacement + word[position + 1 :]
                    if self.is_word(variant, word) or variant in self.automaton:
                        continue
                    self.automaton.add_word(variant, len(self.targets))
                    self.targets.append((word, position, reason))
        self.automaton.make_automaton()

    def is_word(self, text, target):
        """Whether text is a word in its own right rather than a misspelling of target:
        jieba lists some misspellings, but rarely and far less often than the right word."""
        frequency = self.freq.get(text, 0)
        return frequency > KNOWN_WORD_FREQ and frequency * MISSPELLING_RATIO > self.freq[target]

    @staticmethod
    def _is_target(word, frequency, tag):
        if not HAN.match(word) or len(word) < 3:
            return False
        if len(word) >= 4:
            return frequency >= TARGET_MIN_FREQ_LONG
        return frequency >= TARGET_MIN_FREQ_THREE and tag not in NAME_TAGS

    # ------------------------------------------------------------------ building and caching

    @classmethod
    def build(cls):
        freq, tags = read_dictionary()
        return cls(freq, tags, read_shape_confusions())

    @staticmethod
    def fingerprint():
        settings = (
            BUILD_VERSION,
            TARGET_MIN_FREQ_LONG,
            TARGET_MIN_FREQ_THREE,
            KNOWN_WORD_FREQ,
            COMMON_CHARACTERS,
        )
        digest = hashlib.sha1(repr(settings).encode())
        digest.update(SHAPE_FILE.read_bytes())
        stat = DICTIONARY_FILE.stat()
        digest.update(f"{stat.st_size}:{int(stat.st_mtime)}".encode())
        return digest.hexdigest()[:16]

    @classmethod
    def load(cls, cache_dir=None):
        """The model, from `cache_dir` when a build of the same inputs is there."""
        if cache_dir is None:
            return cls.build()
        path = Path(cache_dir) / f"spelling-{cls.fingerprint()}.pickle"
        if path.exists():
            try:
                with open(path, "rb") as handle:
                    return pickle.load(handle)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                pass  # a damaged or stale cache is rebuilt below
        model = cls.build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            with open(temporary, "wb") as handle:
                pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError:
            pass  # no cache: the next process builds again
        return model

    # ------------------------------------------------------------------ finding

    def find(self, text, allowed=frozenset()):
        """Every Suspect in text, in order of position."""
        found = []
        last_end = -1
        for end_index, target_index in self.automaton.iter(text):
            word, position, reason = self.targets[target_index]
            start, end = end_index - len(word) + 1, end_index + 1
            if start < last_end:
                continue  # one report per stretch of text
            suspect = self.judge(text, start, end, word, reason, allowed)
            if suspect is not None:
                found.append(suspect)
                last_end = end
        return found

    def judge(self, text, start, end, word, reason, allowed):
        written = text[start:end]
        if self.is_word(written, word):
            return None
        if self._allowed(text, start, end, allowed):
            return None
        leftover = self._fewest_single_characters(written)
        if len(written) == 3 and leftover <= 1:
            return None  # e.g. 服务 + 均: ordinary words, not a typo of 服务员
        window_start, window_end = max(0, start - 4), min(len(text), end + 4)
        original = text[window_start:window_end]
        corrected = text[window_start:start] + word + text[end:window_end]
        gain = self.best_log_prob(corrected) - self.best_log_prob(original, unknown=written)
        if gain < MIN_GAIN or (leftover == 0 and gain < SPLIT_GAIN):
            return None
        confidence = self.confidence(word, reason, gain)
        return Suspect(start, end, written, word, confidence, reason, round(gain, 1))

    @staticmethod
    def _allowed(text, start, end, allowed):
        for entry in allowed:
            offset = text.find(entry, max(0, start - len(entry) + 1), end + len(entry) - 1)
            while offset != -1 and offset < end:
                if offset <= start and offset + len(entry) >= end:
                    return True
                offset = text.find(entry, offset + 1, end + len(entry) - 1)
        return False

    def _fewest_single_characters(self, span):
        """How few single characters are left when span is covered by ordinary words."""
        length = len(span)
        fewest = [0] + [length + 1] * length  # fewest single characters to cover span[:i]
        for i in range(1, length + 1):
            fewest[i] = fewest[i - 1] + 1
            for j in range(0, i - 1):
                if self.freq.get(span[j:i], 0) >= SEGMENT_WORD_FREQ:
                    fewest[i] = min(fewest[i], fewest[j])
        return fewest[length]

    def best_log_prob(self, text, unknown=""):
        """Log-probability of the best segmentation of text into dictionary words (jieba's
        unigram model; an unknown character costs as much as a word seen once, and words
        seen no more than KNOWN_WORD_FREQ times are left out)."""
        length = len(text)
        best = [0.0] * (length + 1)
        for i in range(length - 1, -1, -1):
            score = -1e18
            for j in range(i + 1, min(length, i + 8) + 1):
                piece = text[i:j]
                frequency = 0 if piece == unknown else self.freq.get(piece, 0)
                if frequency <= KNOWN_WORD_FREQ and j > i + 1:
                    continue  # jieba's rare entries include common misspellings
                if frequency or j == i + 1:
                    value = math.log(frequency or 1) - self.log_total + best[j]
                    if value > score:
                        score = value
            best[i] = score
        return best[0]

    def confidence(self, word, reason, gain):
        """0–1: more for a large gain, a same-pinyin swap, a long and common target."""
        score = 1 - math.exp(-(gain - MIN_GAIN + 2) / 6)
        if reason == SHAPE:
            score *= 0.9
        if len(word) >= 4:
            score = min(1.0, score + 0.1)
        if self.freq.get(word, 0) < 30:
            score *= 0.85
        return round(max(0.0, min(1.0, score)), 2)


_MODEL = None


def model(cache_dir=None):
    """The process's model, built (or read from `cache_dir`) on first use."""
    global _MODEL
    if _MODEL is None:
        _MODEL = SpellingModel.load(cache_dir)
    return _MODEL
