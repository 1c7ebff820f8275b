"""The importer interface and idempotent saving of what importers return."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from monitoring.models import AccountPost, InteractionMessage


@dataclass
class ImportedPost:
    title: str
    published_at: datetime
    body: str = ""
    url: str = ""
    external_id: str = ""
    account_name: str = ""  # files may name the account on each row

    def key(self):
        if self.external_id:
            return self.external_id[:300]
        raw = f"{self.url}|{self.title}|{self.published_at.isoformat()}"
        return "sha1:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()


@dataclass
class ImportedMessage:
    content: str
    asked_at: datetime
    author: str = ""
    reply: str = ""
    replied_at: datetime | None = None
    external_id: str = ""
    account_name: str = ""

    def key(self):
        if self.external_id:
            return self.external_id[:300]
        raw = f"{self.author}|{self.content}|{self.asked_at.isoformat()}"
        return "sha1:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()


class PostSource:
    """A way to fetch an account's posts. Subclasses set `name` and implement `fetch`."""

    name = ""

    def can_fetch(self, account):
        return False

    def fetch(self, account):
        """An iterable of ImportedPost for the account; raise ImportError_ on failure."""
        raise NotImplementedError


@transaction.atomic
def save_posts(account, items, source):
    """Create or update posts by their external id; returns (created, updated)."""
    created = updated = 0
    for item in items:
        _, was_created = AccountPost.objects.update_or_create(
            account=account,
            external_id=item.key(),
            defaults={
                "title": item.title[:300],
                "body": item.body,
                "url": item.url[:500],
                "published_at": item.published_at,
                "source": source,
            },
        )
        created += was_created
        updated += not was_created
    return created, updated


@transaction.atomic
def save_messages(account, items):
    created = updated = 0
    for item in items:
        _, was_created = InteractionMessage.objects.update_or_create(
            account=account,
            external_id=item.key(),
            defaults={
                "content": item.content,
                "author": item.author[:100],
                "asked_at": item.asked_at,
                "reply": item.reply,
                "replied_at": item.replied_at,
            },
        )
        created += was_created
        updated += not was_created
    return created, updated
