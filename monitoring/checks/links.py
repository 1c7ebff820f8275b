"""Broken links in posts and site pages, internal and external.

The runner resolves every link before the checks run (internal links against the page tree
and the URL configuration, external ones over HTTP with monitoring.rules.links) and leaves the
results in inventory.link_results; this check reports the failures.
"""

from .base import Detection, Severity, TextCheck


class BrokenLinkCheck(TextCheck):
    code = "BROKEN_LINK"
    name = "错链、断链"
    severity = Severity.DEDUCT
    indicator = "链接可用性"
    description = "页面或发文中的链接无法打开（内部链接按页面树解析，外部链接经 HTTP 检测）。"
    runs_on_single_page = False  # network access does not belong in the publishing gate

    def detect_in(self, item, inventory):
        for href in dict.fromkeys(item.links):
            result = inventory.link_results.get(href)
            if result is None or result.ok:
                continue
            yield Detection(
                target=item.target,
                message=result.describe(),
                key=href,
                excerpt=href,
                data={"http_status": result.http_status, "error": result.error},
            )
