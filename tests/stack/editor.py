"""What staff do in the admin, for tests/stack/run.py: run in the stack's environment, it
calls the same code the admin's buttons call and prints one JSON object.

    python tests/stack/editor.py publish TITLE     a 签发 user publishes a new policy document
    python tests/stack/editor.py documents         a public attachment and a private upload
    python tests/stack/editor.py counts            pages to index, database store, index, outbox
"""

import hashlib
import json
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stack_settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from wagtail.documents.models import Document  # noqa: E402
from wagtail.models import Site  # noqa: E402

from disclosure.models import DocumentAttachment, PolicyDocumentPage  # noqa: E402
from search import indexing  # noqa: E402
from search.backends import elastic  # noqa: E402

# The fields a new document takes over from a published one: its column, publisher, topic,
# genre and so on are valid demo values.
KEPT = [
    "publisher",
    "topic",
    "genre",
    "legal_form",
    "validity",
    "effective_date",
    "disclosure_attribute",
    "non_disclosure_reason",
]


def signer():
    user, _ = get_user_model().objects.get_or_create(
        username="stack-signer", defaults={"email": "signer@example.invalid"}
    )
    user.groups.add(Group.objects.get(name="签发"))
    return user


def publish(title, attachments=()):
    """A new policy document beside a published one, published as a Wagtail revision by a
    签发 user: what the admin's 发布 does (page_published → outbox → the worker's drain)."""
    # On the default site (the bureau's): the demo's units have sites of their own.
    site = Site.objects.get(is_default_site=True)
    model = (
        PolicyDocumentPage.objects.live()
        .descendant_of(site.root_page)
        .filter(repeal_date=None)
        .order_by("pk")
        .first()
    )
    today = timezone.localdate()
    page = PolicyDocumentPage(
        title=title,
        slug=slugify(title, allow_unicode=True) or f"stack-{timezone.now():%H%M%S%f}",
        written_date=today,
        publish_date=today,
        summary=f"{title}：栈测试发布的政策文件。",
        body=[("paragraph", f"<p>{title}的正文。</p>")],
        **{name: getattr(model, name) for name in KEPT},
    )
    for document in attachments:
        page.attachments.add(DocumentAttachment(document=document, title=document.title))
    model.get_parent().add_child(instance=page)
    user = signer()
    page.save_revision(user=user).publish(user=user)
    # The path on its own site: with several sites Wagtail's page.url is absolute.
    return {"id": page.pk, "url": page.relative_url(site), "title": title}


def documents():
    """An attachment of a published policy document (public) and an upload no page uses yet
    (private: new uploads wait in 待审附件, portal/attachments.py); their files and a digest
    of their bytes."""
    made = {}
    for key in ("public", "private"):
        content = f"栈测试{key}附件 {timezone.now().isoformat()}".encode() * 200
        document = Document(title=f"stack-{key}")
        document.file.save(f"stack-{key}.txt", ContentFile(content), save=False)
        document.save()
        made[key] = (document, content)
    publish(f"栈测试附件公开 {timezone.now():%H%M%S%f}", attachments=[made["public"][0]])
    result = {}
    for key, (document, content) in made.items():
        document.refresh_from_db()
        result[key] = {
            "url": document.url,
            "file": document.file.name,
            "sha256": hashlib.sha256(content).hexdigest(),
        }
    return result


def counts():
    status = indexing.status()
    return {
        "expected": status["pages_expected"],
        "database_store": status["database_store"],
        "elasticsearch": elastic.count(),
        "outbox": status["outbox_pending"],
    }


if __name__ == "__main__":
    action = sys.argv[1]
    if action == "publish":
        output = publish(sys.argv[2])
    elif action == "documents":
        output = documents()
    elif action == "counts":
        output = counts()
    else:
        raise SystemExit(f"unknown action {action}")
    print(json.dumps(output, ensure_ascii=False))
