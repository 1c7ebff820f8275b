"""Models of content monitoring, one module per concept."""

from .accounts import AccountPost, InteractionMessage, NewMediaAccount
from .dictionary import DictionaryRelease, DictionaryTerm, active_terms
from .runs import Finding, FindingReview, LinkStatus, MonitorRun
from .workflow import ContentSafetyTask, GateReview

__all__ = [
    "AccountPost",
    "ContentSafetyTask",
    "DictionaryRelease",
    "DictionaryTerm",
    "Finding",
    "FindingReview",
    "GateReview",
    "InteractionMessage",
    "LinkStatus",
    "MonitorRun",
    "NewMediaAccount",
    "active_terms",
]
