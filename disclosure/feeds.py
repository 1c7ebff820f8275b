"""RSS 2.0 and Atom feeds per column: the latest documents and interpretations below it."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from disclosure.catalogue import documents_below, interpretations_below
from disclosure.views import column_or_404

FEED_LENGTH = 30


class ColumnRssFeed(Feed):
    def get_object(self, request, page_id):
        self.request = request
        return column_or_404(page_id)

    def title(self, column):
        return f"{column.title} - 政府信息公开"

    def link(self, column):
        return column.get_url(self.request)

    def description(self, column):
        return column.summary or f"{column.title}栏目最新公开的政府信息"

    def items(self, column):
        items = list(documents_below(column).order_by("-publish_date", "-pk")[:FEED_LENGTH])
        items += list(interpretations_below(column)[:FEED_LENGTH])
        items.sort(key=lambda page: (page.publish_date, page.pk), reverse=True)
        return items[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if hasattr(item, "index_number"):
            return (
                f"索引号：{item.index_number}　文号：{item.document_number or '无'}　{item.summary}"
            )
        return f"政策解读：{item.policy_document.title if item.policy_document else ''}"

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.publish_date, time(9, 0)))

    def item_author_name(self, item):
        return item.publisher.name

    def item_categories(self, item):
        topic = getattr(item, "topic", None)
        return [topic.full_name] if topic else []


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed
    subtitle = ColumnRssFeed.description
