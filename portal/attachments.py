"""Attachments (Wagtail documents) are public only while a published, public page uses them.

Wagtail's collection privacy does the work. Two collections under the root:

- 待审附件 (PRIVATE_COLLECTION), restricted to logged-in staff. Every new upload lands here,
  whatever collection the uploader chose: an editor's file goes through the page's review like
  the page itself.
- 公开附件 (PUBLIC_COLLECTION), without restriction.

A document is public when a page that is live, has no view restriction and discloses its
attachments (a page with `is_public` False, such as a 依申请公开 or 不予公开 policy document,
does not) refers to it, by an attachment row, a document block or a link in rich text:
Wagtail's reference index knows these references. Whenever a page is published, unpublished
or deleted, `sync_collections()` puts every document in the collection that rule gives.

The public never learns that a private document exists: the document serve view answers 404
(before_serve_document in wagtail_hooks.py) and Wagtail's documents API leaves restricted
collections out. Files are served only by that view (WAGTAILDOCS_SERVE_METHOD = "serve_view")
from the private file storage (settings FILES_ROOT), which the web server never serves.
"""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)

PRIVATE_COLLECTION = "待审附件"
PUBLIC_COLLECTION = "公开附件"


def _collection(name: str, *, restricted: bool) -> Collection:
    collection = Collection.objects.filter(depth=2, name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    if restricted and not collection.view_restrictions.exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def private_collection() -> Collection:
    return _collection(PRIVATE_COLLECTION, restricted=True)


def public_collection() -> Collection:
    return _collection(PUBLIC_COLLECTION, restricted=False)


def discloses_attachments(page) -> bool:
    """Whether a live, unrestricted page shows its attachments to the public: every page
    does, unless its type says otherwise with `is_public` (policy documents: 主动公开 only)."""
    return bool(getattr(page, "is_public", True))


def public_document_ids() -> set[int]:
    """Ids of the documents a live, public page that discloses its attachments refers to."""
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("object_id", "to_object_id")
    by_page: dict[int, set[int]] = {}
    for page_id, document_id in references:
        if page_id.isdigit() and document_id.isdigit():
            by_page.setdefault(int(page_id), set()).add(int(document_id))
    # Not specific(defer=True): `is_public` reads a field of the specific model, which a
    # deferred instance would fetch with one query per page on every publish.
    pages = Page.objects.live().public().filter(pk__in=by_page).specific()
    public = set()
    for page in pages:
        if discloses_attachments(page):
            public |= by_page[page.pk]
    return public


@transaction.atomic
def sync_collections(*pages) -> None:
    """Refresh the reference index of `pages` (just published, unpublished or edited: the
    index is otherwise updated by a background task), then put every document in the
    collection the rule above gives it."""
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page.specific)
    Document = get_document_model()
    public, private = public_collection(), private_collection()
    public_ids = public_document_ids()
    made_public = Document.objects.filter(pk__in=public_ids).exclude(collection=public)
    made_private = Document.objects.exclude(pk__in=public_ids).exclude(collection=private)
    # Documents in other private collections an administrator made stay where they are.
    made_private = made_private.filter(collection__view_restrictions=None)
    changed_public = made_public.update(collection=public)
    changed_private = made_private.update(collection=private)
    if changed_public or changed_private:
        logger.info("Attachments: %d made public, %d made private", changed_public, changed_private)


def is_hidden_from(document, request) -> bool:
    """Whether `request` may not see `document`: its collection is restricted and the
    request does not pass the restriction (a logged-in staff member does)."""
    return any(
        not restriction.accept_request(request)
        for restriction in document.collection.get_view_restrictions()
    )


@receiver(pre_save, sender=get_document_model())
def new_uploads_are_private(sender, instance, raw=False, **kwargs):
    if raw or not instance._state.adding:
        return
    instance.collection = private_collection()


@receiver(page_published)
def page_published_handler(sender, instance, **kwargs):
    sync_collections(instance)


@receiver(page_unpublished)
def page_unpublished_handler(sender, instance, **kwargs):
    sync_collections(instance)


@receiver(post_delete)
def page_deleted_handler(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is Page:
        # Deleting a specific page deletes its Page row too: sync once, for the base row.
        transaction.on_commit(sync_collections)
