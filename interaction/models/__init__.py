"""Models of 互动交流, one module per concept."""

from .messages import (
    LookupAttempt,
    Message,
    MessageEvent,
    MessageNumberSequence,
    PersonalDataAccess,
    Rating,
)
from .pages import FaqIndexPage, FaqPage, FaqRelatedPage, InteractionIndexPage, QuestionPage
from .topics import MessageTopic

__all__ = [
    "FaqIndexPage",
    "FaqPage",
    "FaqRelatedPage",
    "InteractionIndexPage",
    "LookupAttempt",
    "Message",
    "MessageEvent",
    "MessageNumberSequence",
    "MessageTopic",
    "PersonalDataAccess",
    "QuestionPage",
    "Rating",
]
