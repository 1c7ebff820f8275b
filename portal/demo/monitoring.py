"""The content-monitoring demo (portal/demo_data/monitoring.yaml): the shipped dictionaries
(monitoring/dictionaries/, brought up to date as `monitor_dictionaries load` does), the demo
dictionary, the bureau's 政务新媒体 accounts, and posts and messages that trip each check next
to clean ones.

The units' accounts (units.yaml, `accounts`) belong to their unit (集约化), the bureau's to the
bureau. Posts and messages are saved by monitoring's importers, as a file import or a feed pull
saves them. Their times are relative to the day of loading ("days_ago"), so the demo looks
the same whenever it is loaded; `{site}` in a post stands for this site's address.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from disclosure.models import Organisation
from monitoring import services
from monitoring.importers.base import ImportedMessage, ImportedPost, save_messages, save_posts
from monitoring.models import AccountPost, DictionaryTerm, NewMediaAccount

from . import read, say


@transaction.atomic
def load(stdout=None):
    data = read("monitoring")
    now = timezone.now()
    site = site_address()
    created = 0
    release = services.load_shipped_dictionaries()
    if release is not None:
        created += release.counts["created"]
    for term in data["dictionary"]:
        _, new = DictionaryTerm.objects.get_or_create(
            kind=term["kind"],
            wrong=term["wrong"],
            defaults={"right": term["right"], "category": term["category"]},
        )
        created += new
    for spec, unit in accounts(data):
        fields = {k: v for k, v in spec.items() if k not in ("posts", "messages")}
        if "filing_days_ago" in fields:
            fields["filing_date"] = (now - timedelta(days=fields.pop("filing_days_ago"))).date()
        sponsor = unit.name if unit else data["sponsor_unit"]
        account, new = NewMediaAccount.objects.get_or_create(
            platform=fields["platform"],
            name=fields["name"],
            defaults={**fields, "sponsor_unit": sponsor, "unit": unit},
        )
        created += new
        known_posts = set(account.posts.values_list("external_id", flat=True))
        posts = [
            ImportedPost(
                title=post["title"],
                body=post["body"].replace("{site}", site),
                published_at=now - timedelta(days=post["days_ago"]),
                external_id=post["id"],
            )
            for post in spec.get("posts", [])
            if post["id"] not in known_posts
        ]
        created += save_posts(account, posts, AccountPost.Source.MANUAL)[0]
        known_messages = set(account.messages.values_list("external_id", flat=True))
        messages = [
            ImportedMessage(
                content=message["content"],
                author=data["message_author"],
                asked_at=now - timedelta(days=message["days_ago"]),
                reply=message.get("reply", ""),
                replied_at=(
                    now - timedelta(days=message["replied_days_ago"])
                    if message.get("reply")
                    else None
                ),
                external_id=message["id"],
            )
            for message in spec.get("messages", [])
            if message["id"] not in known_messages
        ]
        created += save_messages(account, messages)[0]
    say(stdout, f"内容监管演示数据已就绪（新建 {created} 条）。")
    return created


def accounts(data):
    """(account spec, unit) of the bureau's accounts and of every unit's."""
    bureau = Organisation.objects.filter(name=data["sponsor_unit"]).first()
    found = [(spec, bureau) for spec in data["accounts"]]
    units = read("units")
    for key, spec in units["units"].items():
        unit = Organisation.objects.filter(uscc=units["organisations"][key]["uscc"]).first()
        found += [(account, unit) for account in spec.get("accounts", [])]
    return found


def site_address():
    site = Site.objects.filter(is_default_site=True).first()
    return f"http://{site.hostname if site else 'localhost'}"
