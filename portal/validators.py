"""Django field validators for the site identity, built on the plain rules in core.rules."""

from django.contrib.auth import password_validation
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


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum password length, with its message in Chinese (Django's own zh-hans
    catalogue lacks this plural string, so staff would read it in English)."""

    def get_error_message(self):
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"
