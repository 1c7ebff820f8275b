"""Models of the disclosure domain, one module per concept."""

from .alerts import AlertMail, Scope, SubscribeAttempt, Subscription
from .calendar import CalendarYear, SpecialDay
from .catalogue import StandardCataloguePage
from .change_history import ChangeRecord
from .columns import (
    CATALOGUE_PAGE_TYPES,
    BannerCataloguePage,
    DisclosureColumnPage,
    DisclosureIndexPage,
)
from .guide import DisclosureGuidePage
from .index_numbers import IndexNumberCounter
from .interpretations import InterpretationForm, PolicyInterpretationPage
from .organisations import DisclosureOffice, Organisation
from .policy_documents import (
    DisclosureAttribute,
    DocumentAttachment,
    DocumentRelation,
    LegalForm,
    PolicyDocumentPage,
    Validity,
)
from .taxonomy import GENRE_CHOICES, Topic
from .units import UnitGroup, UnitRole

__all__ = [
    "AlertMail",
    "CATALOGUE_PAGE_TYPES",
    "BannerCataloguePage",
    "GENRE_CHOICES",
    "CalendarYear",
    "ChangeRecord",
    "DisclosureAttribute",
    "DisclosureColumnPage",
    "DisclosureGuidePage",
    "DisclosureIndexPage",
    "DisclosureOffice",
    "DocumentAttachment",
    "DocumentRelation",
    "IndexNumberCounter",
    "LegalForm",
    "InterpretationForm",
    "Organisation",
    "PolicyDocumentPage",
    "PolicyInterpretationPage",
    "Scope",
    "SpecialDay",
    "StandardCataloguePage",
    "SubscribeAttempt",
    "Subscription",
    "Topic",
    "UnitGroup",
    "UnitRole",
    "Validity",
]
