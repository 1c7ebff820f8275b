"""Cleaning text that people type into public forms.

Typed text is kept as typed (markup is escaped wherever it is shown), except for characters
that never belong in it:

- control characters other than tab, line feed and carriage return (NUL included): C0
  controls, DEL and the C1 controls U+0080–U+009F;
- Unicode bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
  they reorder the characters around them when the text is displayed, so a report or an
  application could show staff something other than what was stored ("Trojan Source").
"""

from __future__ import annotations

import re

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str | None) -> str:
    """`value` without the characters above and without surrounding blanks; "" for None."""
    return CONTROL_CHARS.sub("", value or "").strip()


# What a full-text search looks for: letters and digits of any script (Chinese included).
# Quotes, operators and control characters are separators: SQLite FTS5 and PostgreSQL's
# tsquery would otherwise read them as syntax.
NOT_A_WORD_CHARACTER = re.compile(r"[\W_]+")


def search_words(text: str | None) -> str:
    """The words of a text, separated by single spaces ("" when there are none)."""
    return " ".join(NOT_A_WORD_CHARACTER.sub(" ", clean_text(text)).split())
