"""Ranking rules both backends apply, in one place.

- Units: a document's score is multiplied by (1 + UNIT_WEIGHT x the query units it has), so
  one with every unit of "退休金 领取 条件" comes before one with two of them.
- Validity: a repealed (废止) or expired (失效) document counts OUTDATED_FACTOR times its score,
  so the valid text comes first; a query naming it by 文号 still finds it first (exact lookup).
- Formal documents: a document with a 文号 counts FORMAL_FACTOR times its score, an
  interpretation (文种 解读/图解) INTERPRETATION_FACTOR times: a notice of a meeting or a news
  item that names the subject in its title does not push the policy itself down, and an
  interpretation, which quotes its policy's title and wording, comes after the policy itself.
- 文号/索引号 queries: the document that has it (EXACT_SCORE), then the documents related to
  it, by the kind of relation (RELATION_SCORES, SearchRecord's RELATION fields), each group
  newest first.
"""

UNIT_WEIGHT = 2.0
OUTDATED_VALIDITY = ("失效", "废止")
OUTDATED_FACTOR = 0.3

FORMAL_FACTOR = 2.0
INTERPRETATION_FACTOR = 1.5
INTERPRETATION_GENRES = ("解读", "图解")
INTERPRETATION_TYPES = ("disclosure.policyinterpretationpage",)

EXACT_SCORE = 1000.0
# Interpretations first, then what amends, replaces or repeals it, then what cites it.
RELATION_SCORES = {"interprets": 300.0, "amends": 200.0, "cites": 100.0}


def validity_factor(validity: str) -> float:
    return OUTDATED_FACTOR if validity in OUTDATED_VALIDITY else 1.0


def unit_factor(found: int) -> float:
    return 1.0 + UNIT_WEIGHT * found


def formal_factor(document_number: str, genre: str, content_type: str) -> float:
    if document_number:
        return FORMAL_FACTOR
    if genre in INTERPRETATION_GENRES or content_type in INTERPRETATION_TYPES:
        return INTERPRETATION_FACTOR
    return 1.0
