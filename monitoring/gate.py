"""The pre-publication check of one page, used by the 内容安全审查 workflow task and by the
guard on direct publishing (see wagtail_hooks)."""

from django.utils import timezone

from .checks import ALL_CHECKS, SITE, Inventory, Severity
from .inventory import page_target, page_text_item, spelling_model, thresholds
from .models.dictionary import active_terms
from .policy import is_policy_document, policy_document_info


def check_page(page):
    """[(check, detection)] of every single-page check on a page object (e.g. a revision's)."""
    inventory = Inventory(
        now=timezone.now(),
        scopes=frozenset({SITE}),
        thresholds=thresholds(),
        dictionaries=active_terms(),
        spelling_loader=spelling_model,
        texts=[page_text_item(page)],
    )
    if is_policy_document(page):
        inventory.policy_documents.append(policy_document_info(page, page_target(page)))
    found = []
    for check in ALL_CHECKS:
        if check.runs_on_single_page and SITE in check.scopes:
            found.extend((check, detection) for detection in check.detect(inventory))
    return found


def blocking(detections):
    return [(check, d) for check, d in detections if check.severity == Severity.VETO]


def as_records(detections):
    return [
        {
            "code": check.code,
            "name": check.name,
            "severity": check.severity.value,
            "severity_label": check.severity.label,
            "message": detection.message,
            "excerpt": detection.excerpt,
            "suggestion": detection.suggestion,
        }
        for check, detection in detections
    ]
