"""Settings of 依申请公开 with their defaults.

Same shape as every app's conf.py (see disclosure/conf.py and docs/ARCHITECTURE.md): DEFAULTS,
`get(name)` (the Django setting or the default, read at call time) and a typed function per
setting. Environment variables are read only in portal/settings/*.py: the encryption keys
come from there (see crypto.py for their format).
"""

from django.conf import settings

DEFAULTS = {
    # SM4 keys: a list of "key_id:32 hex digits", newest (current) first.
    "APPLICATIONS_ENCRYPTION_KEYS": [],
    # 受理编号 prefix: numbers read e.g. "YSQ2025-00012".
    "APPLICATIONS_NUMBER_PREFIX": "YSQ",
    # Online applications accepted per client address per hour.
    "APPLICATIONS_SUBMISSIONS_PER_HOUR": 5,
    # Failed status look-ups allowed per client address per hour (guards the 查询码).
    "APPLICATIONS_FAILED_LOOKUPS_PER_HOUR": 20,
    # Largest accepted ID or licence upload, in bytes.
    "APPLICATIONS_UPLOAD_MAX_BYTES": 5 * 1024 * 1024,
    # Memory one uploaded image may take once decoded (width x height x 4 bytes); bigger
    # images are refused from their header (像素过大), not resized. 48 MiB: a 12-megapixel
    # phone photo; a request then peaks at about twice this.
    "APPLICATIONS_UPLOAD_MAX_DECODED_BYTES": 48 * 1024 * 1024,
    # Calendar days an ID/licence copy is kept after its case is archived.
    "APPLICATIONS_ID_DOCUMENT_RETENTION_DAYS": 180,
    # Officers get a reminder when this many working days or fewer remain.
    "APPLICATIONS_REMINDER_WORKING_DAYS": 3,
    # Working days the applicant has to pay after the 收费通知 (109号 [VERIFY]).
    "APPLICATIONS_FEE_PAYMENT_WORKING_DAYS": 20,
    # Whether the time between the 收费通知 and the payment is left out of the reply period
    # (109号 [VERIFY]; on by default).
    "APPLICATIONS_FEE_NOTICE_PAUSES_CLOCK": True,
    # Where a 行政复议 is applied for; used in the 救济告知 of letters.
    "APPLICATIONS_REVIEW_BODY": "本机关所属的本级人民政府",
    # Where a 行政诉讼 is filed; used in the 救济告知 of letters.
    "APPLICATIONS_COURT": "有管辖权的人民法院",
    # 依申请公开统计 (public page): a count from 1 to this minus 1 is shown as "<N", so no
    # published cell is small enough to point at one applicant; 0 disables the suppression.
    "APPLICATIONS_STATISTICS_SUPPRESS_BELOW": 5,
}


def get(name):
    """The Django setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def encryption_keys():
    return list(get("APPLICATIONS_ENCRYPTION_KEYS"))


def number_prefix():
    return get("APPLICATIONS_NUMBER_PREFIX")


def submissions_per_hour():
    return int(get("APPLICATIONS_SUBMISSIONS_PER_HOUR"))


def lookups_per_hour():
    return int(get("APPLICATIONS_FAILED_LOOKUPS_PER_HOUR"))


def upload_max_bytes():
    return int(get("APPLICATIONS_UPLOAD_MAX_BYTES"))


def upload_max_decoded_bytes():
    return int(get("APPLICATIONS_UPLOAD_MAX_DECODED_BYTES"))


def id_document_retention_days():
    return int(get("APPLICATIONS_ID_DOCUMENT_RETENTION_DAYS"))


def reminder_working_days():
    return int(get("APPLICATIONS_REMINDER_WORKING_DAYS"))


def fee_payment_working_days():
    return int(get("APPLICATIONS_FEE_PAYMENT_WORKING_DAYS"))


def fee_notice_pauses_clock():
    return bool(get("APPLICATIONS_FEE_NOTICE_PAUSES_CLOCK"))


def review_body():
    return get("APPLICATIONS_REVIEW_BODY")


def court():
    return get("APPLICATIONS_COURT")


def statistics_suppress_below():
    return int(get("APPLICATIONS_STATISTICS_SUPPRESS_BELOW"))
