"""Django field validators for the site identity, built on the plain rules in core.rules."""

from django.core.exceptions import ValidationError

from core.rules import identifiers


def _raise_if(message):
    if message:
        raise ValidationError(message)


def validate_site_id_code(value):
    """网站标识码: 10 digits (6-digit 行政区划代码 + 4-digit serial)."""
    _raise_if(identifiers.validate_site_id_code(value))


def validate_uscc(value):
    """统一社会信用代码 with its GB 32100 check character."""
    _raise_if(identifiers.validate_uscc(value))


def validate_division_code(value):
    """行政区划代码: 6 digits."""
    _raise_if(identifiers.validate_division_code(value))
