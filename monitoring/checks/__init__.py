"""Every check, in the order reports list them. Add a check by writing a small class (see
checks/base.py) and listing it here."""

from .accounts import AccountDuplicateCheck, AccountNotFiledCheck
from .base import ACCOUNTS, SITE, Check, Detection, Inventory, Severity, Target, TextItem
from .dictionaries import (
    CautionedExpressionCheck,
    LikelyTypoCheck,
    SensitiveWordCheck,
    SevereErrorCheck,
    SuspectedTypoCheck,
    TypoCheck,
)
from .interaction import (
    AccountNoInteractionCheck,
    ChannelUnavailableCheck,
    MessageUnansweredCheck,
    MessageUnansweredVetoCheck,
    NoPublishedReplyCheck,
)
from .links import BrokenLinkCheck
from .personal_data import BankCardCheck, MobileNumberCheck, ResidentIdCheck
from .site_pages import ImageWithoutAltCheck, MissingMetadataCheck, PolicyWithoutInterpretationCheck
from .staleness import (
    AccountStaleCheck,
    ColumnStaleCheck,
    ColumnVetoCheck,
    EmptyColumnCheck,
    HomePageStaleCheck,
)

ALL_CHECKS = [
    SevereErrorCheck(),
    SensitiveWordCheck(),
    ResidentIdCheck(),
    BankCardCheck(),
    MobileNumberCheck(),
    TypoCheck(),
    LikelyTypoCheck(),
    SuspectedTypoCheck(),
    CautionedExpressionCheck(),
    BrokenLinkCheck(),
    AccountStaleCheck(),
    AccountNoInteractionCheck(),
    AccountDuplicateCheck(),
    AccountNotFiledCheck(),
    HomePageStaleCheck(),
    ColumnVetoCheck(),
    ColumnStaleCheck(),
    EmptyColumnCheck(),
    ChannelUnavailableCheck(),
    MessageUnansweredVetoCheck(),
    MessageUnansweredCheck(),
    NoPublishedReplyCheck(),
    MissingMetadataCheck(),
    PolicyWithoutInterpretationCheck(),
    ImageWithoutAltCheck(),
]

CHECKS_BY_CODE = {check.code: check for check in ALL_CHECKS}


def checks_for(scopes):
    return [check for check in ALL_CHECKS if check.scopes & set(scopes)]


def get_check(code):
    return CHECKS_BY_CODE.get(code)


__all__ = [
    "ACCOUNTS",
    "ALL_CHECKS",
    "CHECKS_BY_CODE",
    "SITE",
    "Check",
    "Detection",
    "Inventory",
    "Severity",
    "Target",
    "TextItem",
    "checks_for",
    "get_check",
]
