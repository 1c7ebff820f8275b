"""The date field of every admin form: a plain text box read by core.dates on the server.

Wagtail's date picker rewrites what staff type (2025年3月12日 became 2025-01-01, 昨天 became
today, 20250312 NaN-NaN-NaN). This field never changes a typed date: it reads the forms in
core.dates or refuses the value with a message, and the form shows the text as it was typed.
portal/apps.py makes it the admin's field for every models.DateField (pages, snippets,
settings).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from core.dates import DateNotUnderstood, parse_typed_date

PLACEHOLDER = "如 2025-03-12 或 2025年3月12日"


class TypedDateInput(forms.DateInput):
    """A text box showing a saved date as 2025-03-12; no picker script rewrites it."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"placeholder": PLACEHOLDER, "autocomplete": "off", "inputmode": "text"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%Y-%m-%d")


class TypedDateField(forms.DateField):
    """A date typed as Chinese staff write it (core.dates), or a clear message."""

    widget = TypedDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_typed_date(str(value))
        except DateNotUnderstood as error:
            raise ValidationError(str(error), code="invalid") from None


def use_typed_dates_in_the_admin():
    """Every models.DateField in a Wagtail admin form gets TypedDateField (Wagtail's
    supported override; DateTimeField keeps its own registration)."""
    # local import: wagtail.admin.forms loads Wagtail's models, so only once apps are ready
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(
        models.DateField, override={"form_class": TypedDateField, "widget": TypedDateInput}
    )
