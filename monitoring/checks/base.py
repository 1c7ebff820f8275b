"""What a check is, what it looks at and what it reports. Plain Python: no Django here.

A check is a small class with a `code`, a `name`, a `severity` and a `detect(inventory)`
method that yields Detections. The inventory is a snapshot of what is being monitored
(accounts, posts, messages, site pages, columns) built by `monitoring.inventory` from the
database, or by hand in tests.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

ACCOUNTS, SITE = "accounts", "site"


class Severity(StrEnum):
    VETO = "veto"
    DEDUCT = "deduct"
    HINT = "hint"

    @property
    def label(self):
        return SEVERITY_LABELS[self]


SEVERITY_LABELS = {Severity.VETO: "单项否决", Severity.DEDUCT: "扣分", Severity.HINT: "提示"}


@dataclass(frozen=True)
class Target:
    """What a finding is about: an account, a post, a message, a page, a column or the site."""

    kind: str
    id: int | None
    label: str
    url: str = ""
    account_id: int | None = None
    page_id: int | None = None
    unit_id: int | None = None  # the unit (集约化) of the page or account; not part of the key

    @property
    def key(self):
        return f"{self.kind}:{self.id}" if self.id is not None else self.kind


@dataclass
class Attachment:
    name: str
    text: str


@dataclass
class Image:
    label: str  # the image's title or source, to tell the editor which one
    alt: str


@dataclass
class TextItem:
    """Published text to scan: a post, a reply to a message or a site page."""

    scope: str
    target: Target
    text: str
    attachments: list = field(default_factory=list)
    links: list = field(default_factory=list)
    images: list = field(default_factory=list)

    def parts(self):
        """(where, text) for the body and for each attachment."""
        yield "正文", self.text
        for attachment in self.attachments:
            yield f"附件“{attachment.name}”", attachment.text


@dataclass
class Account:
    target: Target
    platform: str
    platform_label: str
    sponsor_unit: str
    is_open: bool
    filed: bool
    interaction_enabled: bool
    last_post_at: datetime | None


@dataclass
class Message:
    scope: str
    target: Target
    asked_at: datetime
    replied_at: datetime | None
    is_valid: bool = True


@dataclass
class InteractionChannel:
    """A 咨询建言 channel of the site (the 互动交流 column): whether it takes messages now, why
    not, and when it last published an answer."""

    target: Target
    available: bool
    problem: str = ""  # why it is not available
    last_published_reply: datetime | None = None


@dataclass
class Column:
    target: Target
    column_type: str
    has_content: bool  # a child page or a body of its own
    latest_update: datetime | None  # newest first publication inside the column


@dataclass
class PolicyDocument:
    target: Target
    missing_fields: list  # labels of required metadata left blank
    lacks_interpretation: bool  # past its grace period without one (disclosure.timeliness)


@dataclass
class Thresholds:
    account_stale_days: int = 14
    home_page_stale_days: int = 14
    column_classes: list = field(default_factory=list)
    long_stale_days: int = 365
    stale_columns_veto: int = 5
    long_stale_columns_veto: int = 10
    empty_columns_veto: int = 5
    unanswered_days: int = 5
    unanswered_veto_days: int = 90
    published_reply_days: int = 60


@dataclass
class Inventory:
    now: datetime
    scopes: frozenset = frozenset({ACCOUNTS, SITE})
    thresholds: Thresholds = field(default_factory=Thresholds)
    accounts: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    channels: list = field(default_factory=list)  # InteractionChannel
    columns: list = field(default_factory=list)
    home_page: Column | None = None
    home_page_updated: datetime | None = None
    policy_documents: list = field(default_factory=list)
    # Dictionary kind -> list of matcher.Term
    dictionaries: dict = field(default_factory=dict)
    # href -> links.LinkResult, filled before the link check runs
    link_results: dict = field(default_factory=dict)
    # Returns the out-of-list spelling model (monitoring.rules.spelling), or None to skip
    # that check; called once, when a check first needs it.
    spelling_loader: object = None
    _cache: dict = field(default_factory=dict, repr=False)

    def cached(self, name, build):
        """Something built once per inventory (a dictionary automaton, say)."""
        if name not in self._cache:
            self._cache[name] = build()
        return self._cache[name]


@dataclass(frozen=True)
class Detection:
    target: Target
    message: str
    key: str = ""  # tells several findings about one target apart (the word found, the link)
    excerpt: str = ""
    suggestion: str = ""
    data: dict = field(default_factory=dict, compare=False, hash=False)


class Check:
    code = ""
    name = ""
    severity = Severity.HINT
    scopes = frozenset({ACCOUNTS, SITE})
    # The inspection indicator (国办秘函〔2019〕19号) the check belongs to, for reports.
    indicator = ""
    description = ""
    # Whether the pre-publication gate runs it on a single page.
    runs_on_single_page = False

    def detect(self, inventory):
        raise NotImplementedError

    def fingerprint(self, detection):
        """Stable identity of a finding: the same problem found again maps to the same row."""
        raw = "|".join([self.code, detection.target.key, detection.key])
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()


class TextCheck(Check):
    """A check that reads published text, one item at a time."""

    runs_on_single_page = True

    def detect(self, inventory):
        for item in inventory.texts:
            if item.scope in self.scopes:
                yield from self.detect_in(item, inventory)

    def detect_in(self, item, inventory):
        raise NotImplementedError


def days_between(earlier, later):
    return (later - earlier).total_seconds() / 86400
