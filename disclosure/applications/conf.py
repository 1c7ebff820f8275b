"""Settings of 依申请公开 with their defaults; each can be overridden in Django settings.

Encryption keys come from the environment through portal/settings (see crypto.py for the
format); everything else has a sensible default here.
"""

from django.conf import settings


def _setting(name, default):
    return getattr(settings, name, default)


def encryption_keys():
    """SM4 keys as configured: a list of "key_id:32 hex digits", newest (current) first."""
    return list(_setting("APPLICATIONS_ENCRYPTION_KEYS", []))


def number_prefix():
    """受理编号 prefix: numbers read e.g. "YSQ2025-00012"."""
    return _setting("APPLICATIONS_NUMBER_PREFIX", "YSQ")


def submissions_per_hour():
    """Online applications accepted per client address per hour."""
    return int(_setting("APPLICATIONS_SUBMISSIONS_PER_HOUR", 5))


def lookups_per_hour():
    """Failed status look-ups allowed per client address per hour (guards the 查询码)."""
    return int(_setting("APPLICATIONS_FAILED_LOOKUPS_PER_HOUR", 20))


def upload_max_bytes():
    """Largest accepted ID or licence upload."""
    return int(_setting("APPLICATIONS_UPLOAD_MAX_BYTES", 5 * 1024 * 1024))


def upload_max_pixels():
    """Largest accepted image (width x height); bigger images are refused, not resized."""
    return int(_setting("APPLICATIONS_UPLOAD_MAX_PIXELS", 40_000_000))


def id_document_retention_days():
    """Calendar days an ID/licence copy is kept after its case is archived."""
    return int(_setting("APPLICATIONS_ID_DOCUMENT_RETENTION_DAYS", 180))


def reminder_working_days():
    """Officers get a reminder when this many working days or fewer remain."""
    return int(_setting("APPLICATIONS_REMINDER_WORKING_DAYS", 3))


def fee_payment_working_days():
    """Working days the applicant has to pay after the 收费通知 (109号 [VERIFY])."""
    return int(_setting("APPLICATIONS_FEE_PAYMENT_WORKING_DAYS", 20))


def fee_notice_pauses_clock():
    """Whether the time between the 收费通知 and the payment is left out of the reply period
    (109号 [VERIFY]; on by default)."""
    return bool(_setting("APPLICATIONS_FEE_NOTICE_PAUSES_CLOCK", True))


def correction_working_days():
    """Default time the applicant gets to send the corrected application (Art.30: a
    "reasonable" period chosen by the agency; editable per notice)."""
    return int(_setting("APPLICATIONS_CORRECTION_WORKING_DAYS", 15))


def review_body():
    """Where a 行政复议 is applied for; used in the 救济告知 of letters."""
    return _setting("APPLICATIONS_REVIEW_BODY", "本机关所属的本级人民政府")


def court():
    """Where a 行政诉讼 is filed; used in the 救济告知 of letters."""
    return _setting("APPLICATIONS_COURT", "有管辖权的人民法院")
