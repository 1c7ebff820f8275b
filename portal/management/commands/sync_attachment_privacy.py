"""Put every attachment in the collection its pages give it (portal/attachments.py).

Run once after `migrate` on a site that had documents before attachment privacy existed;
publishing and unpublishing pages keeps the collections right afterwards.
"""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model
from wagtail.models import Page

from portal.attachments import PUBLIC_COLLECTION, public_collection, sync_collections


class Command(BaseCommand):
    help = "按页面的发布状态和公开属性，把附件放入“公开附件”或“待审附件”。"

    def handle(self, *args, **options):
        pages = list(Page.objects.live().specific())
        sync_collections(*pages)
        count = get_document_model().objects.filter(collection=public_collection()).count()
        self.stdout.write(
            f"已检查 {len(pages)} 个已发布页面；“{PUBLIC_COLLECTION}”中有 {count} 个附件。"
        )
