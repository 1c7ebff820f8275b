"""Who may see an applicant's personal data in full, and how it looks masked.

证件号码, phone, address and email are encrypted at rest (fields.py) and shown masked by
default, and so is the applicant's name on the case page. In full they are shown only to
(issue 11):

- the office head (``applications.view_personal_data``, held under four eyes: roles.py);
- the officer who registered the case (they took it in from the applicant);
- the officer the office head assigned the case to. Taking a case oneself (self-assignment,
  or an assignment by another officer) does not open the personal data.

Each full view is logged (models.PersonalDataAccess).
"""

from core.rules.identifiers import mask_id_number, mask_name, mask_phone

from . import roles

__all__ = ["mask_address", "mask_email", "mask_id_number", "mask_name", "mask_phone"]

PERSONAL_FIELDS = ("id_number", "phone", "email", "address")


def mask_email(email: str) -> str:
    """Keep the first character of the mailbox and the domain: z***@example.com."""
    local, at, domain = email.partition("@")
    if not at:
        return "*" * len(email)
    return (local[:1] + "***" if local else "***") + "@" + domain


def mask_address(address: str) -> str:
    """Keep the first 6 characters (province, city, county), hide the rest."""
    if len(address) <= 6:
        return "*" * len(address)
    return address[:6] + "****"


def can_view_in_full(user, application) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if roles.holds(user, "applications.view_personal_data"):
        return True
    if not user.has_perm("applications.view_application"):
        return False
    if application.created_by_id is not None and application.created_by_id == user.pk:
        return True
    return (
        application.officer_id is not None
        and application.officer_id == user.pk
        and application.officer_assigned_by_head
    )


def masked(application) -> dict[str, str]:
    """The applicant's personal fields as anyone with access to the case may see them."""
    return {
        "id_number": mask_id_number(application.id_number) if application.id_number else "",
        "phone": mask_phone(application.phone) if application.phone else "",
        "email": mask_email(application.email) if application.email else "",
        "address": mask_address(application.address) if application.address else "",
    }


def in_full(application) -> dict[str, str]:
    return {name: getattr(application, name) for name in PERSONAL_FIELDS}
