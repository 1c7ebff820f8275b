"""One monitoring run: read what is monitored, resolve links, run the checks, store findings.

The site scope covers every website on the installation (集约化: the banner portal and each
unit with a domain of its own), each read as one inventory, since the indicators judge each
website; the account scope covers every account. Each finding keeps the unit of its page or
account.

Findings are de-duplicated across runs by fingerprint (check code + target + what was found):
a problem found again updates its existing row (last seen, times seen); a problem a run no
longer finds is marked gone; a problem marked 已整改 that comes back is reopened. Reviewers'
decisions are kept: a finding marked 误报 stays 误报 and is left out of the run's counts.
"""

import logging
import time
import traceback

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from . import conf
from .checks import checks_for
from .checks.base import ACCOUNTS, SEVERITY_LABELS, SITE
from .internal_links import classify, internal_hosts, resolve_internal
from .inventory import build_inventory
from .models import Finding, FindingReview, LinkStatus, MonitorRun
from .rules.links import LinkChecker, LinkResult

logger = logging.getLogger(__name__)

# Listeners in this process that want live progress of a run (the command's progress bar).
PROGRESS_LISTENERS = {}


class Progress:
    """Writes a run's progress to its row (at most every half second) and to listeners."""

    def __init__(self, run):
        self.run = run
        self.last_write = 0.0

    def __call__(self, step, done, total, force=False):
        listener = PROGRESS_LISTENERS.get(self.run.pk)
        if listener:
            listener(step, done, total)
        now = time.monotonic()
        if force or now - self.last_write > 0.5 or done >= total:
            self.run.set_progress(step, done, total)
            self.last_write = now


def execute_run(run):
    """Carry out a queued run; returns its summary. Failures are stored on the run."""
    run.status = MonitorRun.Status.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at"])
    progress = Progress(run)
    try:
        detections = []
        checks = checks_for(run.scopes)
        for inventory in inventories(run.scopes, progress):
            progress("检查链接", 0, 1, force=True)
            inventory.link_results = resolve_links(
                inventory, lambda done, total: progress("检查链接", done, total)
            )
            own = checks_for(inventory.scopes)
            for number, check in enumerate(own, start=1):
                progress(f"检查：{check.name}", number - 1, len(own))
                detections.extend((check, detection) for detection in check.detect(inventory))
        progress("保存结果", len(checks), len(checks), force=True)
        summary = store_findings(run, checks, detections)
    except Exception:
        logger.exception("Monitoring run %s failed", run.pk)
        run.status = MonitorRun.Status.FAILED
        run.error = traceback.format_exc(limit=5)
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    run.summary = summary
    run.status = MonitorRun.Status.DONE
    run.finished_at = timezone.now()
    run.step = "完成"
    run.save(update_fields=["summary", "status", "finished_at", "step"])
    return summary


def inventories(scopes, progress):
    """The inventories a run checks: the accounts, then each website (the default first)."""
    if ACCOUNTS in scopes:
        yield build_inventory({ACCOUNTS})
    if SITE in scopes:
        for site in Site.objects.select_related("root_page").order_by("-is_default_site", "pk"):
            step = f"读取网站页面（{site.site_name or site.hostname}）"
            yield build_inventory(
                {SITE},
                site=site,
                progress=lambda done, total, step=step: progress(step, done, total),
            )


class DatabaseLinkCache:
    """The link checker's cache backed by LinkStatus rows (shared by runs and processes)."""

    def __init__(self, urls):
        self.rows = {row.url: row for row in LinkStatus.objects.filter(url__in=list(urls))}
        self.written = {}

    def get(self, url):
        row = self.rows.get(url)
        if row is None:
            return None
        return LinkResult(
            url=row.url,
            status=row.status,
            http_status=row.http_status,
            error=row.error,
            final_url=row.final_url,
            redirects=row.redirects,
            elapsed=row.elapsed,
            checked_at=row.checked_at.timestamp(),
        )

    def __setitem__(self, url, result):
        self.written[url] = result

    def save(self):
        for url, result in self.written.items():
            LinkStatus.objects.update_or_create(
                url=url[:1000],
                defaults={
                    "status": result.status,
                    "http_status": result.http_status,
                    "error": result.error[:200],
                    "final_url": result.final_url[:1000],
                    "redirects": result.redirects,
                    "elapsed": result.elapsed,
                    "checked_at": timezone.now(),
                },
            )


def resolve_links(inventory, progress=None):
    """{href: LinkResult} for every link in the inventory's texts."""
    hosts = internal_hosts()
    internal, external = set(), set()
    for item in inventory.texts:
        for href in item.links:
            kind = classify(href, hosts)
            if kind == "internal":
                internal.add(href)
            elif kind == "external":
                external.add(href)
    if not conf.check_external_links():
        external = set()
    total = len(internal) + len(external)
    results = {}
    for done, href in enumerate(sorted(internal), start=1):
        results[href] = resolve_internal(href)
        if progress:
            progress(done, total)
    if external:
        cache = DatabaseLinkCache(external)
        checker = LinkChecker(
            cache=cache, cache_seconds=conf.link_cache_seconds(), **conf.link_check_options()
        )
        results.update(
            checker.check_links(
                sorted(external),
                progress=(lambda done: progress(len(internal) + done, total)) if progress else None,
            )
        )
        cache.save()
    return results


SITE_TARGET_KINDS = (
    "page",
    "column",
    "site",
    "error_report",
    "interaction_message",
    "interaction_channel",
)


def scope_of(target):
    return "site" if target.kind in SITE_TARGET_KINDS else "accounts"


@transaction.atomic
def store_findings(run, checks, detections):
    now = timezone.now()
    counts = {check.code: 0 for check in checks}
    by_severity = {severity.value: 0 for severity in SEVERITY_LABELS}
    by_scope = {scope: dict.fromkeys(by_severity, 0) for scope in run.scopes}
    by_unit = {}  # "unit id" -> {severity: count}, for the per-unit trend
    seen, new, reopened, suppressed = set(), 0, 0, 0
    for check, detection in detections:
        fingerprint = check.fingerprint(detection)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        target = detection.target
        values = {
            "check_code": check.code,
            "severity": check.severity.value,
            "scope": scope_of(target),
            "target_kind": target.kind,
            "target_id": target.id,
            "target_label": target.label[:300],
            "target_url": target.url[:500],
            "account_id": target.account_id,
            "page_id": target.page_id,
            "unit_id": target.unit_id,
            "message": detection.message,
            "excerpt": detection.excerpt,
            "suggestion": detection.suggestion[:200],
            "data": detection.data,
            "is_present": True,
            "gone_at": None,
            "last_seen_at": now,
            "last_run": run,
        }
        finding = Finding.objects.select_for_update().filter(fingerprint=fingerprint).first()
        if finding is None:
            Finding.objects.create(
                fingerprint=fingerprint, first_seen_at=now, first_run=run, **values
            )
            new += 1
        else:
            was_fixed = finding.status == Finding.Status.FIXED
            for field, value in values.items():
                setattr(finding, field, value)
            finding.times_seen += 1
            if was_fixed:
                finding.status = Finding.Status.NEW
                FindingReview.objects.create(
                    finding=finding,
                    action=FindingReview.Action.REOPENED,
                    from_status=Finding.Status.FIXED,
                    to_status=Finding.Status.NEW,
                    note="标记为已整改后，本次监测再次发现该问题。",
                    run=run,
                )
                reopened += 1
            finding.save()
            if finding.status == Finding.Status.FALSE_POSITIVE:
                suppressed += 1
                continue
        counts[check.code] += 1
        by_severity[check.severity.value] += 1
        by_scope.setdefault(values["scope"], dict.fromkeys(by_severity, 0))
        by_scope[values["scope"]][check.severity.value] += 1
        if target.unit_id is not None:
            unit_counts = by_unit.setdefault(str(target.unit_id), dict.fromkeys(by_severity, 0))
            unit_counts[check.severity.value] += 1

    # What this run covered but did not find again is gone.
    gone = Finding.objects.filter(
        scope__in=run.scopes,
        check_code__in=[check.code for check in checks],
        is_present=True,
    ).exclude(fingerprint__in=seen)
    gone_count = 0
    for finding in gone.select_for_update():
        finding.is_present = False
        finding.gone_at = now
        finding.save(update_fields=["is_present", "gone_at"])
        FindingReview.objects.create(
            finding=finding,
            action=FindingReview.Action.GONE,
            from_status=finding.status,
            to_status=finding.status,
            note="本次监测未再发现该问题。",
            run=run,
        )
        gone_count += 1
    return {
        "findings": counts,
        "by_severity": by_severity,
        "by_scope": by_scope,
        "by_unit": by_unit,
        "new": new,
        "reopened": reopened,
        "gone": gone_count,
        "suppressed": suppressed,
    }
