"""The monitoring domain's state changes: starting runs, reviewers' decisions, imports.

Views and management commands parse their input and call these; each change that writes
more than one row runs in one database transaction. Carrying out a run (reading the site,
running the checks, storing findings) is runner.py, which the background task calls.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import dictionaries, runner
from .gate import as_records, blocking, check_page
from .importers import ImportError_, pull_account_feed, save_messages, save_posts
from .models import (
    AccountPost,
    DictionaryRelease,
    DictionaryTerm,
    Finding,
    FindingReview,
    GateReview,
    MonitorRun,
    NewMediaAccount,
)
from .models.dictionary import CONTEXT_FIELDS
from .tasks import monitor_run_task


def start_run(scope, user=None, on_progress=None):
    """Create a run and hand it to the task backend (inline or the database queue).

    `on_progress(step, done, total)` follows the run when it is carried out in this process.
    """
    run = MonitorRun.objects.create(scope=scope, requested_by=user)
    if on_progress:
        runner.PROGRESS_LISTENERS[run.pk] = on_progress
    try:
        result = monitor_run_task.enqueue(run.pk)
    finally:
        runner.PROGRESS_LISTENERS.pop(run.pk, None)
    MonitorRun.objects.filter(pk=run.pk).update(task_result_id=str(result.id)[:64])
    run.refresh_from_db()
    return run


def running_run(scope):
    """A run of an overlapping scope that is still going (started in the last two hours)."""
    overlapping = {
        "both": ["accounts", "site", "both"],
        "accounts": ["accounts", "both"],
        "site": ["site", "both"],
    }[scope]
    recent = timezone.now() - timedelta(hours=2)
    return MonitorRun.objects.filter(
        scope__in=overlapping,
        status__in=[MonitorRun.Status.QUEUED, MonitorRun.Status.RUNNING],
        created_at__gte=recent,
    ).first()


@transaction.atomic
def review(finding, action, note, user):
    """Record a reviewer's decision on a finding, with its audit-trail entry."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    new_status = FindingReview.REVIEW_ACTIONS[FindingReview.Action(action)]
    FindingReview.objects.create(
        finding=finding,
        action=action,
        from_status=finding.status,
        to_status=new_status,
        note=note,
        user=user,
        created_at=timezone.now(),
    )
    finding.status = new_status
    finding.save(update_fields=["status"])
    if new_status == Finding.Status.FALSE_POSITIVE:
        allow_word_of(finding, note)
    return finding


OUT_OF_LIST_CHECKS = ("TYPO_LIKELY", "TYPO_SUSPECT")


def allow_word_of(finding, note):
    """A 误报 of the out-of-list detector puts the word on the local allow-list (词库 “不报错的
    词”), so it is not reported again on any page; staff can remove it there."""
    word = (finding.data or {}).get("word", "")
    if finding.check_code not in OUT_OF_LIST_CHECKS or not word:
        return None
    term, _ = DictionaryTerm.objects.get_or_create(
        kind=DictionaryTerm.Kind.ALLOW,
        wrong=word[:100],
        preceded_by="",
        not_preceded_by="",
        followed_by="",
        not_followed_by="",
        pattern="",
        defaults={
            "note": f"审核队列标记误报：{note}"[:300],
            "source": f"监测发现 #{finding.pk}",
            "origin": DictionaryTerm.Origin.STAFF,
        },
    )
    return term


@transaction.atomic
def save_imported(items, kind, default_account):
    """Group items by account (the file's 账号 column or the chosen account) and save them.

    Nothing is saved when a row names no known account; returns (created, updated).
    """
    accounts = {account.name: account for account in NewMediaAccount.objects.all()}
    grouped, problems = {}, []
    for number, item in enumerate(items, start=2):
        account = accounts.get(item.account_name) if item.account_name else default_account
        if account is None:
            if item.account_name:
                problems.append(f"第{number}行：没有名为“{item.account_name}”的账号。")
            else:
                problems.append(
                    f"第{number}行：未指定账号，请在表单中选择账号或在文件中加“账号”列。"
                )
            continue
        grouped.setdefault(account, []).append(item)
    if problems:
        raise ImportError_("文件中有错误，未导入任何内容。", problems)
    created = updated = 0
    for account, account_items in grouped.items():
        if kind == "posts":
            c, u = save_posts(account, account_items, AccountPost.Source.FILE)
        else:
            c, u = save_messages(account, account_items)
        created += c
        updated += u
    return created, updated


def feed_accounts():
    """Open accounts with a feed address."""
    return NewMediaAccount.objects.exclude(feed_url="").exclude(
        lifecycle=NewMediaAccount.Lifecycle.CLOSED
    )


def pull_feeds(accounts):
    """Pull each account's feed; (posts created, [(account, error)] of the feeds that failed)."""
    created_total, failures = 0, []
    for account in accounts:
        try:
            created, _ = pull_account_feed(account)
        except ImportError_ as error:
            failures.append((account, error))
            continue
        created_total += created
    return created_total, failures


def check_direct_publication(page, user):
    """The 内容安全审查 gate on publishing straight from the editor: the 单项否决 findings
    [(check, detection)] of the page, recorded as a blocked GateReview when there are any."""
    detections = check_page(page.specific if hasattr(page, "specific") else page)
    vetoes = blocking(detections)
    if vetoes:
        GateReview.objects.create(
            page_id=page.pk,
            revision_id=page.latest_revision_id,
            outcome=GateReview.Outcome.DIRECT_PUBLISH_BLOCKED,
            detections=as_records(detections),
            user=user,
        )
    return vetoes


@transaction.atomic
def load_shipped_dictionaries(force=False):
    """Bring the shipped dictionaries (monitoring/dictionaries/) into the database.

    Shipped entries that staff have not touched take the new text; entries staff edited
    (origin 人工维护) keep theirs; a shipped entry staff deleted is not brought back; shipped
    entries gone from the files are deleted. Nothing happens when the files are the ones
    loaded last time, unless `force`. Returns the DictionaryRelease, or None when up to date.
    """
    version, checksum = dictionaries.release()
    latest = DictionaryRelease.objects.first()
    if latest and latest.checksum == checksum and not force:
        return None
    entries = dictionaries.shipped_entries()
    ever_shipped = set()
    for keys in DictionaryRelease.objects.values_list("keys", flat=True):
        ever_shipped.update(keys)
    existing = {
        term.shipped_key: term
        for term in DictionaryTerm.objects.select_for_update().exclude(shipped_key="")
    }
    taken = set(
        DictionaryTerm.objects.filter(**{name: "" for name in CONTEXT_FIELDS}).values_list(
            "kind", "wrong"
        )
    )
    counts = dict.fromkeys(["created", "updated", "removed", "kept_staff", "kept_deleted"], 0)
    to_create, to_update = [], []
    for entry in entries:
        values = entry.fields()
        term = existing.get(entry.key)
        if term is None:
            plain = not entry.context
            if entry.key in ever_shipped or (plain and (entry.kind, entry.wrong) in taken):
                # Deleted by staff, or staff already keep an entry of their own for it.
                counts["kept_deleted"] += 1
                continue
            to_create.append(
                DictionaryTerm(
                    **values,
                    origin=DictionaryTerm.Origin.SHIPPED,
                    shipped_key=entry.key,
                    shipped_version=version,
                )
            )
            if plain:
                taken.add((entry.kind, entry.wrong))
        elif term.origin == DictionaryTerm.Origin.STAFF:
            counts["kept_staff"] += 1
        elif any(getattr(term, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(term, name, value)
            term.shipped_version = version
            to_update.append(term)
    DictionaryTerm.objects.bulk_create(to_create, batch_size=500)
    counts["created"] = len(to_create)
    DictionaryTerm.objects.bulk_update(
        to_update,
        ["kind", "wrong", "right", "category", "note", "source", *CONTEXT_FIELDS]
        + ["shipped_version"],
        batch_size=500,
    )
    counts["updated"] = len(to_update)
    current = {entry.key for entry in entries}
    gone = [
        term.pk
        for key, term in existing.items()
        if key not in current and term.origin == DictionaryTerm.Origin.SHIPPED
    ]
    DictionaryTerm.objects.filter(pk__in=gone).delete()
    counts["removed"] = len(gone)
    return DictionaryRelease.objects.create(
        version=version, checksum=checksum, counts=counts, keys=sorted(current)
    )
