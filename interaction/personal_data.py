"""Who may see a writer's personal data in full, and how it looks masked.

Name, phone and email are encrypted at rest and shown masked by default. Only the handler the
message is assigned to, or a holder of ``interaction.view_personal_data``, may see them in
full, and each full view is logged (models.PersonalDataAccess).
"""

from core.rules.identifiers import mask_name, mask_phone
from disclosure.applications.personal_data import mask_email

PERSONAL_FIELDS = ("name", "phone", "email")


def can_view_in_full(user, message) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm("interaction.view_personal_data"):
        return True
    return message.officer_id is not None and message.officer_id == user.pk


def masked(message) -> dict[str, str]:
    return {
        "name": mask_name(message.name) if message.name else "",
        "phone": mask_phone(message.phone) if message.phone else "",
        "email": mask_email(message.email) if message.email else "",
    }


def in_full(message) -> dict[str, str]:
    return {name: getattr(message, name) for name in PERSONAL_FIELDS}
