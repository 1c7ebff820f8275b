"""Dictionary checks: 严重表述错误, sensitive words and common 错别字.

Each reads its editable dictionary (see monitoring.models.DictionaryTerm) through one
Aho-Corasick automaton built per run, so it is fast on large text.
"""

from monitoring.rules.matcher import TermMatcher, excerpt

from .base import Detection, Severity, TextCheck

SEVERE_ERRORS, SENSITIVE_WORDS, TYPOS = "severe", "sensitive", "typo"


class DictionaryCheck(TextCheck):
    dictionary = ""

    def matcher(self, inventory):
        terms = inventory.dictionaries.get(self.dictionary, [])
        return inventory.cached(f"matcher:{self.dictionary}", lambda: TermMatcher(terms))

    def detect_in(self, item, inventory):
        matcher = self.matcher(inventory)
        for where, text in item.parts():
            for match in matcher.find(text):
                yield Detection(
                    target=item.target,
                    message=self.describe(match.term, where),
                    key=f"{where}:{match.term.wrong}",
                    excerpt=excerpt(text, match.start, match.end),
                    suggestion=match.term.right,
                    data={"term": match.term.wrong, "category": match.term.category},
                )

    def describe(self, term, where):
        raise NotImplementedError


class SevereErrorCheck(DictionaryCheck):
    code = "SEVERE_ERROR"
    name = "严重表述错误"
    severity = Severity.VETO
    indicator = "安全、泄密事故"
    dictionary = SEVERE_ERRORS
    description = "领导人姓名职务、机构名称、规范表述等写错，属严重表述错误，单项否决。"

    def describe(self, term, where):
        category = f"（{term.category}）" if term.category else ""
        if term.right:
            return f"{where}出现严重表述错误{category}：“{term.wrong}”应为“{term.right}”。"
        return f"{where}出现不应出现的表述{category}：“{term.wrong}”。"


class SensitiveWordCheck(DictionaryCheck):
    code = "SENSITIVE_WORD"
    name = "敏感词"
    severity = Severity.VETO
    indicator = "安全、泄密事故"
    dictionary = SENSITIVE_WORDS
    description = "发布反动、暴力、色情等内容属单项否决，命中敏感词需人工确认。"

    def describe(self, term, where):
        category = f"（{term.category}）" if term.category else ""
        return f"{where}含有敏感词{category}：“{term.wrong}”，请核实上下文。"


class TypoCheck(DictionaryCheck):
    code = "TYPO"
    name = "错别字"
    severity = Severity.DEDUCT
    indicator = "内容准确性"
    dictionary = TYPOS
    description = "常见错别字，每处扣分。"

    def describe(self, term, where):
        return f"{where}疑似错别字：“{term.wrong}”应为“{term.right}”。"
