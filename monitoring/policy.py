"""Policy documents (政策文件) and their interpretations (政策解读) on the site.

The disclosure app defines the page models; this module finds them by what they carry rather
than by name, so it keeps working as those models evolve:

- a policy document is a page whose model has the disclosure metadata fields
  (`index_number` and `document_number`), or is listed in MONITORING_POLICY_DOCUMENT_MODELS;
- an interpretation is a page whose model points at a policy document through a foreign key
  (or a many-to-many field), e.g. `document = ForeignKey(PolicyDocumentPage)`.
"""

from django.apps import apps
from django.db import models
from wagtail.models import Page

from core.rules.working_days import CalendarYearMissing
from disclosure.timeliness import interpretation_overdue

from . import conf
from .checks.base import PolicyDocument

MARKER_FIELDS = ("index_number", "document_number")


def field_names(model):
    return {field.name for field in model._meta.get_fields()}


def is_policy_model(model):
    configured = conf.policy_document_models()
    if configured is not None:
        return model._meta.label in configured
    return issubclass(model, Page) and all(name in field_names(model) for name in MARKER_FIELDS)


def is_policy_document(page):
    return is_policy_model(type(page))


def interpretation_relations(policy_model):
    """[(interpretation page model, field name)] of page models pointing at policy documents."""
    relations = []
    for model in apps.get_models():
        if not issubclass(model, Page) or is_policy_model(model):
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, (models.ForeignKey, models.ManyToManyField)):
                continue
            remote = field.related_model
            if isinstance(remote, type) and issubclass(policy_model, remote) and remote is not Page:
                relations.append((model, field.name))
    return relations


def needs_interpretation(page):
    """Documents can say they need none (disclosure's `requires_interpretation` field)."""
    return bool(getattr(page, "requires_interpretation", True))


def has_interpretation(page):
    """Whether a live interpretation page points at this policy document."""
    for model, name in interpretation_relations(type(page)):
        if model.objects.live().filter(**{name: page.pk}).exists():
            return True
    # A relation declared on the policy document itself (e.g. interpretation = ForeignKey(...)).
    for field in type(page)._meta.concrete_fields:
        if field.is_relation and "interpretation" in field.name and getattr(page, field.attname):
            return True
    return False


def missing_metadata(page):
    """Verbose names of required metadata fields that the page leaves blank.

    Fields the page type fills in at first publication (its `fields_filled_at_publication`,
    such as the 索引号) are not missing before the page was ever published."""
    model_fields = {field.name: field for field in type(page)._meta.get_fields()}
    not_yet = () if page.first_published_at else getattr(page, "fields_filled_at_publication", ())
    missing = []
    for name in conf.required_metadata():
        field = model_fields.get(name)
        if field is None or name in not_yet:
            continue
        if not has_value(page, field):
            missing.append(str(getattr(field, "verbose_name", name)))
    return missing


def has_value(page, field):
    if field.many_to_many:
        return bool(list(getattr(page, field.name).all()))
    if field.is_relation:
        return getattr(page, field.attname, None) is not None
    value = getattr(page, field.name, None)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def lacks_interpretation(page, today=None) -> bool:
    """Whether the page is past its interpretation deadline without one. The rule and its
    grace period are disclosure.timeliness.interpretation_overdue (one rule, one setting);
    this module only says what counts as an interpretation."""
    if not needs_interpretation(page):
        return False
    try:
        delay = interpretation_overdue(
            page, has_interpretation=has_interpretation(page), today=today
        )
    except CalendarYearMissing:
        return False  # the 解读缺失 report shows the calendar problem
    return delay is not None


def policy_document_info(page, target):
    return PolicyDocument(
        target=target,
        missing_fields=missing_metadata(page),
        lacks_interpretation=lacks_interpretation(page),
    )
