"""Builds the checks' Inventory (plain data) from the database: accounts, posts and messages
for the 政务新媒体 scope; pages, columns, policy documents, 网站纠错 reports and the 互动交流
channel (its state, its messages, its published answers) for the site.

One inventory covers one website (a Wagtail Site: its home page, columns and pages), as the
inspection indicators judge each website; a run builds one per Site (runner.py). Given a unit
(集约化), the inventory covers that unit's section (its root as the home page) and accounts.
Every target carries the unit of its page or account, so findings are counted per unit. The
互动交流 channel is the installation's: every website's inventory has it, a unit's with the
messages addressed to that unit.
"""

import bisect

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.models import Page, Site

from disclosure.units import SectionMap, unit_of_page
from interaction.models import InteractionIndexPage, QuestionPage
from interaction.models import Message as ChannelMessage
from interaction.workflow import Status as MessageStatus
from portal.models import ErrorReport

from . import conf
from .attachments import text_of_field_file
from .checks.base import (
    ACCOUNTS,
    SITE,
    Account,
    Attachment,
    Column,
    InteractionChannel,
    Inventory,
    Message,
    Target,
    TextItem,
    Thresholds,
)
from .content import ContentParts, page_parts, read_documents

# The model modules rather than the monitoring.models package: the 内容安全审查 task model
# loads this module (through gate.py) while that package is being loaded.
from .models.accounts import AccountPost, InteractionMessage, NewMediaAccount
from .models.dictionary import active_terms
from .policy import is_policy_document, policy_document_info
from .rules import spelling


def thresholds():
    return Thresholds(
        account_stale_days=conf.account_stale_days(),
        home_page_stale_days=conf.home_page_stale_days(),
        column_classes=conf.column_classes(),
        long_stale_days=conf.long_stale_days(),
        stale_columns_veto=conf.stale_columns_veto(),
        long_stale_columns_veto=conf.long_stale_columns_veto(),
        empty_columns_veto=conf.empty_columns_veto(),
        unanswered_days=conf.unanswered_days(),
        unanswered_veto_days=conf.unanswered_veto_days(),
        published_reply_days=conf.published_reply_days(),
    )


def spelling_model():
    """The process's out-of-list spelling model (built once, cached on disk), or None when
    MONITORING_SPELLING_CHECK is off."""
    if not conf.spelling_check():
        return None
    return spelling.model(conf.spelling_cache_dir())


def account_target(account):
    return Target(
        "account",
        account.pk,
        str(account),
        url=account.homepage_url,
        account_id=account.pk,
        unit_id=account.unit_id,
    )


def build_inventory(scopes, *, now=None, progress=None, with_texts=True, site=None, unit=None):
    """The Inventory for the given scopes. `progress(done, total)` is called while reading.

    The site scope covers `site` (default: the default site) or, given a `unit`, that unit's
    section; the account scope covers every account, or the unit's.

    Without texts only what the structural checks and the dashboard need is read (accounts,
    messages, columns), which is quick.
    """
    inventory = Inventory(
        now=now or timezone.now(),
        scopes=frozenset(scopes),
        thresholds=thresholds(),
        dictionaries=active_terms(),
        spelling_loader=spelling_model,
    )
    if ACCOUNTS in scopes:
        add_accounts(inventory, with_texts, unit=unit)
    if SITE in scopes:
        add_site(inventory, progress=progress, with_texts=with_texts, site=site, unit=unit)
    return inventory


def add_accounts(inventory, with_texts=True, unit=None):
    accounts = NewMediaAccount.objects.annotate(latest=Max("posts__published_at"))
    if unit is not None:
        accounts = accounts.filter(unit=unit)
    for account in accounts:
        inventory.accounts.append(
            Account(
                target=account_target(account),
                platform=account.platform,
                platform_label=account.get_platform_display(),
                sponsor_unit=account.sponsor_unit,
                is_open=account.is_open,
                filed=account.is_filed,
                interaction_enabled=account.interaction_enabled,
                last_post_at=account.latest,
            )
        )
    posts = AccountPost.objects.select_related("account").exclude(
        account__lifecycle=NewMediaAccount.Lifecycle.CLOSED
    )
    if unit is not None:
        posts = posts.filter(account__unit=unit)
    for post in posts.iterator() if with_texts else []:
        inventory.texts.append(post_text_item(post))
    messages = InteractionMessage.objects.select_related("account").exclude(
        account__lifecycle=NewMediaAccount.Lifecycle.CLOSED
    )
    if unit is not None:
        messages = messages.filter(account__unit=unit)
    for message in messages.iterator():
        target = Target(
            "message",
            message.pk,
            f"{message.account.name}的留言：{message.content[:20]}",
            account_id=message.account_id,
            unit_id=message.account.unit_id,
        )
        inventory.messages.append(
            Message(ACCOUNTS, target, message.asked_at, message.replied_at, message.is_valid)
        )
        if message.reply and with_texts:
            parts = ContentParts()
            parts.add_plain_text(message.reply)
            inventory.texts.append(TextItem(ACCOUNTS, target, parts.text, links=parts.links))


def post_text_item(post):
    parts = ContentParts()
    parts.add_plain_text(post.title)
    if "<" in post.body:
        parts.add_html(post.body)
    else:
        parts.add_plain_text(post.body)
    attachments = []
    if post.attachment:
        attachments.append(
            Attachment(post.attachment.name.rsplit("/", 1)[-1], text_of_field_file(post.attachment))
        )
    target = Target(
        "post",
        post.pk,
        f"{post.account.name}：{post.title}",
        url=post.url,
        account_id=post.account_id,
        unit_id=post.account.unit_id,
    )
    return TextItem(ACCOUNTS, target, parts.text, attachments, parts.links, parts.images)


def site_root():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def page_target(page, kind="page", unit_id=None):
    return Target(kind, page.pk, page.title, url=page.url or "", page_id=page.pk, unit_id=unit_id)


LOOK_UP = object()  # page_text_item(): find the page's unit


def page_text_item(page, document_cache=None, unit_id=LOOK_UP):
    """TextItem of one page (a live page or a revision's object before publication); without
    `unit_id` the page's unit is looked up."""
    parts = page_parts(page)
    attachments = read_documents(parts, document_cache)
    if unit_id is LOOK_UP:
        unit = unit_of_page(page)
        unit_id = unit.pk if unit else None
    target = page_target(page, unit_id=unit_id) if page.pk else Target("page", None, page.title)
    return TextItem(SITE, target, parts.text, attachments, parts.links, parts.images)


def add_site(inventory, progress=None, with_texts=True, site=None, unit=None):
    default = Site.objects.filter(is_default_site=True).first()
    if unit is not None:
        root = unit.section_root
    elif site is not None:
        root = site.root_page
    else:
        root = site_root()
    if root is None:
        return
    sections = SectionMap()

    def unit_id_of(page):
        found = sections.unit_for(page)
        return found.pk if found else None

    live = Page.objects.live().descendant_of(root, inclusive=True)
    total = live.count()
    pages = []  # (path, first_published_at) of every live page, in path order
    document_cache = {}
    for done, page in enumerate(live.order_by("path").specific().iterator(), start=1):
        pages.append((page.path, page.first_published_at))
        unit_id = unit_id_of(page)
        if with_texts:
            inventory.texts.append(page_text_item(page, document_cache, unit_id=unit_id))
        if with_texts and is_policy_document(page):
            inventory.policy_documents.append(
                policy_document_info(page, page_target(page, unit_id=unit_id))
            )
        if page.pk != root.pk and getattr(page, "column_type", ""):
            inventory.columns.append(page)  # replaced by a Column below
        if progress:
            progress(done, total)
    inventory.home_page = Column(page_target(root, "site", unit_id_of(root)), "首页", True, None)
    updates = live.exclude(last_published_at=None).aggregate(latest=Max("last_published_at"))
    inventory.home_page_updated = updates["latest"]
    paths = [path for path, _ in pages]
    inventory.columns = [
        column_info(page, pages, paths, unit_id_of(page)) for page in inventory.columns
    ]
    if unit is None and (default is None or root.pk == default.root_page_id):
        add_error_reports(inventory)  # 我为政府网站找错 belongs to the default site
    add_interaction(inventory, unit=unit)


def column_info(page, pages, paths, unit_id=None):
    """Column of a page: whether anything is inside and when something new last appeared.

    `pages` is [(path, first_published_at)] in path order, so a page's descendants are the
    run of paths that start with its own.
    """
    start = bisect.bisect_right(paths, page.path)
    end = bisect.bisect_left(paths, page.path + "\uffff")
    inside = [published for _, published in pages[start:end]]
    firsts = [published for published in inside if published]
    has_body = has_own_content(page)
    latest = max(firsts) if firsts else (page.last_published_at if has_body else None)
    return Column(
        target=page_target(page, "column", unit_id),
        column_type=page.column_type,
        has_content=bool(inside) or has_body,
        latest_update=latest,
    )


def has_own_content(page):
    """Whether a column page carries a body of its own (StreamField or rich text)."""
    body = getattr(page, "body", None)
    if body is None:
        return False
    if isinstance(body, StreamValue):
        return len(body) > 0
    return bool(strip_tags(str(body)).strip())


def add_error_reports(inventory):
    """我为政府网站找错 reports are the site's interaction channel."""
    for report in ErrorReport.objects.all().iterator():
        replied = report.handled_at if report.status != ErrorReport.Status.NEW else None
        target = Target("error_report", report.pk, f"网站纠错：{report.description[:20]}")
        inventory.messages.append(Message(SITE, target, report.created_at, replied, True))


def add_interaction(inventory, unit=None):
    """The 互动交流 channel: one InteractionChannel (available when its column is live, public
    and accepting messages) and its messages, answered when a reply was sent. A message the
    handlers refused (不予受理, with the reason told to the writer) is not a valid one."""
    column = InteractionIndexPage.objects.first()
    if column is None:
        target = Target("interaction_channel", None, "互动交流栏目")
        inventory.channels.append(InteractionChannel(target, False, "网站尚未建立互动交流栏目"))
    else:
        target = Target(
            "interaction_channel", column.pk, column.title, url=column.url or "", page_id=column.pk
        )
        problem = ""
        if not column.live:
            problem = "互动交流栏目未发布"
        elif column.get_view_restrictions().exists():
            problem = "互动交流栏目设置了访问限制"
        elif not column.accepting_messages:
            problem = "互动交流栏目已暂停接受留言"
        latest = QuestionPage.objects.live().aggregate(latest=Max("first_published_at"))
        inventory.channels.append(
            InteractionChannel(target, not problem, problem, latest["latest"])
        )
    messages = ChannelMessage.objects.all()
    if unit is not None:
        messages = messages.filter(department=unit)
    for message in messages.only(
        "pk", "number", "title", "submitted_at", "closed_at", "status"
    ).iterator():
        replied = message.closed_at if message.status == MessageStatus.ANSWERED else None
        target = Target(
            "interaction_message",
            message.pk,
            f"互动交流留言{message.number}：{message.title[:20]}",
            url=reverse("interaction_admin:detail", args=[message.pk]),
        )
        valid = message.status != MessageStatus.REJECTED
        inventory.messages.append(Message(SITE, target, message.submitted_at, replied, valid))
