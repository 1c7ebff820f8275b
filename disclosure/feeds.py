"""RSS 2.0 and Atom feeds: the latest documents and interpretations below a column, of one
unit (its whole section, 集约化) or of every unit (the banner-wide feed).

An entry republished with a 更新说明 (disclosure/models/change_history.py) carries the latest
note in its description and the time of that change as its Atom <updated>. 订阅提醒 by
feed: one 主题分类, one 发布机构, or one document's own news (changes, interpretations, the
documents that amend, replace or repeal it)."""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from disclosure.catalogue import documents_below, interpretations_below
from disclosure.models import Organisation, PolicyDocumentPage, PolicyInterpretationPage, Topic
from disclosure.units import units
from disclosure.views import column_or_404

FEED_LENGTH = 30


def on_day(day):
    """A 发布日期 as the feeds' time of day (09:00 local)."""
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


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

    def documents(self, column):
        return documents_below(column)

    def interpretations(self, column):
        return interpretations_below(column).select_related("publisher")

    def items(self, column):
        documents = self.documents(column).order_by("-publish_date", "-pk")
        interpretations = self.interpretations(column)
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
        return on_day(item.publish_date)

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


class TopicRssFeed(ColumnRssFeed):
    """订阅提醒 by feed: every unit's documents of one 主题分类."""

    def get_object(self, request, topic_id):
        self.request = request
        self.topic = object_or_404(Topic.objects.all(), topic_id)
        return EveryUnit()

    def title(self, column):
        return f"主题分类“{self.topic.full_name}” - 政府信息公开"

    def link(self, column):
        return self.request.build_absolute_uri("/")

    def description(self, column):
        return f"主题分类“{self.topic.full_name}”最新公开的政策文件"

    def documents(self, column):
        return documents_below(column).filter(topic=self.topic)

    def interpretations(self, column):
        return PolicyInterpretationPage.objects.none()


class TopicAtomFeed(TopicRssFeed):
    feed_type = Atom1Feed
    subtitle = TopicRssFeed.description


class PublisherRssFeed(ColumnRssFeed):
    """订阅提醒 by feed: the documents and interpretations one 发布机构 published."""

    def get_object(self, request, organisation_id):
        self.request = request
        self.publisher = object_or_404(Organisation.objects.all(), organisation_id)
        return EveryUnit()

    def title(self, column):
        return f"{self.publisher.name}发布的政府信息"

    def link(self, column):
        return self.request.build_absolute_uri("/")

    def description(self, column):
        return f"{self.publisher.name}最新发布的政策文件和政策解读"

    def documents(self, column):
        return documents_below(column).filter(publisher=self.publisher)

    def interpretations(self, column):
        interpretations = interpretations_below(column).filter(publisher=self.publisher)
        return interpretations.select_related("publisher")


class PublisherAtomFeed(PublisherRssFeed):
    feed_type = Atom1Feed
    subtitle = PublisherRssFeed.description


@dataclass
class DocumentEvent:
    title: str
    url: str
    description: str
    at: datetime
    key: str


MAX_ID = 2**31 - 1  # larger ids name nothing (and overflow some databases' integers)


def object_or_404(queryset, pk):
    if pk > MAX_ID:
        raise Http404("没有找到这个页面。")
    return get_object_or_404(queryset, pk=pk)


class DocumentRssFeed(Feed):
    """One document's news: each 更新记录, each new 政策解读, each document that amends,
    replaces or repeals it ("tell me when this is amended, repealed or interpreted")."""

    def get_object(self, request, page_id):
        self.request = request
        document = object_or_404(PolicyDocumentPage.objects.live().public(), page_id)
        if not document.is_public:
            raise Http404("没有找到这个文件。")
        return document

    def title(self, document):
        return f"“{document.title}”的更新"

    def link(self, document):
        return document.get_url(self.request)

    def description(self, document):
        return f"“{document.title}”的修改、废止和政策解读"

    def items(self, document):
        url = document.get_url(self.request)
        events = [
            DocumentEvent(
                f"更新：{document.title}",
                url,
                record.note,
                record.published_at,
                f"change-{record.pk}",
            )
            for record in document.change_records.all()[:FEED_LENGTH]
        ]
        for item in document.live_interpretations():
            events.append(
                DocumentEvent(
                    f"政策解读：{item.title}",
                    item.get_url(self.request),
                    f"“{document.title}”的政策解读",
                    item.last_published_at or on_day(item.publish_date),
                    f"interpretation-{item.pk}",
                )
            )
        for relation in document.relations_in():
            newer = relation.page
            events.append(
                DocumentEvent(
                    f"已被{relation.get_kind_display()}：{newer.title}",
                    newer.get_url(self.request),
                    f"本文件已被“{newer.title}”{relation.get_kind_display()}",
                    newer.first_published_at or on_day(newer.publish_date),
                    f"relation-{relation.pk}",
                )
            )
        events.sort(key=lambda event: event.at, reverse=True)
        return events[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return self.request.build_absolute_uri(f"{item.url}#{item.key}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.at


class DocumentAtomFeed(DocumentRssFeed):
    feed_type = Atom1Feed
    subtitle = DocumentRssFeed.description


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
