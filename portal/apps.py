from django.apps import AppConfig
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from wagtail.signals import page_unpublished

from core.clients import trusted_proxies
from portal import (
    page_cache,
    request_log,  # noqa: F401  (connects the task log receivers)
)
from portal.dates import use_typed_dates_in_the_admin


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户"

    def ready(self):
        checks.register(check_trusted_proxies, checks.Tags.security)
        checks.register(page_cache.check_shared_cache)
        page_cache.connect_signals()
        # local import: the signal receivers need the app registry ready (app loading)
        from portal import attachments, languages  # noqa: F401

        page_unpublished.connect(
            languages.withdraw_translations, dispatch_uid="portal.withdraw_translations"
        )

        use_typed_dates_in_the_admin()


def check_trusted_proxies(app_configs=None, **kwargs):
    """TRUSTED_PROXIES must hold IP addresses or networks (core/clients.py)."""
    try:
        trusted_proxies()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="portal.E001")]
    return []
