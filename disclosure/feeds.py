"""RSS 2.0 and Atom feeds: the latest documents and interpretations below a column, of one
unit (its whole section, 集约化) or of every unit (the banner-wide feed).

An entry republished with a 更新说明 (disclosure/models/change_history.py) carries the latest
note in its description and the time of that change as its Atom <updated>."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from disclosure.catalogue import documents_below, interpretations_below
from disclosure.units import units
from disclosure.views import column_or_404

FEED_LENGTH = 30


def latest_change(item):
    """The item's latest 更新记录, or None (change_records is prefetched, newest first)."""
    records = list(item.change_records.all())
    return records[0] if records else None


class ColumnRssFeed(Feed):
    def get_object(self, request, page_id):
        self.request = request
        return column_or_404(page_id)

    def title(self, column):
        return f"{column.title} - 政府信息公开"

    def link(self, column):
        return column.get_url(self.request)

    def description(self, column):
        return getattr(column, "summary", "") or f"{column.title}栏目最新公开的政府信息"

    def items(self, column):
        documents = documents_below(column).order_by("-publish_date", "-pk")
        interpretations = interpretations_below(column)
        items = list(documents.prefetch_related("change_records")[:FEED_LENGTH])
        items += list(interpretations.prefetch_related("change_records")[:FEED_LENGTH])
        items.sort(key=lambda page: (page.publish_date, page.pk), reverse=True)
        return items[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if hasattr(item, "index_number"):
            number = item.document_number or "无"
            text = f"索引号：{item.index_number}　文号：{number}　{item.summary}"
        else:
            text = f"政策解读：{item.policy_document.title if item.policy_document else ''}"
        change = latest_change(item)
        if change is not None:
            day = timezone.localdate(change.published_at)
            text += f"　更新说明（{day:%Y-%m-%d}）：{change.note}"
        return text

    def item_updateddate(self, item):
        change = latest_change(item)
        return change.published_at if change is not None else None

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


class UnitRssFeed(ColumnRssFeed):
    """Everything a unit discloses: the documents and interpretations of its whole section."""

    def get_object(self, request, unit_id):
        self.request = request
        self.unit = get_object_or_404(units(), pk=unit_id)
        return self.unit.section_root.specific

    def title(self, column):
        return f"{self.unit.name} - 政府信息公开"

    def description(self, column):
        return f"{self.unit.name}最新公开的政府信息"


class UnitAtomFeed(UnitRssFeed):
    feed_type = Atom1Feed
    subtitle = UnitRssFeed.description


class EveryUnit:
    """What the banner-wide feed lists: every unit's documents (see catalogue.documents_below)."""

    lists_every_unit = True
    title = "全旗"


class BannerRssFeed(ColumnRssFeed):
    def get_object(self, request):
        self.request = request
        return EveryUnit()

    def title(self, column):
        return "全旗政府信息公开"

    def link(self, column):
        return self.request.build_absolute_uri("/")

    def description(self, column):
        return "全旗各单位最新公开的政府信息"


class BannerAtomFeed(BannerRssFeed):
    feed_type = Atom1Feed
    subtitle = BannerRssFeed.description
