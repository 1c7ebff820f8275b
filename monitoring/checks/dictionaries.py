"""Dictionary checks: 严重表述错误, sensitive words, 禁用和慎用表述, 错别字, and misspellings no
list contains.

Each dictionary check reads its editable dictionary (see monitoring.models.DictionaryTerm)
through one Aho-Corasick automaton built per run, so it is fast on large text; context rules
are judged only where their literal was found. The out-of-list detector
(monitoring.rules.spelling) reports what the lists do not already report, and skips the words
reviewers marked 误报 (the “allow” dictionary).

A finding shows the sentence it is in (the excerpt, with the problem marked 【】), the
suggested correction and, in its data, the rule's source and why it is wrong.
"""

from monitoring.rules import spelling
from monitoring.rules.matcher import TermMatcher, sentence

from .base import Detection, Severity, TextCheck

SEVERE_ERRORS, SENSITIVE_WORDS, CAUTIONED, TYPOS, ALLOWED = (
    "severe",
    "sensitive",
    "caution",
    "typo",
    "allow",
)
LISTED = (SEVERE_ERRORS, SENSITIVE_WORDS, CAUTIONED, TYPOS)


def matcher(inventory, dictionary):
    terms = inventory.dictionaries.get(dictionary, [])
    return inventory.cached(f"matcher:{dictionary}", lambda: TermMatcher(terms))


class DictionaryCheck(TextCheck):
    dictionary = ""

    def detect_in(self, item, inventory):
        terms = matcher(inventory, self.dictionary)
        for where, text in item.parts():
            for match in terms.find(text):
                found = text[match.start : match.end]
                term = match.term
                yield Detection(
                    target=item.target,
                    message=self.describe(term, found, match.suggestion, where),
                    key=f"{where}:{term.wrong}:{found}",
                    excerpt=sentence(text, match.start, match.end),
                    suggestion=match.suggestion,
                    data={
                        "term": term.wrong,
                        "found": found,
                        "category": term.category,
                        "note": term.note,
                        "source": term.source,
                    },
                )

    def describe(self, term, found, suggestion, where):
        raise NotImplementedError


def category_of(term):
    return f"（{term.category}）" if term.category else ""


class SevereErrorCheck(DictionaryCheck):
    code = "SEVERE_ERROR"
    name = "严重表述错误"
    severity = Severity.VETO
    indicator = "安全、泄密事故"
    dictionary = SEVERE_ERRORS
    description = "领导人姓名职务、机构名称、规范表述等写错，属严重表述错误，单项否决。"

    def describe(self, term, found, suggestion, where):
        if suggestion:
            return f"{where}出现严重表述错误{category_of(term)}：“{found}”应为“{suggestion}”。"
        return f"{where}出现不应出现的表述{category_of(term)}：“{found}”。"


class SensitiveWordCheck(DictionaryCheck):
    code = "SENSITIVE_WORD"
    name = "敏感词"
    severity = Severity.VETO
    indicator = "安全、泄密事故"
    dictionary = SENSITIVE_WORDS
    description = "发布反动、暴力、色情等内容属单项否决，命中敏感词需人工确认。"

    def describe(self, term, found, suggestion, where):
        return f"{where}含有敏感词{category_of(term)}：“{found}”，请核实上下文。"


class CautionedExpressionCheck(DictionaryCheck):
    code = "CAUTIONED_EXPRESSION"
    name = "禁用和慎用表述"
    severity = Severity.HINT
    indicator = "内容准确性"
    dictionary = CAUTIONED
    description = "新闻和公文中应避免的称谓、已更名的机构等，请结合上下文确认。"

    def describe(self, term, found, suggestion, where):
        advice = f"，建议改为“{suggestion}”" if suggestion else ""
        return f"{where}出现慎用表述{category_of(term)}：“{found}”{advice}。"


class TypoCheck(DictionaryCheck):
    code = "TYPO"
    name = "错别字"
    severity = Severity.DEDUCT
    indicator = "内容准确性"
    dictionary = TYPOS
    description = "常见错别字、易混词和格式错误，每处扣分。"

    def describe(self, term, found, suggestion, where):
        if suggestion:
            return f"{where}疑似错别字：“{found}”应为“{suggestion}”。"
        return f"{where}疑似错误：“{found}”。{term.note}"


class OutOfListTypoCheck(TextCheck):
    """Words one common confusion away from a dictionary word (monitoring.rules.spelling).

    Two checks share the work: what the model is confident about is a 扣分 错别字, the rest
    a 提示 for a reviewer to look at.
    """

    confident = False

    def detect_in(self, item, inventory):
        for where, text, suspect in suspects(item, inventory):
            if (suspect.confidence >= spelling.STRONG_CONFIDENCE) != self.confident:
                continue
            reason = spelling.REASONS[suspect.reason]
            yield Detection(
                target=item.target,
                message=(
                    f"{where}疑似错别字（词库外）：“{suspect.written}”可能应为"
                    f"“{suspect.suggestion}”（{reason}，置信度 {suspect.confidence:.0%}）。"
                ),
                key=f"{where}:spelling:{suspect.written}",
                excerpt=sentence(text, suspect.start, suspect.end),
                suggestion=suspect.suggestion,
                data={
                    "word": suspect.written,
                    "found": suspect.written,
                    "confidence": suspect.confidence,
                    "reason": reason,
                    "gain": suspect.gain,
                    "source": "词库外检测：jieba 词典词频与同音字、形近字混淆集",
                },
            )


def suspects(item, inventory):
    """[(where, text, Suspect)] of an item, computed once per inventory for both checks."""

    def compute():
        model = inventory.cached("spelling:model", inventory.spelling_loader or (lambda: None))
        if model is None:
            return []
        allowed = frozenset(term.wrong for term in inventory.dictionaries.get(ALLOWED, []))
        listed = [matcher(inventory, dictionary) for dictionary in LISTED]
        found = []
        for where, text in item.parts():
            reported = [(m.start, m.end) for terms in listed for m in terms.find(text)]
            for suspect in model.find(text, allowed):
                overlaps = any(s < suspect.end and suspect.start < e for s, e in reported)
                if not overlaps:
                    found.append((where, text, suspect))
        return found

    return inventory.cached(f"spelling:{id(item)}", compute)


class LikelyTypoCheck(OutOfListTypoCheck):
    code = "TYPO_LIKELY"
    name = "错别字（词库外）"
    severity = Severity.DEDUCT
    indicator = "内容准确性"
    confident = True
    description = "不在词库中、但与常用词只差一个同音或形近字的写法，置信度高，每处扣分。"


class SuspectedTypoCheck(OutOfListTypoCheck):
    code = "TYPO_SUSPECT"
    name = "疑似错别字（词库外）"
    severity = Severity.HINT
    indicator = "内容准确性"
    confident = False
    description = (
        "不在词库中、但与常用词只差一个同音或形近字的写法，请人工确认；标记误报后不再提示。"
    )
