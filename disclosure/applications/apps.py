from django.apps import AppConfig
from django.core import checks


class ApplicationsConfig(AppConfig):
    name = "disclosure.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self):
        checks.register(check_encryption_keys, checks.Tags.security)
        # local import: roles imports the models, loaded only once the app registry is ready
        from . import roles

        roles.connect()


def check_encryption_keys(app_configs=None, **kwargs):
    """The SM4 keys for personal data must be configured and well-formed."""
    # local import: apps.py loads before the app registry is ready (AppConfig convention)
    from .crypto import KeyConfigurationError, key_ring

    try:
        key_ring()
    except KeyConfigurationError as error:
        return [checks.Error(str(error), id="applications.E001")]
    return []
